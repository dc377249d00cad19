#!/usr/bin/env bash
# Competing risks side by side (release build): Leio (LeioBench competing) and R's cmprsk (cuminc, which computes the
# curves and Gray's test together; crr, the Fine-Gray model of cause 1 on group + age), on the same synthetic files
# (LeioBench competing-data: 3 groups, 3 causes, ties).
#   bash Benchmarks/competing.sh                 # cuminc at 100k and 1M rows; crr at 5k, 10k and 20k rows
#   SIZES="100000" FG_SIZES="5000" bash Benchmarks/competing.sh
# crr loops over every subject at every event time (O(n²) per Newton step, more for its variance): 20k rows take it
# about 110 s on this machine, and 100k would take over an hour, so R's Fine-Gray runs at FG_SIZES only.
# Needs: r-base-core r-cran-cmprsk (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
FG_SIZES=${FG_SIZES:-"5000 10000 20000"}
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
cat > "$WORK/crr.R" <<'R'
suppressPackageStartupMessages(library(cmprsk))
d <- read.csv(commandArgs(TRUE)[1])
x <- model.matrix(~ group + age, d)[, -1]
s <- system.time(fit <- crr(d$time, d$status, x, failcode = 1))[["elapsed"]]
cat(sprintf("r    finegray %8.3f s\n", s))
cat("     Fine-Gray cause 1:", paste(sprintf("%s %.6f (se %.6f)", names(fit$coef), fit$coef, sqrt(diag(fit$var))),
  collapse = ", "), "\n")
R
echo "machine: $(nproc) cores, $(uname -m); $(Rscript -e 'cat(R.version.string, "cmprsk", format(packageVersion("cmprsk")))')"
for rows in $SIZES; do
  file="$WORK/competing-$rows.csv"
  [ -f "$file" ] || .build/release/LeioBench competing-data --rows "$rows" --output "$file"
  echo "== $rows rows ($(du -h "$file" | cut -f1))"
  .build/release/LeioBench competing --file "$file"
  Rscript "$WORK/bench.R" "$file"
done
for rows in $FG_SIZES; do
  file="$WORK/competing-$rows.csv"
  [ -f "$file" ] || .build/release/LeioBench competing-data --rows "$rows" --output "$file"
  echo "== Fine-Gray, $rows rows"
  .build/release/LeioBench competing --file "$file" | grep -A1 finegray
  Rscript "$WORK/crr.R" "$file"
done
