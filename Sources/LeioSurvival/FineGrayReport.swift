import Foundation

/// What `leio finegray --json` prints: R's `summary(crr)` vocabulary.
public struct FineGrayReport: Encodable, Sendable {
  /// The cause modelled.
  public let cause: Int
  /// One row per design column; `se` is crr's sandwich standard error.
  public let coefficients: [FineGrayCoefficient]
  /// The log pseudo-likelihood at the estimate.
  public let logLikelihood: Double
  /// The log pseudo-likelihood at β = 0.
  public let nullLogLikelihood: Double
  /// Rows used.
  public let n: Int
  /// Events of the cause.
  public let nEvents: Int
  /// Competing events.
  public let nCompeting: Int
  /// Rows dropped for a missing value.
  public let nDropped: Int
  /// Newton-Raphson steps.
  public let iterations: Int
  /// The reference level of each categorical covariate.
  public let referenceLevels: [String: String]
  /// The predicted cumulative incidence of a covariate profile, when asked for.
  public var prediction: Prediction?

  /// The predicted cumulative incidence of a covariate profile (`predict.crr`).
  public struct Prediction: Encodable, Sendable {
    /// The covariate values asked for.
    public let profile: [String: String]
    /// Times.
    public let time: [Double]
    /// The cumulative incidence of the cause at each time.
    public let cumulativeIncidence: [Double]
  }

  /// Fits `covariates` of `table` (read with `causes: true`) for `cause`, as R's `crr` with the covariates coded as
  /// `model.matrix` codes them, and predicts the cumulative incidence of `profile` at `times` (every event time of
  /// the cause when empty).
  public init(
    table: SurvivalTable, covariates: [String], cause: Int, profile: [String: String]? = nil, at times: [Double] = []
  ) throws {
    let design = try CoxDesign(table: table, covariates: covariates)
    let model = try FineGray.fit(
      time: design.time, status: table.status, cause: cause, covariates: design.rows, names: design.names,
      nDropped: design.dropped)
    self.cause = model.cause
    coefficients = model.coefficients
    (logLikelihood, nullLogLikelihood) = (model.logLikelihood, model.nullLogLikelihood)
    (n, nEvents, nCompeting, nDropped, iterations) =
      (model.n, model.nEvents, model.nCompeting, model.nDropped, model.iterations)
    referenceLevels = design.references
    guard let profile else { return }
    let incidence = model.cumulativeIncidence(for: try design.row(for: profile))
    let pick = StepFunction.values(steps: model.failureTimes, values: incidence, at: times, before: 0)
    prediction = Prediction(profile: profile, time: pick.map(\.0), cumulativeIncidence: pick.map(\.1))
  }

  /// The report as text, numbers as R prints them.
  public var text: String {
    var lines = [
      "Fine-Gray competing-risks regression for cause \(cause) (as R's cmprsk::crr): n = \(n), events = \(nEvents), "
        + "competing events = \(nCompeting), \(nDropped) dropped for a missing value"
    ]
    if !referenceLevels.isEmpty {
      lines.append(
        "reference levels: "
          + referenceLevels.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))
    }
    lines.append("")
    func column(_ text: String, _ width: Int) -> String {
      String(repeating: " ", count: max(0, width - text.count)) + text
    }
    lines.append(
      "term".padding(toLength: 24, withPad: " ", startingAt: 0) + column("coef", 10) + column("SHR", 10)
        + "   95 % CI".padding(toLength: 25, withPad: " ", startingAt: 0) + column("se", 9) + column("p", 10))
    for c in coefficients {
      let ratio = RNumberFormat.significant([c.expCoef, c.lower95, c.upper95])
      lines.append(
        c.name.padding(toLength: 24, withPad: " ", startingAt: 0)
          + column(RNumberFormat.significant(c.coef, digits: 4), 10) + column(ratio[0], 10) + "   "
          + (ratio[1] + " – " + ratio[2]).padding(toLength: 22, withPad: " ", startingAt: 0)
          + column(RNumberFormat.significant(c.se, digits: 4), 9) + column(RNumberFormat.pValue(c.p), 10))
    }
    lines.append("")
    lines.append(
      "SHR: subdistribution hazard ratio; se: robust (sandwich) standard error, as crr. Pseudo log-likelihood = "
        + "\(RNumberFormat.significant(logLikelihood, digits: 6)) (null \(RNumberFormat.significant(nullLogLikelihood, digits: 6))), "
        + "\(iterations) Newton-Raphson step(s).")
    if let prediction {
      lines.append("")
      lines.append(
        "Predicted cumulative incidence of cause \(cause) for "
          + prediction.profile.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ":")
      for (t, value) in zip(prediction.time, prediction.cumulativeIncidence).prefix(40) {
        lines.append(String(format: "  t = %-10g %6.2f %%", t, value * 100))
      }
    }
    return lines.joined(separator: "\n")
  }
}
