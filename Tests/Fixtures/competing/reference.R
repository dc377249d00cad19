# Reference values for LeioSurvival's competing-risks agreement tests, from R's cmprsk package (cuminc with Gray's
# test, timepoints; crr with its robust variance, baseline jumps and predict.crr).
#   cd Tests/Fixtures/competing && Rscript reference.R > reference.json
# mgus2.csv: R's survival::mgus2 with the competing-risks endpoint of the survival package's vignette (etime: months
# to progression or death; event: 0 censored, 1 progression, 2 death without progression) and a three-level age
# group; written once by write.csv. ../survival/veteran.csv: one cause (death), four cell types.
suppressPackageStartupMessages(library(cmprsk))
mgus2 <- read.csv("mgus2.csv")
veteran <- read.csv("../survival/veteran.csv")

num <- function(x) ifelse(is.na(x), "null", ifelse(is.infinite(x), "null", sprintf("%.17g", x)))
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
str <- function(x) paste0("\"", x, "\"")
obj <- function(...) { f <- list(...); paste0("{", paste(sprintf("\"%s\":%s", names(f), unlist(f)), collapse = ","), "}") }

incidence <- function(name, data, time, status, by, at) {
  group <- if (is.null(by)) rep("all", nrow(data)) else data[[by]]
  fit <- cuminc(data[[time]], data[[status]], group)
  tests <- fit$Tests
  curves <- fit[names(fit) != "Tests"]
  points <- timepoints(curves, at)
  parts <- sapply(names(curves), function(label) {
    words <- strsplit(label, " ")[[1]]
    c <- curves[[label]]
    obj(group = str(words[1]), cause = words[2], time = arr(c$time), estimate = arr(c$est), variance = arr(c$var),
        atEstimate = arr(points$est[label, ]), atVariance = arr(points$var[label, ]))
  })
  grayTest <- if (is.null(tests)) "[]" else paste0("[", paste(sapply(rownames(tests), function(cause)
    obj(cause = cause, statistic = num(tests[cause, "stat"]), p = num(tests[cause, "pv"]), df = num(tests[cause, "df"]))),
    collapse = ","), "]")
  obj(name = str(name), time = str(time), status = str(status), by = if (is.null(by)) "null" else str(by),
      at = arr(at), groups = paste0("[", paste(parts, collapse = ","), "]"), grayTest = grayTest)
}

finegray <- function(name, data, time, status, cause, covariates, profile) {
  x <- model.matrix(as.formula(paste("~", paste(covariates, collapse = "+"))), data)[, -1, drop = FALSE]
  fit <- crr(data[[time]], data[[status]], x, failcode = cause)
  row <- model.matrix(as.formula(paste("~", paste(covariates, collapse = "+"))),
    rbind(data[, covariates, drop = FALSE], as.data.frame(profile))[nrow(data) + 1, , drop = FALSE],
    xlev = lapply(data[, covariates, drop = FALSE], function(c) if (is.numeric(c)) NULL else sort(unique(c))))[, -1]
  predicted <- predict(fit, row)
  obj(name = str(name), time = str(time), status = str(status), cause = num(cause),
      covariates = paste0("[", paste(str(covariates), collapse = ","), "]"),
      names = paste0("[", paste(str(colnames(x)), collapse = ","), "]"), coef = arr(fit$coef),
      se = arr(sqrt(diag(fit$var))), variance = arr(c(fit$var)), logLikelihood = num(fit$loglik),
      nullLogLikelihood = num(fit$loglik.null), n = num(fit$n), converged = tolower(fit$converged),
      failureTimes = arr(fit$uftime), baselineJumps = arr(fit$bfitj),
      profile = paste0("{", paste(sprintf("\"%s\":\"%s\"", names(profile), unlist(profile)), collapse = ","), "}"),
      predicted = arr(predicted[, 2]))
}

cat("{\"cmprsk\":", str(format(packageVersion("cmprsk"))), ",\"sets\":[",
    paste(c(
      incidence("mgus2 by sex (tied times)", mgus2, "etime", "event", "sex", c(12, 60, 120, 240)),
      incidence("mgus2 by age group (3 groups)", mgus2, "etime", "event", "agegroup", c(12, 60, 120, 240)),
      incidence("mgus2, one group", mgus2, "etime", "event", NULL, c(12, 60, 120, 240)),
      incidence("veteran by cell type (one cause, 4 groups)", veteran, "time", "status", "celltype", c(30, 90, 365))
    ), collapse = ","), "],\"finegray\":[",
    paste(c(
      finegray("mgus2 progression ~ sex + age (tied times)", mgus2, "etime", "event", 1, c("sex", "age"),
        list(sex = "M", age = 70)),
      finegray("mgus2 death ~ age group (3 levels) + sex", mgus2, "etime", "event", 2, c("agegroup", "sex"),
        list(agegroup = "60to75", sex = "F")),
      finegray("veteran ~ cell type (4 levels) + karno (one cause)", veteran, "time", "status", 1,
        c("celltype", "karno"), list(celltype = "squamous", karno = 60))
    ), collapse = ","), "]}\n", sep = "")
