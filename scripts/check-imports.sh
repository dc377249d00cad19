#!/usr/bin/env bash
# Enforces the dependency rule of docs/architecture.md: LeioCore imports
# Foundation only, so an iOS/macOS app can embed it.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rhoE '^\s*(public |internal |package |@testable )?import [A-Za-z_]+' Sources/LeioCore \
  | awk '{print $NF}' | sort -u | grep -vxE 'Foundation' || true)
if [ -n "$bad" ]; then
  echo "LeioCore must import Foundation only; found: $bad" >&2
  exit 1
fi
echo "LeioCore imports: Foundation only"

# LeioStore: the core and the database drivers, never the server or the command line.
bad=$(grep -rhoE '^\s*(public |internal |package |@testable )?import [A-Za-z_]+' Sources/LeioStore \
  | awk '{print $NF}' | sort -u | grep -vxE 'Foundation|LeioCore|SQLiteNIO|PostgresNIO|NIOCore|Logging' || true)
if [ -n "$bad" ]; then
  echo "LeioStore must import LeioCore and the database drivers only; found: $bad" >&2
  exit 1
fi
echo "LeioStore imports: Foundation, LeioCore, SQLiteNIO, PostgresNIO, NIOCore, Logging"
