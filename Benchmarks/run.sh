#!/usr/bin/env bash
# Leio benchmarks (release build): in-process staging throughput, and
# `leio batch stage` end to end on generated registry files with peak memory.
#   bash Benchmarks/run.sh            # 1M and 5M rows
#   ROWS="1000000" bash Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-"1000000 5000000"}
WORK=${WORK:-$(mktemp -d)}
swift build -c release --product leio >/dev/null
swift build -c release --product LeioBench >/dev/null
BIN=.build/release
echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1)"
echo "== in-process staging (one core)"
"$BIN/LeioBench" staging --cases 100000 --seconds 5
echo "== leio batch stage (end to end)"
printf '%-10s %-10s %-12s %-12s\n' rows seconds rows/s peakRSS_MB
for rows in $ROWS; do
  file="$WORK/registry-$rows.csv"
  [ -f "$file" ] || "$BIN/LeioBench" generate --rows "$rows" --output "$file"
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN/leio" batch stage "$file" --output /dev/null 2>/dev/null
  read -r seconds kb < "$WORK/time.txt"
  awk -v r="$rows" -v s="$seconds" -v k="$kb" 'BEGIN { printf "%-10d %-10.2f %-12.0f %-12.1f\n", r, s, r / s, k / 1024 }'
done
