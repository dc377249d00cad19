import Foundation

/// What `leio cox --json` prints: R's `summary(coxph)` vocabulary.
public struct CoxReport: Encodable, Sendable {
  /// One row per design column.
  public let coefficients: [CoxCoefficient]
  /// Log partial likelihood at β = 0 and at the estimate.
  public let logLikelihood: [Double]
  /// Harrell's concordance.
  public let concordance: Double
  /// Rows used.
  public let n: Int
  /// Events among them.
  public let nEvents: Int
  /// Rows dropped for a missing value.
  public let nDropped: Int
  /// How tied event times were handled.
  public let ties: String
  /// Likelihood-ratio, Wald and score tests with their df and p-values.
  public let tests: [String: Double]
  /// The reference level of each categorical covariate.
  public let referenceLevels: [String: String]
  /// The `cox.zph` rows.
  public let proportionalHazards: [ProportionalHazardsRow]
  /// Predicted survival of a covariate profile (Breslow baseline hazard), when asked for.
  public var prediction: Prediction?

  /// Predicted survival of a covariate profile.
  public struct Prediction: Encodable, Sendable {
    /// The covariate values asked for.
    public let profile: [String: String]
    /// Times.
    public let time: [Double]
    /// Survival at each time.
    public let survival: [Double]
  }

  /// Fits `covariates` of `table` (R's `coxph`), tests proportional hazards (`cox.zph`), and predicts the survival
  /// of `profile` at `times` (every event time when empty) when a profile is given.
  public init(
    table: SurvivalTable, covariates: [String], ties: TieMethod, robust: Bool = false, profile: [String: String]? = nil,
    at times: [Double] = []
  ) throws {
    let design = try CoxDesign(table: table, covariates: covariates)
    let model = try CoxProportionalHazards.fit(
      time: design.time, event: design.event, covariates: design.rows, names: design.names,
      ties: ties, robust: robust, nDropped: design.dropped)
    let zph = ProportionalHazardsTest.test(
      time: design.time, event: design.event, covariates: design.rows,
      beta: model.coefficients.map(\.coef), ties: ties, terms: design.terms)
    self.init(model: model, references: design.references, proportionalHazards: zph)
    guard let profile else { return }
    let row = try design.row(for: profile)
    let beta = model.coefficients.map(\.coef)
    let hazard = BaselineHazard(time: design.time, event: design.event, covariates: design.rows, beta: beta)
    let survival = hazard.survival(for: row, beta: beta)
    let pick = StepFunction.values(steps: hazard.time, values: survival, at: times, before: 1)
    prediction = Prediction(profile: profile, time: pick.map(\.0), survival: pick.map(\.1))
  }

  /// The model's tests, for the text (the JSON writes them as `tests`).
  private let model: CoxModel

  enum CodingKeys: String, CodingKey {
    case coefficients, logLikelihood, concordance, n, nEvents, nDropped, ties, tests, referenceLevels,
      proportionalHazards, prediction
  }

  init(model: CoxModel, references: [String: String], proportionalHazards: [ProportionalHazardsRow]) {
    self.model = model
    coefficients = model.coefficients
    logLikelihood = model.logLikelihood
    concordance = model.concordance
    (n, nEvents, nDropped, ties) = (model.n, model.nEvents, model.nDropped, model.ties.rawValue)
    tests = [
      "wald": model.waldTest, "score": model.scoreTest, "likelihoodRatio": model.likelihoodRatioTest,
      "df": Double(model.df),
      "waldP": ChiSquareDistribution.upperTail(model.waldTest, df: Double(model.df)),
      "scoreP": ChiSquareDistribution.upperTail(model.scoreTest, df: Double(model.df)),
      "likelihoodRatioP": ChiSquareDistribution.upperTail(model.likelihoodRatioTest, df: Double(model.df)),
    ]
    referenceLevels = references
    self.proportionalHazards = proportionalHazards
  }

  /// The report as text.
  public var text: String {
    var lines = [
      "Cox proportional hazards (\(ties) ties): n = \(n), events = \(nEvents), \(nDropped) dropped for a missing value"
    ]
    if !referenceLevels.isEmpty {
      lines.append(
        "reference levels: "
          + referenceLevels.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))
    }
    lines.append("")
    // Numbers as R prints them (RNumberFormat): significant digits, no 0.0000, p-values by format.pval.
    func column(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - text.count)) + text
    }
    lines.append(
      "term".padding(toLength: 24, withPad: " ", startingAt: 0) + column("coef", 10) + column("hazard ratio", 14)
        + "   95 % CI".padding(toLength: 25, withPad: " ", startingAt: 0) + column("se", 9) + column("p", 10))
    for c in coefficients {
      let ratio = RNumberFormat.significant([c.hazardRatio, c.lower95, c.upper95])
      let interval = ratio[1] + " – " + ratio[2]
      lines.append(
        c.name.padding(toLength: 24, withPad: " ", startingAt: 0)
          + column(RNumberFormat.significant(c.coef, digits: 4), 10)
          + column(ratio[0], 14) + "   " + interval.padding(toLength: 22, withPad: " ", startingAt: 0)
          + column(RNumberFormat.significant(c.robustSe ?? c.se, digits: 4), 9) + column(RNumberFormat.pValue(c.p), 10))
    }
    lines.append("")
    lines.append(String(format: "Concordance = %.4f", concordance))
    let df = Double(model.df)
    for (name, statistic) in [
      ("Likelihood ratio test", model.likelihoodRatioTest), ("Wald test", model.waldTest),
      ("Score (log-rank) test", model.scoreTest),
    ] {
      lines.append(
        "\(name) = \(RNumberFormat.significant(statistic, digits: 5)) on \(model.df) df, "
          + RNumberFormat.pStatement(ChiSquareDistribution.upperTail(statistic, df: df)))
    }
    lines.append("")
    lines.append("Proportional hazards (cox.zph, km transform):")
    for row in proportionalHazards {
      lines.append(
        "  " + row.term.padding(toLength: 22, withPad: " ", startingAt: 0)
          + "chi-square \(column(RNumberFormat.significant(row.chiSquare, digits: 4), 8))  df \(row.df)  p "
          + RNumberFormat.pValue(row.p))
    }
    if let prediction {
      lines.append("")
      lines.append(
        "Predicted survival for "
          + prediction.profile.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
          + " (Breslow baseline):")
      for (t, s) in zip(prediction.time, prediction.survival).prefix(40) {
        lines.append(String(format: "  t = %-10g %6.2f %%", t, s * 100))
      }
    }
    return lines.joined(separator: "\n")
  }
}
