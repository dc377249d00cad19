import ArgumentParser
import Foundation
import LeioCore
import LeioSurvival

/// `leio cox`: Cox proportional hazards regression.
struct CoxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cox",
    abstract: "Cox proportional hazards regression (as R's coxph): hazard ratios with intervals, tests, concordance, and the proportional-hazards check (cox.zph).",
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
  @Option(help: "A covariate profile to predict survival for (Breslow baseline hazard), e.g. \"age=60,sex=2,grade=G3\".") var predict: String?
  @Option(help: "Times for the prediction, comma-separated (default: every event time).") var at: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard let method = TieMethod(rawValue: ties) else { throw ValidationError("--ties must be efron or breslow.") }
    let names = covariates.split(separator: ",").map { String($0).trimmedBlanks }.filter { !$0.isEmpty }
    guard !names.isEmpty else { throw ValidationError("give at least one covariate: --covariates age,sizeCm.") }
    try requireDistinctColumns([("--time", time), ("--event", event)] + names.map { ("--covariates", $0) })
    let (columns, _) = try reportingErrors { try CSVColumns.read(file, columns: [time, event] + names) }
    let report = try reportingSurvivalErrors { () throws -> CoxReport in
      let design = try CoxDesign(time: columns[time]!, status: columns[event]!, columns: columns, order: names)
      let model = try CoxProportionalHazards.fit(time: design.time, event: design.event, covariates: design.rows, names: design.names,
                                                 ties: method, robust: robust, nDropped: design.dropped)
      let zph = ProportionalHazardsTest.test(time: design.time, event: design.event, covariates: design.rows, beta: model.coefficients.map(\.coef),
                                             ties: method, terms: design.terms)
      var report = CoxReport(model: model, references: design.references, proportionalHazards: zph)
      if let predict {
        let profile = Dictionary(predict.split(separator: ",").map { pair -> (String, String) in
          let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmedBlanks }
          return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }, uniquingKeysWith: { $1 })
        let row = try design.row(for: profile)
        let beta = model.coefficients.map(\.coef)
        let hazard = BaselineHazard(time: design.time, event: design.event, covariates: design.rows, beta: beta)
        let survival = hazard.survival(for: row, beta: beta)
        let times = try (at ?? "").split(separator: ",").map { text -> Double in
          guard let value = Double(String(text).trimmedBlanks), value >= 0 else { throw SurvivalInputError(message: "--at takes times ≥ 0, comma-separated.") }
          return value
        }
        let pick: [(Double, Double)] = times.isEmpty ? Array(zip(hazard.time, survival)) : times.map { t in
          let index = hazard.time.lastIndex { $0 <= t }
          return (t, index.map { survival[$0] } ?? 1)
        }
        report.prediction = CoxReport.Prediction(profile: profile, time: pick.map(\.0), survival: pick.map(\.1))
      }
      return report
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}

/// What `leio cox --json` prints: R's `summary(coxph)` vocabulary.
struct CoxReport: Encodable {
  let coefficients: [CoxCoefficient]
  let logLikelihood: [Double]
  let concordance: Double
  let n: Int
  let nEvents: Int
  let nDropped: Int
  let ties: String
  let tests: [String: Double]
  let referenceLevels: [String: String]
  let proportionalHazards: [ProportionalHazardsRow]
  /// Predicted survival of a covariate profile (Breslow baseline hazard), when asked for.
  var prediction: Prediction?

  struct Prediction: Encodable {
    let profile: [String: String]
    let time: [Double]
    let survival: [Double]
  }

  init(model: CoxModel, references: [String: String], proportionalHazards: [ProportionalHazardsRow]) {
    coefficients = model.coefficients
    logLikelihood = model.logLikelihood
    concordance = model.concordance
    (n, nEvents, nDropped, ties) = (model.n, model.nEvents, model.nDropped, model.ties.rawValue)
    tests = ["wald": model.waldTest, "score": model.scoreTest, "likelihoodRatio": model.likelihoodRatioTest, "df": Double(model.df),
             "waldP": ChiSquareDistribution.upperTail(model.waldTest, df: Double(model.df)),
             "scoreP": ChiSquareDistribution.upperTail(model.scoreTest, df: Double(model.df)),
             "likelihoodRatioP": ChiSquareDistribution.upperTail(model.likelihoodRatioTest, df: Double(model.df))]
    referenceLevels = references
    self.proportionalHazards = proportionalHazards
  }

  var text: String {
    var lines = ["Cox proportional hazards (\(ties) ties): n = \(n), events = \(nEvents), \(nDropped) dropped for a missing value"]
    if !referenceLevels.isEmpty { lines.append("reference levels: " + referenceLevels.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")) }
    lines.append("")
    lines.append("term".padding(toLength: 24, withPad: " ", startingAt: 0) + "      coef  hazard ratio   95 % CI               se        p")
    for c in coefficients {
      lines.append(c.name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%10.4f  %12.4f   %8.4f – %-8.4f  %8.4f  %.3g", c.coef, c.hazardRatio, c.lower95, c.upper95, c.robustSe ?? c.se, c.p))
    }
    lines.append("")
    lines.append(String(format: "Concordance = %.4f", concordance))
    lines.append(String(format: "Likelihood ratio test = %.3f on %d df, p = %.3g", tests["likelihoodRatio"]!, Int(tests["df"]!), tests["likelihoodRatioP"]!))
    lines.append(String(format: "Wald test = %.3f on %d df, p = %.3g", tests["wald"]!, Int(tests["df"]!), tests["waldP"]!))
    lines.append(String(format: "Score (log-rank) test = %.3f on %d df, p = %.3g", tests["score"]!, Int(tests["df"]!), tests["scoreP"]!))
    lines.append("")
    lines.append("Proportional hazards (cox.zph, km transform):")
    for row in proportionalHazards {
      lines.append("  " + row.term.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "chi-square %8.3f  df %d  p %.3g", row.chiSquare, row.df, row.p))
    }
    if let prediction {
      lines.append("")
      lines.append("Predicted survival for " + prediction.profile.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + " (Breslow baseline):")
      for (t, s) in zip(prediction.time, prediction.survival).prefix(40) { lines.append(String(format: "  t = %-10g %6.2f %%", t, s * 100)) }
    }
    return lines.joined(separator: "\n")
  }
}
