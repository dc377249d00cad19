import ArgumentParser
import Foundation
import LeioSurvival

/// `leio model fit` and `leio model predict`: a prognosis model fitted and validated on the registry's own data.
struct ModelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "model",
    abstract:
      "A prognosis model (Cox) fitted and internally validated on the registry's own data, and its predictions.",
    subcommands: [Fit.self, Predict.self])

  struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Fit a Cox model and validate it as rms::validate and rms::calibrate do (bootstrap optimism): Harrell's and Uno's C, calibration slope, calibration at each horizon.",
      discussion: """
        leio export outcomes --output outcomes.csv
        leio model fit --data outcomes.csv --time osDays --event died --covariates grade,sizeCm,summaryStage \\
          --bootstrap 200 --years-column diagnosisYear --output model.json
        leio model fit --data outcomes.csv --time eventDays --event event --cause 2 --covariates grade,sizeCm \\
          --output distant.json            # Fine-Gray: distant metastasis, death and local recurrence competing
        The model file holds the coefficients, the baseline hazard, the covariates' levels and ranges, the data's
        summary, the validation figures and the seed (the same seed gives the same figures), with a schema version.
        Horizons are in the time column's unit: 365,1095,1826 days (1, 3, 5 years) by default; for months give
        --horizons 12,36,60 --time-unit months.
        """)

    @Option(help: "A CSV file with a header row (for example `leio export outcomes`), or - for stdin.") var data: String
    @Option(help: "The column with the follow-up time.") var time: String
    @Option(help: "The column with the event indicator (1/0, TRUE/FALSE); with --cause, the status (0 censored, 1…k).")
    var event: String
    @Option(
      help:
        "Fit a Fine-Gray model of this cause (a status code ≥ 1 of the event column; the other causes compete), e.g. 2 for distant metastasis in `leio export outcomes`'s event column."
    )
    var cause: Int?
    @Option(help: "The covariate columns, comma-separated.") var covariates: String
    @Option(help: "Bootstrap resamples for the optimism correction (0: apparent figures only).") var bootstrap = 200
    @Option(help: "The resampling seed.") var seed: UInt64 = 20_261_201
    @Option(help: "Calibration horizons, comma-separated, in the time column's unit.") var horizons = "365,1095,1826"
    @Option(help: "The unit of the time column, for the text.") var timeUnit = "days"
    @Option(help: "A column with the year of diagnosis, to state the data's period (rows without it are dropped).")
    var yearsColumn: String?
    @Option(name: .shortAndLong, help: "The model file to write.") var output: String

    func validate() throws {
      guard (0...10_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be from 0 to 10,000.") }
      if let cause, cause < 1 { throw ValidationError("--cause must be a status code ≥ 1 (0 means censored).") }
    }

    func run() throws {
      let names = ModelOptions.names(covariates)
      guard !names.isEmpty else { throw ValidationError("give at least one covariate: --covariates grade,sizeCm.") }
      try requireDistinctColumns(
        [("--time", time), ("--event", event)] + names.map { ("--covariates", $0) }
          + (yearsColumn.map { [("--years-column", $0)] } ?? []))
      let points = try ModelOptions.times(horizons)
      guard !points.isEmpty, points.allSatisfy({ $0 > 0 }) else {
        throw ValidationError("--horizons takes times > 0, comma-separated.")
      }
      let table = try reportingErrors {
        try Console.survivalTable(
          data, time: time, event: event, columns: names + (yearsColumn.map { [$0] } ?? []), causes: cause != nil)
      }
      let years = yearsColumn.map { table.values($0).compactMap { Int($0) } }.flatMap { values in
        values.min().flatMap { low in values.max().map { [low, $0] } }
      }
      let model = try reportingErrors {
        try PrognosisModel.fit(
          table: table, covariates: names,
          options: .init(
            time: time, timeUnit: timeUnit, event: event, horizons: points, bootstrap: bootstrap, seed: seed,
            years: years, cause: cause))
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try reportingErrors { try Console.write(try encoder.encode(model), to: output) }
      Console.print(ModelText.summary(model))
    }
  }

  struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "What a fitted model says for a patient's covariates, with its validation figures and caveat.",
      discussion: """
        leio model predict model.json --input case.json
        case.json is a JSON object with a value for each covariate, e.g. {"grade": "G3", "sizeCm": 12,
        "summaryStage": "localized"}. A value outside the model's data (a number outside its range, a level it never
        saw) is refused: the model only speaks for patients like those it was fitted on.
        """)

    @Argument(help: "The model file (from leio model fit).") var model: String
    @Option(help: "A JSON object with the covariates, or - for stdin.") var input: String
    @Option(help: "Times to predict at, comma-separated (default: the model's calibration horizons).") var at: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
      let model = try reportingErrors { try PrognosisModel.read(try Console.read(self.model)) }
      let bytes = try reportingErrors { try Console.read(input) }
      guard let fields = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
        throw Exit.translated(SurvivalInputError(message: "the input is not a JSON object of covariate values."))
      }
      var profile: [String: String] = [:]
      for (key, value) in fields {
        switch value {
        case let text as String: profile[key] = text
        case let number as NSNumber: profile[key] = "\(number)"
        default: continue
        }
      }
      let prediction = try reportingErrors { try model.predict(profile, at: try ModelOptions.times(at)) }
      Console.print(output.json ? try Console.json(prediction) : prediction.statement + "\n\n" + prediction.caveat)
    }
  }
}

/// The text `leio model fit` prints.
enum ModelText {
  static func summary(_ model: PrognosisModel) -> String {
    let fineGray = model.kind == "finegray"
    var lines = [
      (fineGray ? "Fine-Gray model of \(model.event) = \(model.cause ?? 0)" : "Cox model of \(model.event)")
        + " over \(model.time) (\(model.timeUnit)): n = \(model.data.n), events = \(model.data.events), \(model.data.dropped) dropped for a missing value"
    ]
    for (name, coefficient) in zip(model.names, model.coefficients) {
      lines.append(
        "  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(fineGray ? "subdistribution hazard ratio" : "hazard ratio") \(String(format: "%.3f", exp(coefficient)))"
      )
    }
    let validation = model.validation
    lines.append("")
    lines.append(
      "Validation: \(validation.bootstrap - validation.failed) bootstrap resamples (seed \(validation.seed); \(validation.failed) could not be fitted)"
        + (fineGray ? "" : "; Uno's C at \(String(format: "%g", validation.horizon)) \(model.timeUnit)")
    )
    lines.append("  index                 apparent   optimism   corrected")
    for index in validation.indexes {
      lines.append(
        "  " + index.name.padding(toLength: 20, withPad: " ", startingAt: 0)
          + String(format: "%10.4f %10.4f %11.4f", index.apparent, index.optimism, index.corrected))
    }
    for calibration in model.calibration {
      lines.append("")
      lines.append(
        "Calibration at \(String(format: "%g", calibration.horizon)) \(model.timeUnit) (ICI \(String(format: "%.4f", calibration.ici))): fifths of predicted risk"
      )
      for group in calibration.groups {
        lines.append(
          String(
            format: "  n = %-6d predicted %5.1f %%  observed (%@) %5.1f %%", group.n, group.predicted * 100,
            fineGray ? "Aalen-Johansen" : "Kaplan-Meier", group.observed * 100))
      }
    }
    return lines.joined(separator: "\n")
  }
}
