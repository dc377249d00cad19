import ArgumentParser
import Foundation
import LeioSurvival

/// `leio cox`: Cox proportional hazards regression.
struct CoxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cox",
    abstract:
      "Cox proportional hazards regression (as R's coxph): hazard ratios with intervals, tests, concordance, and the proportional-hazards check (cox.zph).",
    discussion: """
      leio cox registry.csv --time months --event died --covariates age,sizeCm,grade
      leio cox lung.csv --time time --event status --covariates age,sex,ph.ecog --ties breslow --json
      A column whose values are all numbers enters as a number; any other as categories, the first in alphabetical
      order being the reference. Rows with a missing value in any column used are dropped and counted.
      """)

  @Argument(help: "A CSV file with a header row, or - for stdin.") var file: String
  @Option(help: "The column with the follow-up time.") var time: String
  @Option(help: "The column with the event indicator (1/0, TRUE/FALSE, or 1/2 with 2 = event).") var event: String
  @Option(help: "The covariate columns, comma-separated.") var covariates: String
  @Option(help: "Ties: efron (R's default) or breslow.") var ties = "efron"
  @Flag(help: "Also robust (sandwich) standard errors; z, p and intervals then use them, as R.") var robust = false
  @Option(
    help: "A covariate profile to predict survival for (Breslow baseline hazard), e.g. \"age=60,sex=2,grade=G3\".")
  var predict: String?
  @Option(help: "Times for the prediction, comma-separated (default: every event time).") var at: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard let method = TieMethod(rawValue: ties) else { throw ValidationError("--ties must be efron or breslow.") }
    let names = ModelOptions.names(covariates)
    guard !names.isEmpty else { throw ValidationError("give at least one covariate: --covariates age,sizeCm.") }
    try requireDistinctColumns([("--time", time), ("--event", event)] + names.map { ("--covariates", $0) })
    let table = try reportingErrors { try Console.survivalTable(file, time: time, event: event, columns: names) }
    let profile = ModelOptions.profile(predict)
    let times = try ModelOptions.times(at)
    let report = try reportingSurvivalErrors {
      try CoxReport(table: table, covariates: names, ties: method, robust: robust, profile: profile, at: times)
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}
