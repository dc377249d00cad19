import ArgumentParser
import Foundation
import LeioSurvival

/// `leio incidence`: cumulative incidence with competing risks, by group (as R's cmprsk::cuminc).
struct IncidenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incidence",
    abstract: "Cumulative incidence with competing risks, by group (Aalen-Johansen, as R's cmprsk::cuminc).",
    discussion: """
      leio incidence outcomes.csv --time eventDays --status event --by stage --at 365,1826
      leio incidence mgus2.csv --time etime --status event --by sex --json --plot incidence.svg
      Status: 0 censored, 1…k the competing causes (leio export outcomes: 1 local recurrence, 2 distant metastasis,
      3 death without recurrence). 1 − Kaplan-Meier of one cause overstates it when patients die first; this does
      not. Estimates and variances agree with cmprsk 2.2 to 1e-9; intervals are on the log(−log) scale.
      """)

  @Argument(help: "A CSV file with a header row (for example `leio export outcomes`), or - for stdin.")
  var file: String
  @Option(help: "The column with the follow-up time.") var time: String
  @Option(help: "The column with the status: 0 censored, 1…k the cause.") var status: String
  @Option(help: "A column to compare groups by.") var by: String?
  @Option(help: "Times to report the incidence at, comma-separated.") var at: String?
  @Option(help: "Confidence level.") var confLevel = 0.95
  @Option(help: "Write the curves (every group and cause) as an SVG picture.") var plot: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard confLevel > 0, confLevel < 1 else { throw ValidationError("--conf-level must be between 0 and 1.") }
    let times = try ModelOptions.times(at)
    try requireDistinctColumns([("--time", time), ("--status", status)] + (by.map { [("--by", $0)] } ?? []))
    let table = try reportingErrors {
      try Console.survivalTable(file, time: time, event: status, columns: by.map { [$0] } ?? [], causes: true)
    }
    let report = CumulativeIncidenceReport(table: table, by: by, at: times, confidenceLevel: confLevel)
    if let plot {
      let curves = report.groups.map { curve in
        (
          label: (by == nil ? "" : curve.group + ", ") + "cause \(curve.cause)",
          curve: CumulativeIncidenceCurve(time: curve.time, estimate: curve.estimate, variance: curve.variance)
        )
      }
      let note = report.grayTest.compactMap { test in
        test.p.map { "Gray's test, cause \(test.cause): \(RNumberFormat.pStatement($0))" }
      }
      let svg = IncidencePlot.svg(
        curves, title: by.map { "Cumulative incidence by \($0)" } ?? "Cumulative incidence", timeLabel: time,
        note: note.isEmpty ? nil : note.joined(separator: "; "))
      try reportingErrors { try Console.write(Data(svg.utf8), to: plot) }
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}
