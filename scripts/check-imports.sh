#!/usr/bin/env bash
# Enforces the dependency rule of docs/architecture.md: LeioCore imports Foundation only (so an iOS/macOS app can
# embed it); LeioStore imports the core and the database drivers, never the server or the command line.
set -euo pipefail
cd "$(dirname "$0")/.."

# check MODULE ALLOWED-REGEX
check() {
  local bad
  bad=$(grep -rhoE '^\s*(public |internal |package |@testable )?import [A-Za-z_]+' "Sources/$1" \
    | awk '{print $NF}' | sort -u | grep -vxE "$2" || true)
  if [ -n "$bad" ]; then
    echo "$1 may import only $2; found: $bad" >&2
    exit 1
  fi
  echo "$1 imports: $2"
}

check LeioCore 'Foundation'
check LeioStore 'Foundation|LeioCore|SQLiteNIO|PostgresNIO|NIOCore|NIOPosix|NIOSSL|Logging|HummingbirdBcrypt|Crypto'
check LeioSurvival 'Foundation'
