import ArgumentParser
import Foundation
import LeioCore

/// `leio simulate`: a synthetic registry cohort as CSV.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract:
      "Write a SYNTHETIC LMS registry cohort (CSV): survival by summary stage follows the knowledge base's figures; recurrence and covariate effects are parameters you set.",
    discussion: """
      leio simulate --n 100000 --seed 7 --output cohort.csv
      leio survival cohort.csv --time months --event died --by summaryStage --at 12,24,60
      leio incidence cohort.csv --time eventMonths --status event --by grade --at 60
      leio finegray cohort.csv --time eventMonths --status event --cause 1 --covariates margin,sizeCm
      Columns: id, synthetic, site, age, sizeCm, grade, summaryStage, margin, months and died (overall survival),
      eventMonths and event (the first event: 0 censored, 1 local recurrence, 2 distant metastasis, 3 death without
      recurrence — the codes of `leio export outcomes`). The hazard ratios and rates are simulation parameters, not
      clinical estimates; their defaults only give the data a realistic shape. Every row is marked synthetic (column
      `synthetic`, ids SIM-…); the note on stderr says how it was made.
      """)

  @Option(help: "Number of rows.") var n = 1000
  @Option(help: "Seed: the same seed gives the same file.") var seed: UInt64 = 1
  @Option(name: .shortAndLong, help: "Output CSV file (default: stdout).") var output: String?
  @Option(help: "Hazard ratio of grade G3 (vs G1–G2) on local recurrence and distant metastasis.")
  var hrGrade = SyntheticOutcomes().gradeRatio
  @Option(help: "Hazard ratio per 5 cm of size above 5 cm on local recurrence and distant metastasis.")
  var hrSize = SyntheticOutcomes().sizeRatio
  @Option(help: "Hazard ratio of an R1 or R2 margin (vs R0) on local recurrence.")
  var hrMargin = SyntheticOutcomes().marginRatio
  @Option(help: "Hazard ratio of death per 10 years of age (the stage's 5-year survival is kept).")
  var hrAge = SyntheticOutcomes().ageRatio
  @Option(help: "Baseline monthly hazard of local recurrence (G1–G2, R0, 5 cm).")
  var localRate = SyntheticOutcomes().localRate
  @Option(help: "Baseline monthly hazard of distant metastasis (G1–G2, 5 cm; none when already distant).")
  var distantRate = SyntheticOutcomes().distantRate

  func validate() throws {
    guard n >= 1, n <= 100_000_000 else { throw ValidationError("--n must be between 1 and 100,000,000.") }
    do { try outcomes.validate() } catch { throw ValidationError("\(error)") }
  }

  var outcomes: SyntheticOutcomes {
    var model = SyntheticOutcomes()
    (model.gradeRatio, model.sizeRatio, model.marginRatio, model.ageRatio) = (hrGrade, hrSize, hrMargin, hrAge)
    (model.localRate, model.distantRate) = (localRate, distantRate)
    return model
  }

  func run() throws {
    var cohort = try reportingErrors { try SyntheticCohort(seed: seed, outcomes: outcomes) }
    try reportingErrors { try OutputStream.writing(to: output) { sink in try write(&cohort, to: sink) } }
    let model = outcomes
    FileHandle.standardError.write(
      Data(
        ("leio: \(SyntheticCohort.note) Parameters: hazard ratios grade G3 \(model.gradeRatio), size per 5 cm "
          + "\(model.sizeRatio), margin R1/R2 \(model.marginRatio), age per 10 years \(model.ageRatio); monthly "
          + "rates local \(model.localRate), distant \(model.distantRate).\n").utf8))
  }

  private func write(_ cohort: inout SyntheticCohort, to sink: UnsafeMutablePointer<FILE>) throws {
    var buffer = SyntheticCohort.header + "\n"
    buffer.reserveCapacity(1 << 20)
    for index in 1...n {
      buffer += cohort.row(index)
      buffer += "\n"
      if buffer.utf8.count >= 1 << 20 {
        fputs(buffer, sink)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    fputs(buffer, sink)
  }
}
