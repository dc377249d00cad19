import ArgumentParser
import Foundation
import LeioSurvival

/// `leio survival`: Kaplan-Meier curves, medians, survival at chosen times and the log-rank test.
struct SurvivalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "survival",
    abstract:
      "Kaplan-Meier survival by group, with medians, survival at chosen times and the log-rank test (as R's survfit/survdiff).",
    discussion: """
      leio survival registry.csv --time months --event died --by summaryStage --at 12,24,60 --plot survival.svg
      leio survival lung.csv --time time --event status --by sex --json
      Event values: 1/0, TRUE/FALSE, or 1/2 (2 = event, as R). Rows with a missing time, event or group are dropped and counted.
      stdErr in --json is the standard error of the cumulative hazard, as R's survfit reports it.
      """)

  @Argument(help: "A CSV file with a header row (for example the output of `leio batch stage`), or - for stdin.")
  var file: String
  @Option(help: "The column with the follow-up time.") var time: String
  @Option(help: "The column with the event indicator.") var event: String
  @Option(help: "A column to compare groups by (log-rank test).") var by: String?
  @Option(help: "A column to stratify the log-rank test by (as R's strata()).") var strata: String?
  @Option(help: "Times to report survival at, comma-separated.") var at: String?
  @Option(help: "Confidence interval: log (R's default), log-log or plain.") var confType = "log"
  @Option(help: "Confidence level.") var confLevel = 0.95
  @Option(help: "Write the curves, bands and numbers at risk as an SVG picture.") var plot: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard let transform = ConfidenceTransform(rawValue: confType) else {
      throw ValidationError("--conf-type must be log, log-log or plain.")
    }
    guard confLevel > 0, confLevel < 1 else { throw ValidationError("--conf-level must be between 0 and 1.") }
    let times = try (at ?? "").split(separator: ",").map { text -> Double in
      guard let value = Double(String(text).trimmedBlanks), value >= 0 else {
        throw ValidationError("--at takes times ≥ 0, comma-separated.")
      }
      return value
    }
    try requireDistinctColumns(
      [("--time", time), ("--event", event)] + (by.map { [("--by", $0)] } ?? [])
        + (strata.map { [("--strata", $0)] } ?? []))
    let table = try reportingErrors {
      try Console.survivalTable(file, time: time, event: event, columns: [by, strata].compactMap { $0 })
    }
    let report = SurvivalReport(
      table: table, by: by, strata: strata, at: times, confidenceLevel: confLevel, transform: transform)
    let groups = report.groups
    if let plot {
      let svg = SurvivalPlot.svg(
        groups.map { ($0.group, $0.curve) }, title: by.map { "Survival by \($0)" } ?? "Survival", timeLabel: time,
        note: report.logRank.map {
          "Log-rank test\(report.stratified ? " (stratified)" : ""): \(RNumberFormat.pStatement($0.p))"
        })
      try reportingErrors { try Console.write(Data(svg.utf8), to: plot) }
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}
