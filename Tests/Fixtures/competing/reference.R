# Reference values for LeioSurvival's competing-risks agreement tests, from R's cmprsk package (cuminc with Gray's
# test, timepoints).
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

cat("{\"cmprsk\":", str(format(packageVersion("cmprsk"))), ",\"sets\":[",
    paste(c(
      incidence("mgus2 by sex (tied times)", mgus2, "etime", "event", "sex", c(12, 60, 120, 240)),
      incidence("mgus2 by age group (3 groups)", mgus2, "etime", "event", "agegroup", c(12, 60, 120, 240)),
      incidence("mgus2, one group", mgus2, "etime", "event", NULL, c(12, 60, 120, 240)),
      incidence("veteran by cell type (one cause, 4 groups)", veteran, "time", "status", "celltype", c(30, 90, 365))
    ), collapse = ","), "]}\n", sep = "")
