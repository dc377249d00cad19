#!/usr/bin/env bash
# Survival statistics side by side (release build): Leio (LeioBench survival), R's survival package and Python's
# lifelines, on the same `leio simulate` files. Tasks: read the file; Kaplan-Meier by summary stage (survfit);
# log-rank (survdiff); Cox with 5 covariates — age, sizeCm, summaryStage, margin, site — Efron ties (coxph).
# Peak memory per tool and size from /usr/bin/time.
#   bash Benchmarks/survival.sh                    # 100k and 1M rows (all tools), 10M (Leio and R)
#   SIZES="100000" bash Benchmarks/survival.sh
# Needs: r-base-core r-cran-survival (Debian), pip install lifelines.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000 10000000"}
WORK=${WORK:-$(mktemp -d)}
swift build -c release --product leio >/dev/null
swift build -c release --product LeioBench >/dev/null
cat > "$WORK/bench.R" <<'R'
suppressPackageStartupMessages(library(survival))
f <- commandArgs(TRUE)[1]
t <- function(label, expr) { s <- system.time(v <- expr); cat(sprintf("r    %-9s %8.3f s\n", label, s[["elapsed"]])); invisible(v) }
d <- t("read", read.csv(f, stringsAsFactors = TRUE))
t("survfit", survfit(Surv(months, died) ~ summaryStage, data = d))
t("survdiff", survdiff(Surv(months, died) ~ summaryStage, data = d))
t("coxph", coxph(Surv(months, died) ~ age + sizeCm + summaryStage + margin + site, data = d, ties = "efron"))
R
cat > "$WORK/bench.py" <<'PY'
import sys, time
import pandas as pd
from lifelines import KaplanMeierFitter, CoxPHFitter
from lifelines.statistics import multivariate_logrank_test
def t(label, work):
    start = time.perf_counter(); value = work(); print(f"py   {label:<9} {time.perf_counter() - start:8.3f} s", flush=True); return value
d = t("read", lambda: pd.read_csv(sys.argv[1]))
t("survfit", lambda: [KaplanMeierFitter().fit(g["months"], g["died"]) for _, g in d.groupby("summaryStage")])
t("survdiff", lambda: multivariate_logrank_test(d["months"], d["summaryStage"], d["died"]))
x = pd.get_dummies(d[["months", "died", "age", "sizeCm", "summaryStage", "margin", "site"]], columns=["summaryStage", "margin", "site"], drop_first=True, dtype=float)
t("coxph", lambda: CoxPHFitter().fit(x, duration_col="months", event_col="died"))  # lifelines: Efron ties
PY
echo "machine: $(nproc) cores, $(uname -m); $(Rscript -e 'cat(R.version.string, "survival", format(packageVersion("survival")))'); lifelines $(python3 -c 'import lifelines; print(lifelines.__version__)')"
for rows in $SIZES; do
  file="$WORK/cohort-$rows.csv"
  [ -f "$file" ] || .build/release/leio simulate --n "$rows" --seed 7 --output "$file" 2>/dev/null
  echo "== $rows rows ($(du -h "$file" | cut -f1))"
  /usr/bin/time -f "leio peak memory %M KB" .build/release/LeioBench survival --file "$file" 2>&1
  /usr/bin/time -f "r    peak memory %M KB" Rscript "$WORK/bench.R" "$file" 2>&1
  if [ "$rows" -le 1000000 ]; then /usr/bin/time -f "py   peak memory %M KB" python3 "$WORK/bench.py" "$file" 2>&1 | grep -v Warning; fi
done
