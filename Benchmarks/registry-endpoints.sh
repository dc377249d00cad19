#!/usr/bin/env bash
# What one registry request costs, endpoint by endpoint (release build): each endpoint alone for DURATION with 64
# connections, on SQLite and on PostgreSQL, with the CPU time it cost the server process and (PostgreSQL) the
# database's processes per request. The floor under Benchmarks/registry-load.sh's mix: on 2 cores shared by wrk, the
# server and PostgreSQL, requests/s cannot exceed what the cheapest of them allows.
#   bash Benchmarks/registry-endpoints.sh                 # both databases, 10 s per endpoint
#   DURATION=5s DATABASES=sqlite bash Benchmarks/registry-endpoints.sh
# Needs wrk; PostgreSQL through scripts/postgres-test-db.sh (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
DATABASES=${DATABASES:-"sqlite postgres"}
PORT=${PORT:-18098}
WORK=$(mktemp -d)
# shellcheck source=Benchmarks/registry-common.sh
. Benchmarks/registry-common.sh
SERVER=""
trap '[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

cat > "$WORK/get.lua" <<'LUA'
function init(args) token = args[1]; path = args[2] end
function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
LUA
cat > "$WORK/post.lua" <<'LUA'
local counter = 0
function setup(thread) thread:set("tag", tostring(math.random(1e9)) .. "-" .. tostring(thread)) end
function init(args) token = args[1] end
function request()
  counter = counter + 1
  local body = string.format('{"identifier":"EP-%s-%d","name":"Endpoint test patient (fictional)","sex":"unknown"}',
    string.gsub(tag, "[^%w]", ""), counter)
  return wrk.format("POST", "/api/v1/patients", { ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json" }, body)
end
LUA


echo "machine: $(nproc) cores; wrk -t2 -c64 -d$DURATION; leio serve (release), --commit grouped; one endpoint at a time"
printf '%-9s %-40s %10s %8s %10s %16s %14s\n' database endpoint requests/s p99 non-2xx leio_cpu_ms/req db_cpu_ms/req
for backend in $DATABASES; do
  if [ "$backend" = postgres ]; then DB=$(bash scripts/postgres-test-db.sh leio_endpoints fresh); else DB="$WORK/endpoints.sqlite"; fi
  TOKEN=$(seed_registry "$DB" "$PORT" bench.admin)
  "$LEIO" serve --host 127.0.0.1 --port "$PORT" --database "$DB" >/dev/null 2>"$WORK/server.log" &
  SERVER=$!
  wait_healthy "$PORT"
  ID=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/patients?limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['patient']['id'])")
  for endpoint in /healthz /api/v1/me "/api/v1/patients/$ID" "/api/v1/patients?limit=20&q=example-01" /api/v1/follow-up POST; do
    name=$endpoint
    [ "$endpoint" = "/api/v1/patients/$ID" ] && name="/api/v1/patients/{id}"
    [ "$endpoint" = POST ] && name="POST /api/v1/patients"
    # The pool opens connections (PostgreSQL backends) as load arrives: warm it, and count backends alive at the end.
    wrk -t2 -c64 -d1s -s "$WORK/get.lua" "http://127.0.0.1:$PORT" -- "$TOKEN" /api/v1/me >/dev/null
    # shellcheck disable=SC2086
    leio_before=$(cpu_ticks "$SERVER") db_before=$(cpu_ticks $(db_pids "$backend"))
    if [ "$endpoint" = POST ]; then
      out=$(wrk -t2 -c64 -d"$DURATION" --latency -s "$WORK/post.lua" "http://127.0.0.1:$PORT" -- "$TOKEN")
    else
      out=$(wrk -t2 -c64 -d"$DURATION" --latency -s "$WORK/get.lua" "http://127.0.0.1:$PORT" -- "$TOKEN" "$endpoint")
    fi
    # shellcheck disable=SC2086
    leio_after=$(cpu_ticks "$SERVER") db_after=$(cpu_ticks $(db_pids "$backend"))
    total=$(echo "$out" | grep -oE '[0-9]+ requests in' | cut -d' ' -f1)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    leio_cpu=$(ms_per_request "$leio_before" "$leio_after" "$total")
    db_cpu=$( [ "$backend" = postgres ] && ms_per_request "$db_before" "$db_after" "$total" || echo -)
    printf '%-9s %-40s %10.0f %8s %10s %16s %14s\n' "$backend" "$name" "$rps" "$p99" "${non2xx:-0}" "$leio_cpu" "$db_cpu"
  done
  kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null || true
  SERVER=""
done
