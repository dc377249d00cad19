#!/usr/bin/env bash
# Competing risks side by side (release build): Leio (LeioBench competing) and R's cmprsk (cuminc, which computes the
# curves and Gray's test together), on the same synthetic files (LeioBench competing-data: 3 groups, 3 causes, ties).
#   bash Benchmarks/competing.sh                 # 100k and 1M rows
#   SIZES="100000" bash Benchmarks/competing.sh
# Needs: r-base-core r-cran-cmprsk (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
WORK=${WORK:-$(mktemp -d)}
swift build -c release --product LeioBench >/dev/null
cat > "$WORK/bench.R" <<'R'
suppressPackageStartupMessages(library(cmprsk))
f <- commandArgs(TRUE)[1]
t <- function(label, expr) {
  e <- substitute(expr); env <- parent.frame(); s <- numeric(3)
  for (i in 1:3) s[i] <- system.time(v <- eval(e, env))[["elapsed"]]
  cat(sprintf("r    %-11s %8.3f s\n", label, median(s))); invisible(v)
}
d <- t("read", read.csv(f))
fit <- t("cuminc+gray", cuminc(d$time, d$status, d$group))
cat("     Gray chi-square", paste(sprintf("%.4f", fit$Tests[, "stat"]), collapse = ", "), "\n")
R
echo "machine: $(nproc) cores, $(uname -m); $(Rscript -e 'cat(R.version.string, "cmprsk", format(packageVersion("cmprsk")))')"
for rows in $SIZES; do
  file="$WORK/competing-$rows.csv"
  [ -f "$file" ] || .build/release/LeioBench competing-data --rows "$rows" --output "$file"
  echo "== $rows rows ($(du -h "$file" | cut -f1))"
  .build/release/LeioBench competing --file "$file"
  Rscript "$WORK/bench.R" "$file"
done
