#!/usr/bin/env bash
# Coverage-guided fuzzing of Leio's readers: libFuzzer and AddressSanitizer, as the Swift toolchain ships them
# (-sanitize=fuzzer,address), over LeioCore, LeioSurvival and LeioStore instrumented for coverage.
#
#   bash scripts/fuzz.sh                       # every target for 60 s (what .ci/run does)
#   bash scripts/fuzz.sh 3600 csv backup       # longer runs of some targets
#
# Targets (Fuzz/LeioFuzz/LeioFuzz.swift), each with an invariant beyond "no crash" and a seed corpus in
# Fuzz/Corpus/<target>/ (never modified here: new inputs go to a temporary folder):
#   flat-json         the fast case-document reader agrees with JSONDecoder
#   csv               the CSV record reader: same records whatever the chunking; write-and-read-back round trip
#   survival-columns  CSV columns for survival: one value per row; Kaplan-Meier stays in [0, 1] and never rises;
#                     cumulative incidence rises within [0, 1]; Fine-Gray fits (finite) or throws
#   backup            the backup reader: accepted files re-encode to the same records; restore's record checks run
#   fhir              the FHIR bundle reader: read or refused with located problems, the same way twice
#   naaccr            the NAACCR XML reader (plain or gzip): a 1 MiB and a tiny buffer read the same tumours or stop
#                     with the same error at the same line
# A failing input is saved as out/fuzz/<target>-crash-…; the script exits 1. Per target it prints executions/s and
# coverage (libFuzzer's cov: edges and ft: features).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(flat-json csv survival-columns backup naaccr fhir)

echo "building the fuzz targets (LEIO_FUZZ=1, scratch path .build-fuzz)"
LEIO_FUZZ=1 swift build --product LeioFuzz --scratch-path .build-fuzz 2>&1 | grep -E "error:|Build complete|Compiling LeioFuzz" || true
binary=.build-fuzz/debug/LeioFuzz
[ -x "$binary" ] || { echo "fuzz build failed"; exit 1; }
mkdir -p out/fuzz
status=0
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  cp Fuzz/Corpus/"$target"/* "$work"/
  log=out/fuzz/$target.log
  if LEIO_FUZZ_TARGET=$target "$binary" "$work" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
       -artifact_prefix=out/fuzz/"$target"- -print_final_stats=1 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | grep -o '[0-9]*$' || echo 0)
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
  echo "fuzz $target: $result — $runs executions in ${seconds} s ($rate exec/s); $coverage; seeds $(ls Fuzz/Corpus/"$target" | wc -l), corpus now $(ls "$work" | wc -l)"
  if [ "$result" = FAILED ]; then grep -E "ERROR|Fatal error|SUMMARY|Test unit written|fatalError" "$log" | head -20; fi
  rm -rf "$work"
done
exit $status
