#!/usr/bin/env bash
# Registry load benchmark (release build): 64 concurrent clients for 60 s mixing reads and writes through the
# API — 70 % case files (GET /api/v1/patients/{id}), 15 % searches (GET /api/v1/patients?q=…), 5 % the follow-up
# board, 10 % new patients (POST /api/v1/patients) — on SQLite and on PostgreSQL. Reports requests/s, latency
# percentiles and errors, then checks that every acknowledged write (201) is in the database and that it passes
# `leio store check`.
#   bash Benchmarks/registry-load.sh                          # both databases, 64 connections, 60 s each
#   DURATION=20s BACKENDS=sqlite bash Benchmarks/registry-load.sh
# Needs wrk (Debian: apt-get install wrk); PostgreSQL through scripts/postgres-test-db.sh (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-60s}
BACKENDS=${BACKENDS:-"sqlite postgres"}
PORT=${PORT:-18098}
WORK=$(mktemp -d)
LEIO=.build/release/leio
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product leio >/dev/null
trap 'kill -TERM "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

cat > "$WORK/mix.lua" <<'EOF'
-- Mixed registry traffic; ids of the seeded patients come as script arguments.
local counter = 0
local ids = {}
local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for id in string.gmatch(args[1], "[^,]+") do table.insert(ids, id) end
  token = args[2]
  acks, failures = 0, 0
  written = {}
  math.randomseed(os.time() + number * 7919)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  local pick = math.random(100)
  if pick <= 70 then
    return wrk.format("GET", "/api/v1/patients/" .. ids[math.random(#ids)], headers)
  elseif pick <= 85 then
    return wrk.format("GET", "/api/v1/patients?limit=20&q=example-0" .. math.random(0, 4), headers)
  elseif pick <= 90 then
    return wrk.format("GET", "/api/v1/follow-up", headers)
  end
  counter = counter + 1
  local body = string.format('{"identifier":"LOAD-%d-%d-%d","name":"Load test patient (fictional)","sex":"unknown"}', number, os.time(), counter)
  return wrk.format("POST", "/api/v1/patients", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    acks = acks + 1
    table.insert(written, string.match(body, '"identifier":"(LOAD%-[^"]+)"') or "?")
  elseif status >= 300 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local totalAcks, totalFailures = 0, 0
  local file = io.open(os.getenv("LEIO_ACKED_FILE"), "w")
  for _, thread in ipairs(threads) do
    totalAcks = totalAcks + thread:get("acks")
    totalFailures = totalFailures + thread:get("failures")
    for _, identifier in ipairs(thread:get("written")) do file:write(identifier, "\n") end
  end
  file:close()
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %.3f %.3f %d %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, totalFailures, totalAcks))
end
EOF

echo "machine: $(nproc) cores, $(uname -m); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; server: leio serve (release), registry API as an admin token"
printf '%-10s %10s %8s %8s %8s %8s %13s %8s %10s %10s %8s %s\n' database requests/s p50_ms p90_ms p99_ms max_ms socket_errors non-2xx acked_writes stored missing check
status=0
for backend in $BACKENDS; do
  if [ "$backend" = postgres ]; then DB=$(bash scripts/postgres-test-db.sh leio_load fresh); else DB="$WORK/load.sqlite"; fi
  echo "load-test-password" | "$LEIO" user create --database "$DB" --username load.admin --role admin --password-stdin >/dev/null
  TOKEN=$("$LEIO" user token --database "$DB" --username load.admin --name load)
  "$LEIO" serve --host 127.0.0.1 --port "$PORT" --database "$DB" --demo >/dev/null 2>"$WORK/server-$backend.log" &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
  IDS=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/patients?limit=1000" | python3 -c "import json,sys; print(','.join(p['patient']['id'] for p in json.load(sys.stdin)))")
  export LEIO_ACKED_FILE="$WORK/acked-$backend.txt"
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" -- "$IDS" "$TOKEN" | grep '^RESULT')
  read -r _ rps p50 p90 p99 max socket non2xx failures acks <<<"$line"
  kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null || true
  CHECK=$("$LEIO" store check --database "$DB" >/dev/null 2>&1 && echo ok || echo FAILED)
  # Every identifier wrk saw acknowledged (201) must be in the backup; more may be stored (in flight when wrk stopped).
  "$LEIO" backup --database "$DB" "$WORK/backup-$backend.json" 2>/dev/null
  read -r STORED MISSING <<<"$(python3 - "$WORK/backup-$backend.json" "$LEIO_ACKED_FILE" <<'PY'
import json, sys
stored = {p["identifier"] for p in json.load(open(sys.argv[1]))["patients"] if p["identifier"].startswith("LOAD-")}
acked = {line.strip() for line in open(sys.argv[2]) if line.strip()}
print(len(stored), len(acked - stored))
PY
)"
  printf '%-10s %10.0f %8.2f %8.2f %8.2f %8.2f %13d %8d %10d %10d %8d %s\n' "$backend" "$rps" "$p50" "$p90" "$p99" "$max" "$socket" "$failures" "$acks" "$STORED" "$MISSING" "$CHECK"
  if [ "$socket" != 0 ] || [ "$failures" != 0 ] || [ "$MISSING" != 0 ] || [ "$CHECK" != ok ]; then status=1; fi
done
[ $status = 0 ] && echo "zero errors; every acknowledged write is stored; integrity check passed" || echo "LOAD TEST FOUND A PROBLEM"
exit $status
