#!/usr/bin/env bash
# HTTP load benchmark (release build): wrk against `POST /api/v1/stage` and, in the same run and the same
# server process, `POST /bench/baseline` — a route that reads the same body through the same middleware and
# answers a fixed document, i.e. the cost of Hummingbird alone. Reports requests/s, latency percentiles and
# errors for each, and the stage endpoint's share of the baseline's requests/s.
#   bash Benchmarks/load.sh                       # 64 connections, 2 wrk threads, 3 rounds of 10 s per route
#   CONNECTIONS=128 ROUNDS=5 DURATION=20s bash Benchmarks/load.sh
# The routes alternate (baseline, stage, baseline, stage, …) so that drift in a shared machine's speed falls on both;
# each round's ratio is printed, then the median round.
# Needs wrk (Debian: apt-get install wrk). wrk and the server share this machine's cores.
# Aims (issue 4): stage ≥ 70 % of baseline requests/s, stage p99 < 10 ms at 64 connections, zero errors.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18090}
WORK=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product leio >/dev/null
# Request logs go to stderr at info level, as in production; keep them (for the count), off the terminal.
.build/release/leio serve --host 127.0.0.1 --port "$PORT" --database "$WORK/registry.sqlite" --benchmark-baseline 2>"$WORK/server.log" &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

# The case every request sends: the README's extremity example (all systems, full explanation in the response).
BODY='{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0","histology":"8890/3"}'
cat > "$WORK/post.lua" <<EOF
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %.3f %.3f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
EOF
curl -sf -X POST -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$PORT/api/v1/stage" | grep -q '"stageGroup":"III"' \
  || { echo "the stage endpoint did not answer stage III for the benchmark case" >&2; exit 1; }

echo "machine: $(nproc) cores, $(uname -m); wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds; server: leio serve (release)"
printf '%-6s %-16s %10s %8s %8s %8s %8s %13s %8s\n' round route requests/s p50_ms p90_ms p99_ms max_ms socket_errors non-2xx
for route in /bench/baseline /api/v1/stage; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$WORK/post.lua" "http://127.0.0.1:$PORT$route" >/dev/null  # warm-up
done
ratios=()
errors=0
for round in $(seq 1 "$ROUNDS"); do
  declare -A RPS=()
  for route in /bench/baseline /api/v1/stage; do
    line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/post.lua" "http://127.0.0.1:$PORT$route" | grep '^RESULT')
    read -r _ rps p50 p90 p99 max socket status <<<"$line"
    RPS[$route]=$rps
    errors=$((errors + socket + status))
    printf '%-6s %-16s %10.0f %8.2f %8.2f %8.2f %8.2f %13d %8d\n' "$round" "$route" "$rps" "$p50" "$p90" "$p99" "$max" "$socket" "$status"
  done
  ratio=$(awk -v s="${RPS[/api/v1/stage]}" -v b="${RPS[/bench/baseline]}" 'BEGIN { printf "%.1f", 100 * s / b }')
  echo "round $round: stage / baseline requests/s = $ratio %"
  ratios+=("$ratio")
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median stage / baseline requests/s: $median % (aim ≥ 70 %); errors in all rounds: $errors"
echo "server log lines: $(wc -l < "$WORK/server.log") (one per request: id, method, route, status, duration)"
