import ArgumentParser
import Foundation
import LeioSurvival

/// `leio finegray`: the Fine-Gray subdistribution hazards model for one cause with competing causes.
struct FineGrayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "finegray",
    abstract:
      "Fine-Gray competing-risks regression for one cause (as R's cmprsk::crr): subdistribution hazard ratios with robust standard errors, and predicted cumulative incidence.",
    discussion: """
      leio finegray outcomes.csv --time eventDays --status event --cause 2 --covariates grade,sizeCm,ageAtDiagnosis
      leio finegray mgus2.csv --time etime --status event --cause 1 --covariates sex,age --predict "sex=M,age=70" --at 60,120
      Status: 0 censored, 1…k the causes; every cause other than --cause competes with it. Covariates are coded as
      `leio cox` codes them (a column of numbers as is; any other as categories, the first alphabetically being the
      reference). Coefficients, robust standard errors and predictions agree with cmprsk 2.2 to 1e-9.
      """)

  @Argument(help: "A CSV file with a header row (for example `leio export outcomes`), or - for stdin.")
  var file: String
  @Option(help: "The column with the follow-up time.") var time: String
  @Option(help: "The column with the status: 0 censored, 1…k the cause.") var status: String
  @Option(help: "The cause to model (a status code ≥ 1).") var cause: Int
  @Option(help: "The covariate columns, comma-separated.") var covariates: String
  @Option(help: "A covariate profile to predict the cumulative incidence for, e.g. \"age=60,grade=G3\".")
  var predict: String?
  @Option(help: "Times for the prediction, comma-separated (default: every event time of the cause).") var at: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard cause >= 1 else { throw ValidationError("--cause must be a status code ≥ 1 (0 means censored).") }
    let names = ModelOptions.names(covariates)
    guard !names.isEmpty else { throw ValidationError("give at least one covariate: --covariates age,sizeCm.") }
    try requireDistinctColumns([("--time", time), ("--status", status)] + names.map { ("--covariates", $0) })
    let times = try ModelOptions.times(at)
    let table = try reportingErrors {
      try Console.survivalTable(file, time: time, event: status, columns: names, causes: true)
    }
    let report = try reportingSurvivalErrors {
      try FineGrayReport(
        table: table, covariates: names, cause: cause, profile: ModelOptions.profile(predict), at: times)
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}
