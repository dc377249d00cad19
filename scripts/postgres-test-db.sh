#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster (Debian's postgresql package) and makes sure the test role and a database
# exist; prints the database's URL. Run as root (CI and this workplace run as root).
#   export LEIO_TEST_POSTGRES_URL=$(bash scripts/postgres-test-db.sh)        # leio_test, kept
#   bash scripts/postgres-test-db.sh leio_crash fresh                          # dropped and created empty
set -euo pipefail
database=${1:-leio_test}
mode=${2:-keep}
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.2; done
psql_admin() { su postgres -c "psql -p $port -tAc \"$1\""; }
# The test suite runs its suites in parallel, each PostgreSQL registry with a pool of its own: Debian's default of 100
# connections is too few (a suite then fails with "remaining connection slots are reserved").
if [ "$(psql_admin "SHOW max_connections")" -lt 300 ]; then
  psql_admin "ALTER SYSTEM SET max_connections = 300" >/dev/null
  pg_ctlcluster "$version" main restart >/dev/null
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.2; done
fi
[ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'leio'")" = "1" ] || psql_admin "CREATE ROLE leio LOGIN PASSWORD 'leio' CREATEDB" >/dev/null
if [ "$mode" = "fresh" ]; then su postgres -c "dropdb -p $port --if-exists $database" >/dev/null 2>&1; fi
[ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$database'")" = "1" ] || su postgres -c "createdb -p $port -O leio $database"
echo "postgres://leio:leio@127.0.0.1:$port/$database"
