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

check LeioCore 'Foundation|LeioCSV'
check LeioStore 'Foundation|LeioCore|CSQLite|PostgresNIO|NIOCore|NIOPosix|NIOSSL|NIOConcurrencyHelpers|Logging|HummingbirdBcrypt|Crypto'
check LeioSurvival 'Foundation|LeioCSV'
check LeioCSV 'Foundation'
check LeioReport 'Foundation|LeioCore'
check LeioNAACCR 'Foundation|LeioCore|CZlib'
check LeioFHIR 'Foundation|LeioCore|LeioStore'
# The server's public pages (Web/) know nothing of the registry (Registry/ uses Web/, never the reverse).
check LeioServer/Web 'Foundation|Hummingbird|LeioCore|LeioReport'
if grep -rnE '\b(Identity|RegistryPages|RegistryWeb|RegistryAPI|LeioStore|Registry)\b[.(:]' Sources/LeioServer/Web; then
  echo "Sources/LeioServer/Web must not use the registry (above)" >&2
  exit 1
fi
echo "LeioServer/Web does not use Registry/"
