# Reference values for LeioSurvival's prognosis-model agreement tests (issue 16 §3), from R's survival package:
# the apparent Harrell's C (concordance of a coxph fit), Uno's C (concordance with timewt = "n/G2" and ymax), the
# calibration slope of a model fitted on half the data and evaluated on the other half (the coefficient of its
# linear predictor in a Cox model there, as rms::validate computes its Slope), and the predicted survival of a
# profile with its standard error and interval (survfit.coxph, Breslow hazard: ctype = 1). For the Fine-Gray model
# (cmprsk::crr): the calibration slope of a model fitted on half of mgus2 and evaluated on the other half, and the
# predicted cumulative incidence of a profile (predict.crr).
#   cd Tests/Fixtures/prognosis && Rscript reference.R > reference.json
# Data: ../survival/veteran.csv (R's survival::veteran, written by write.csv); ../competing/mgus2.csv.
suppressPackageStartupMessages(library(survival))
suppressPackageStartupMessages(library(cmprsk))
veteran <- read.csv("../survival/veteran.csv")
num <- function(x) sprintf("%.17g", x)
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
obj <- function(...) { f <- list(...); paste0("{", paste(sprintf("\"%s\":%s", names(f), unlist(f)), collapse = ","), "}") }

formula <- Surv(time, status) ~ karno + celltype + age
fit <- coxph(formula, data = veteran)
lp <- predict(fit, type = "lp")
harrell <- concordance(fit)$concordance
uno <- concordance(Surv(time, status) ~ lp, data = veteran, timewt = "n/G2", ymax = 365, reverse = TRUE)$concordance

train <- veteran[seq(1, nrow(veteran), 2), ]
test <- veteran[seq(2, nrow(veteran), 2), ]
half <- coxph(formula, data = train)
test$lp <- predict(half, newdata = test, type = "lp")
slope <- coef(coxph(Surv(time, status) ~ lp, data = test))[["lp"]]
testHarrell <- concordance(Surv(time, status) ~ lp, data = test, reverse = TRUE)$concordance
testUno <- concordance(Surv(time, status) ~ lp, data = test, timewt = "n/G2", ymax = 365, reverse = TRUE)$concordance

times <- c(30, 90, 180, 365)
profile <- data.frame(karno = 60, celltype = "squamous", age = 65)
s <- summary(survfit(fit, newdata = profile, ctype = 1), times = times)

mgus2 <- read.csv("../competing/mgus2.csv")
design <- function(d) model.matrix(~ sex + age, d)[, -1]
fg <- crr(mgus2$etime, mgus2$event, design(mgus2), failcode = 1)
fgTrain <- mgus2[seq(1, nrow(mgus2), 2), ]
fgTest <- mgus2[seq(2, nrow(mgus2), 2), ]
fgHalf <- crr(fgTrain$etime, fgTrain$event, design(fgTrain), failcode = 1)
fgLp <- drop(design(fgTest) %*% fgHalf$coef)
fgSlope <- crr(fgTest$etime, fgTest$event, cbind(lp = fgLp), failcode = 1)$coef[[1]]
fgTimes <- c(12, 60, 120, 240)
fgPredicted <- predict(fg, c(1, 70))
fgAt <- sapply(fgTimes, function(t) fgPredicted[max(which(fgPredicted[, 1] <= t)), 2])

cat(obj(survival = paste0("\"", format(packageVersion("survival")), "\""), coef = arr(coef(fit)),
        harrellC = num(harrell), unoC = num(uno), horizon = num(365),
        halfCoef = arr(coef(half)), slope = num(slope), testHarrellC = num(testHarrell), testUnoC = num(testUno),
        times = arr(times), survival = arr(s$surv), stdErr = arr(s$std.err), lower = arr(s$lower),
        upper = arr(s$upper), fineGrayCoef = arr(fg$coef), fineGrayHalfCoef = arr(fgHalf$coef),
        fineGraySlope = num(fgSlope), fineGrayTimes = arr(fgTimes), fineGrayIncidence = arr(fgAt)), "\n", sep = "")
