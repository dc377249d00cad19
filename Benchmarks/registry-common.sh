# Shared by registry-load.sh and registry-endpoints.sh, sourced from the repository's root: the release build, a
# seeded registry, and the CPU time the server and PostgreSQL spend (steadier than requests/s on a shared machine).
LEIO=.build/release/leio
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
swift build -c release --product leio >/dev/null
TICK_MS=$((1000 / $(getconf CLK_TCK)))

# Waits until the server on port $1 answers /healthz (30 s at most).
wait_healthy() {
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done
}

# An admin account $3 with an API token (printed), and the 48 fictional demo patients, in database $1 (the seeding
# server runs on port $2 until the demo is in, then stops).
seed_registry() {
  local token seeder
  echo "benchmark-password" | "$LEIO" user create --database "$1" --username "$3" --role admin --password-stdin >/dev/null
  token=$("$LEIO" user token --database "$1" --username "$3" --name bench)
  "$LEIO" serve --demo --database "$1" --port "$2" >/dev/null 2>&1 &
  seeder=$!
  wait_healthy "$2"
  kill -TERM $seeder
  wait $seeder 2>/dev/null || true
  echo "$token"
}

# User + system clock ticks of the given processes so far.
cpu_ticks() {
  local total=0 pid fields
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    read -r -a fields <"/proc/$pid/stat" || continue
    total=$((total + fields[13] + fields[14]))
  done
  echo "$total"
}

# PostgreSQL's processes now (the pool opens backends as load arrives), or none for SQLite ($1 the database kind).
db_pids() {
  if [ "$1" = postgres ]; then pgrep -x postgres | tr '\n' ' '; fi
}

# Milliseconds of CPU per request: ticks before $1, after $2, requests $3.
ms_per_request() {
  python3 -c "print(f'{($2 - $1) * $TICK_MS / max(1, $3):.3f}')"
}
