#!/usr/bin/env bash
# NAACCR XML staging against libxml2's floor (issue 14): a generated incidence file of TUMOURS tumours (default
# 1,000,000) is parsed by `xmllint --stream --noout` (Debian libxml2-utils) and staged by `leio naaccr stage`
# (release build), each run three times from a warm page cache; prints the median seconds, tumours/s, MB/s, peak RSS
# and the ratio of Leio's rate to xmllint's.
#   bash Benchmarks/naaccr.sh
#   TUMOURS=200000 bash Benchmarks/naaccr.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TUMOURS=${TUMOURS:-1000000}
WORK=${WORK:-$(mktemp -d)}
command -v xmllint >/dev/null || { echo "xmllint is missing: apt-get install libxml2-utils" >&2; exit 69; }
swift build -c release --product leio >/dev/null
swift build -c release --product LeioBench >/dev/null
BIN=.build/release
file="$WORK/incidence-$TUMOURS.xml"
[ -f "$file" ] || "$BIN/LeioBench" naaccr --tumours "$TUMOURS" --output "$file"
bytes=$(stat -c %s "$file")
cat "$file" >/dev/null
echo "machine: $(nproc) cores, $(uname -m); file: $TUMOURS tumours, $((bytes >> 20)) MiB; $(xmllint --version 2>&1 | head -1)"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
run() { # label command… → "seconds peakKB" (median of three by time)
  local label=$1; shift
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt"
    cat "$WORK/time.txt"
  done | sort -n | awk 'NR == 2'
}
read -r xs xk < <(run xmllint xmllint --stream --noout "$file")
read -r ls lk < <(run leio "$BIN/leio" naaccr stage "$file" --output "$WORK/report.csv")
read -r os ok < <(run leio-xml "$BIN/leio" naaccr stage "$file" --output "$WORK/report.csv" --xml-output "$WORK/out.xml")
tail -1 "$WORK/stderr.txt"
printf '%-34s %8s %12s %8s %10s\n' run seconds tumours/s MB/s peakRSS_MB
for row in "xmllint --stream --noout:$xs:$xk" "leio naaccr stage (CSV report):$ls:$lk" \
  "leio naaccr stage (+ XML output):$os:$ok"; do
  IFS=: read -r label s k <<<"$row"
  awk -v l="$label" -v s="$s" -v k="$k" -v t="$TUMOURS" -v b="$bytes" \
    'BEGIN { printf "%-34s %8.2f %12.0f %8.1f %10.1f\n", l, s, t / s, b / s / 1e6, k / 1024 }'
done
awk -v x="$xs" -v l="$ls" 'BEGIN { printf "Leio / xmllint rate: %.0f %% (the issue asks >= 50 %%)\n", 100 * x / l }'
