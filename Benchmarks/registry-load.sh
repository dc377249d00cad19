#!/usr/bin/env bash
# Registry load benchmark (release build): 64 concurrent clients for 60 s mixing reads and writes through the
# API — 70 % case files (GET /api/v1/patients/{id}), 15 % searches (GET /api/v1/patients?q=…), 5 % the follow-up
# board, 10 % new patients (POST /api/v1/patients). Every request writes an audit row. Runs, in one go:
#   SQLite and PostgreSQL with `leio serve --commit each` (one commit per request: before group commit) and
#   `--commit grouped` (the default), then PostgreSQL with two `leio serve` processes on one database (wrk's two
#   threads, one port each) against the one-server figure.
# Reports requests/s, latency percentiles and errors, then checks that every acknowledged write (201) is in the
# backup, that the audit log holds at least one row per acknowledged request, and that `leio store check` passes;
# and the CPU time each request cost the server processes and (PostgreSQL) the database's processes.
#   bash Benchmarks/registry-load.sh                                   # everything, 64 connections, 60 s each
#   DURATION=20s RUNS="sqlite:each:1 sqlite:grouped:1" bash Benchmarks/registry-load.sh
# Needs wrk (Debian: apt-get install wrk); PostgreSQL through scripts/postgres-test-db.sh (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-60s}
RUNS=${RUNS:-"sqlite:each:1 sqlite:grouped:1 postgres:each:1 postgres:grouped:1 postgres:grouped:2"}
PORT=${PORT:-18098}
WORK=$(mktemp -d)
# shellcheck source=Benchmarks/registry-common.sh
. Benchmarks/registry-common.sh
SERVERS_RUNNING=""
trap 'for pid in $SERVERS_RUNNING; do kill -TERM "$pid" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

cat > "$WORK/mix.lua" <<'EOF'
-- Mixed registry traffic; ids of the seeded patients come as script arguments.
local counter = 0
local ids = {}
local threads = {}

function setup(thread)
  thread:set("number", #threads + 1)
  -- With several servers (LEIO_PORTS="18098,18099"), thread i talks to server i (round robin).
  local ports = {}
  for port in string.gmatch(os.getenv("LEIO_PORTS") or "", "[^,]+") do table.insert(ports, port) end
  if #ports > 1 then
    thread.addr = wrk.lookup("127.0.0.1", ports[(#threads % #ports) + 1])[1]
  end
  table.insert(threads, thread)
end

function init(args)
  for id in string.gmatch(args[1], "[^,]+") do table.insert(ids, id) end
  token = args[2]
  acks, failures, answered = 0, 0, 0
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
  if status >= 200 and status < 300 then answered = answered + 1 end
  if status == 201 then
    acks = acks + 1
    table.insert(written, string.match(body, '"identifier":"(LOAD%-[^"]+)"') or "?")
  elseif status >= 300 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local totalAcks, totalFailures, totalAnswered = 0, 0, 0
  local file = io.open(os.getenv("LEIO_ACKED_FILE"), "w")
  for _, thread in ipairs(threads) do
    totalAcks = totalAcks + thread:get("acks")
    totalAnswered = totalAnswered + thread:get("answered")
    totalFailures = totalFailures + thread:get("failures")
    for _, identifier in ipairs(thread:get("written")) do file:write(identifier, "\n") end
  end
  file:close()
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %.3f %.3f %d %d %d %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, totalFailures, totalAcks, totalAnswered, summary.requests))
end
EOF


echo "machine: $(nproc) cores, $(uname -m); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; server: leio serve (release), registry API as an admin token"
printf '%-9s %7s %-8s %10s %7s %7s %7s %8s %8s %8s %7s %7s %8s %10s %10s %s %s %s\n' database servers commit requests/s p50_ms p90_ms p99_ms max_ms sock_err non-2xx acked stored missing answered audit_rows check leio_cpu_ms/req db_cpu_ms/req
status=0
for run in $RUNS; do
  IFS=: read -r backend mode servers <<<"$run"
  if [ "$backend" = postgres ]; then DB=$(bash scripts/postgres-test-db.sh leio_load fresh); else DB="$WORK/load-$mode.sqlite"; fi
  TOKEN=$(seed_registry "$DB" "$PORT" load.admin)
  PORTS=""
  SERVERS_RUNNING=""
  for index in $(seq 1 "$servers"); do
    port=$((PORT + index - 1))
    "$LEIO" serve --host 127.0.0.1 --port "$port" --database "$DB" --commit "$mode" >/dev/null 2>"$WORK/server-$backend-$index.log" &
    SERVERS_RUNNING="$SERVERS_RUNNING $!"
    PORTS="${PORTS:+$PORTS,}$port"
    wait_healthy "$port"
  done
  IDS=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/patients?limit=1000" | python3 -c "import json,sys; print(','.join(p['patient']['id'] for p in json.load(sys.stdin)))")
  export LEIO_ACKED_FILE="$WORK/acked-$backend.txt" LEIO_PORTS="$PORTS"
  # shellcheck disable=SC2086
  leio_before=$(cpu_ticks $SERVERS_RUNNING) db_before=$(cpu_ticks $(db_pids "$backend"))
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" -- "$IDS" "$TOKEN" | grep '^RESULT')
  # The pool opens connections (PostgreSQL backends) under load: the backends alive now count, new ones from zero.
  # shellcheck disable=SC2086
  leio_after=$(cpu_ticks $SERVERS_RUNNING) db_after=$(cpu_ticks $(db_pids "$backend"))
  read -r _ rps p50 p90 p99 max socket non2xx failures acks answered total <<<"$line"
  leio_cpu=$(ms_per_request "$leio_before" "$leio_after" "$total")
  db_cpu=$( [ "$backend" = postgres ] && ms_per_request "$db_before" "$db_after" "$total" || echo -)
  for pid in $SERVERS_RUNNING; do kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; done
  SERVERS_RUNNING=""
  CHECK=$("$LEIO" store check --database "$DB" >/dev/null 2>&1 && echo ok || echo FAILED)
  # Every identifier wrk saw acknowledged (201) must be in the backup; more may be stored (in flight when wrk
  # stopped). Every answered request wrote one audit row (read, list or create) as the load account.
  "$LEIO" backup --database "$DB" "$WORK/backup-$backend.json" 2>/dev/null
  read -r STORED MISSING AUDITED <<<"$(python3 - "$WORK/backup-$backend.json" "$LEIO_ACKED_FILE" <<'PY'
import json, sys
backup = json.load(open(sys.argv[1]))
stored = {p["identifier"] for p in backup["patients"] if p["identifier"].startswith("LOAD-")}
acked = {line.strip() for line in open(sys.argv[2]) if line.strip()}
audited = sum(1 for e in backup["audit"] if e["username"] == "load.admin" and e["action"] in ("read", "list", "create"))
print(len(stored), len(acked - stored), audited)
PY
)"
  printf '%-9s %7d %-8s %10.0f %7.2f %7.2f %7.2f %8.2f %8d %8d %7d %7d %8d %10d %10d %5s %15s %13s\n' "$backend" "$servers" "$mode" "$rps" "$p50" "$p90" "$p99" "$max" "$socket" "$failures" "$acks" "$STORED" "$MISSING" "$answered" "$AUDITED" "$CHECK" "$leio_cpu" "$db_cpu"
  if [ "$socket" != 0 ] || [ "$failures" != 0 ] || [ "$MISSING" != 0 ] || [ "$AUDITED" -lt "$answered" ] || [ "$CHECK" != ok ]; then status=1; fi
done
[ $status = 0 ] && echo "zero errors; every acknowledged write is stored and every answered request audited; integrity check passed" || echo "LOAD TEST FOUND A PROBLEM"
exit $status
