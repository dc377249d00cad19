# Reference values for LeioSurvival's agreement tests, from R's survival package.
#   cd Tests/Fixtures/survival && Rscript reference.R > reference.json
# Reads the committed CSVs (lung.csv, veteran.csv: R's survival datasets written by write.csv), so R and Leio see the
# same input; character columns become factors with alphabetical levels (the first level is the reference).
suppressPackageStartupMessages(library(survival))
lung <- read.csv("lung.csv")
veteran <- read.csv("veteran.csv", stringsAsFactors = TRUE)

num <- function(x) ifelse(is.na(x), "null", ifelse(is.infinite(x), "null", sprintf("%.17g", x)))
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
str <- function(x) paste0("\"", x, "\"")
obj <- function(...) { f <- list(...); paste0("{", paste(sprintf("\"%s\":%s", names(f), unlist(f)), collapse = ","), "}") }

km <- function(name, formula, data, conf) {
  fit <- survfit(formula, data = data, conf.type = conf)
  strata <- if (is.null(fit$strata)) rep("all", length(fit$time)) else rep(names(fit$strata), fit$strata)
  table <- summary(fit)$table
  if (is.null(dim(table))) table <- t(as.matrix(table))
  groups <- unique(strata)
  parts <- sapply(seq_along(groups), function(i) {
    g <- groups[i]; k <- strata == g
    obj(group = str(g), time = arr(fit$time[k]), nRisk = arr(fit$n.risk[k]), nEvent = arr(fit$n.event[k]),
        nCensor = arr(fit$n.censor[k]), survival = arr(fit$surv[k]), stdErr = arr(fit$std.err[k]),
        lower = arr(fit$lower[k]), upper = arr(fit$upper[k]),
        median = num(table[i, "median"]), medianLower = num(table[i, "0.95LCL"]), medianUpper = num(table[i, "0.95UCL"]))
  })
  at <- summary(fit, times = c(100, 365, 730))
  obj(name = str(name), confType = str(conf), groups = paste0("[", paste(parts, collapse = ","), "]"),
      atTimes = obj(time = arr(at$time), survival = arr(at$surv), lower = arr(at$lower), upper = arr(at$upper),
                    nRisk = arr(at$n.risk), group = paste0("[", paste(str(if (is.null(at$strata)) rep("all", length(at$time)) else as.character(at$strata)), collapse = ","), "]")))
}

logrank <- function(name, formula, data) {
  d <- survdiff(formula, data = data)
  df <- sum(rowSums(as.matrix(d$exp)) > 0) - 1
  obj(name = str(name), chiSquare = num(d$chisq), df = num(df), p = num(pchisq(d$chisq, df, lower.tail = FALSE)),
      observed = arr(rowSums(as.matrix(d$obs))), expected = arr(rowSums(as.matrix(d$exp))))
}

cox <- function(name, formula, data, ties, robust = FALSE) {
  fit <- coxph(formula, data = data, ties = ties, robust = robust)
  s <- summary(fit)
  co <- s$coefficients
  se <- if (robust) sqrt(diag(fit$naive.var)) else co[, "se(coef)"]
  obj(name = str(name), ties = str(ties), robust = tolower(robust), terms = paste0("[", paste(str(rownames(co)), collapse = ","), "]"),
      coef = arr(co[, "coef"]), se = arr(se), robustSe = if (robust) arr(co[, "robust se"]) else "null",
      z = arr(co[, "z"]), p = arr(co[, "Pr(>|z|)"]), logLikelihood = arr(fit$loglik),
      concordance = num(fit$concordance["concordance"]), concordanceSe = num(sqrt(fit$concordance["var"])),
      wald = num(fit$wald.test), score = num(fit$score), likelihoodRatio = num(2 * diff(fit$loglik)),
      n = num(fit$n), nEvents = num(fit$nevent), nDropped = num(length(fit$na.action)), iterations = num(fit$iter))
}

zph <- function(name, formula, data, ties) {
  z <- cox.zph(coxph(formula, data = data, ties = ties, model = TRUE))
  obj(name = str(name), ties = str(ties), terms = paste0("[", paste(str(rownames(z$table)), collapse = ","), "]"),
      chiSquare = arr(z$table[, "chisq"]), df = arr(z$table[, "df"]), p = arr(z$table[, "p"]))
}

baseline <- function(name, formula, data, profile) {
  fit <- coxph(formula, data = data, ties = "breslow", model = TRUE)
  sf <- survfit(fit, newdata = profile, ctype = 1, se.fit = FALSE)
  zero <- survfit(fit, newdata = as.data.frame(lapply(profile, function(x) 0)), ctype = 1, se.fit = FALSE)
  obj(name = str(name), profile = paste0("{", paste(sprintf("\"%s\":%s", names(profile), num(unlist(profile))), collapse = ","), "}"),
      time = arr(sf$time), cumulativeHazard = arr(zero$cumhaz), survival = arr(sf$surv))
}

cat("{\"generator\":", str(paste("R", getRversion(), "survival", packageVersion("survival"))), ",\n")
cat("\"kaplanMeier\":[\n", paste(c(
  km("lung overall", Surv(time, status) ~ 1, lung, "log"),
  km("lung overall", Surv(time, status) ~ 1, lung, "log-log"),
  km("lung overall", Surv(time, status) ~ 1, lung, "plain"),
  km("lung by sex", Surv(time, status) ~ sex, lung, "log"),
  km("veteran by celltype", Surv(time, status) ~ celltype, veteran, "log"),
  km("veteran by celltype", Surv(time, status) ~ celltype, veteran, "log-log")), collapse = ",\n"), "],\n")
cat("\"logRank\":[\n", paste(c(
  logrank("lung by sex", Surv(time, status) ~ sex, lung),
  logrank("veteran by celltype", Surv(time, status) ~ celltype, veteran),
  logrank("veteran by trt stratified by celltype", Surv(time, status) ~ trt + strata(celltype), veteran)), collapse = ",\n"), "],\n")
cat("\"cox\":[\n", paste(c(
  cox("lung age sex ph.ecog", Surv(time, status) ~ age + sex + ph.ecog, lung, "efron"),
  cox("lung age sex ph.ecog", Surv(time, status) ~ age + sex + ph.ecog, lung, "breslow"),
  cox("lung age sex ph.ecog", Surv(time, status) ~ age + sex + ph.ecog, lung, "efron", robust = TRUE),
  cox("veteran trt celltype karno age", Surv(time, status) ~ trt + celltype + karno + age, veteran, "efron"),
  cox("veteran trt celltype karno age", Surv(time, status) ~ trt + celltype + karno + age, veteran, "breslow")), collapse = ",\n"), "],\n")
cat("\"baseline\":[\n", baseline("lung age sex ph.ecog breslow", Surv(time, status) ~ age + sex + ph.ecog, lung,
                                  data.frame(age = 60, sex = 2, ph.ecog = 1)), "],\n")
cat("\"coxZph\":[\n", paste(c(
  zph("lung age sex ph.ecog", Surv(time, status) ~ age + sex + ph.ecog, lung, "efron"),
  zph("veteran trt celltype karno age", Surv(time, status) ~ trt + celltype + karno + age, veteran, "efron")), collapse = ",\n"), "]}\n")
