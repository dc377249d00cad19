#!/usr/bin/env bash
# Runs schemathesis against a live `leio serve` on loopback, using the served OpenAPI document.
# Checks: no 5xx, declared status codes, declared content types, responses matching their schemas. The registry's
# operations run as an admin (API token), on a throw-away SQLite registry.
# (Positive/negative data acceptance is not checked: clinical consistency between fields, such as a
# uterine extent on a limb site, cannot be expressed in a JSON schema, so schema-valid bodies may be 422.)
#   bash scripts/schemathesis.sh [path/to/leio] [max examples per operation]
set -euo pipefail
cd "$(dirname "$0")/.."
LEIO=${1:-.build/debug/leio}
EXAMPLES=${2:-30}
PORT=18080
DB=$(mktemp -d)/registry.sqlite
# An admin API token, so the registry's operations are exercised for real (not only their 401s).
echo "schemathesis-password" | "$LEIO" user create --database "$DB" --username fuzz.admin --role admin --password-stdin >/dev/null
TOKEN=$("$LEIO" user token --database "$DB" --username fuzz.admin --name schemathesis)
"$LEIO" serve --host 127.0.0.1 --port "$PORT" --database "$DB" > /tmp/leio-schemathesis-server.log 2>&1 &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.2
done
run() {
  schemathesis run "http://127.0.0.1:$PORT/api/v1/openapi.json" -H "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" --workers 2 --seed "$1" 2>&1 | tee /tmp/leio-schemathesis.log
  return "${PIPESTATUS[0]}"
}
# schemathesis 4.x sometimes stops an operation with its own "Runtime Error" (Hypothesis failing to describe a lambda:
# "AST constructor recursion depth mismatch"), with no request failing; such a run is repeated once. Any failed check
# of Leio's answers fails at once. The seed is fixed, so the repeat (at most two) uses the next seed: the same seed
# reproduces the same internal error.
seed=20261123
for attempt in 1 2 3; do
  run "$seed" && exit 0
  if [ "$attempt" -lt 3 ] && grep -q "Runtime Error" /tmp/leio-schemathesis.log \
    && ! grep -qE "[0-9]+ failed" /tmp/leio-schemathesis.log; then
    seed=$((seed + 1))
    echo "schemathesis stopped on an internal error only (no check failed): running it again with seed $seed"
  else
    exit 1
  fi
done
