import Foundation

/// How a confidence interval for survival is formed from the Greenwood standard error of the cumulative hazard.
///
/// As R's `survfit(conf.type=)`: `log` (R's default) gives exp(log S ± z·se), `logLog` gives
/// S^exp(∓z·se/log S), `plain` gives S ± z·se·S; intervals are kept within [0, 1].
public enum ConfidenceTransform: String, Sendable, CaseIterable, Codable {
  case log
  case logLog = "log-log"
  case plain
}

/// A Kaplan-Meier survival curve: one row per distinct time (event or censoring), with R's `survfit` columns.
public struct KaplanMeierCurve: Sendable, Equatable, Codable {
  /// Times.
  public var time: [Double] = []
  /// Number at risk.
  public var nRisk: [Int] = []
  /// Events at each time.
  public var nEvent: [Int] = []
  /// Censorings at each time.
  public var nCensor: [Int] = []
  /// Survival at each time.
  public var survival: [Double] = []
  /// Standard error of the cumulative hazard (Greenwood), as R's `survfit` reports `std.err` — not of the survival.
  public var stdErr: [Double] = []
  /// Lower confidence limit.
  public var lower: [Double] = []
  /// Upper confidence limit.
  public var upper: [Double] = []
  /// Median survival time and its confidence interval (nil when the curve, or its band, never reaches 0.5).
  public var median: Double?
  /// Lower confidence limit of the median.
  public var medianLower: Double?
  /// Upper confidence limit of the median.
  public var medianUpper: Double?
  /// The confidence level.
  public var confidenceLevel: Double
  /// The confidence interval transform.
  public var transform: ConfidenceTransform

  /// Survival at `t`: the step function's value (1 before the first time), with its interval and the number at risk.
  public func at(_ t: Double) -> (survival: Double, lower: Double, upper: Double, nRisk: Int) {
    var index = -1
    var low = 0
    var high = time.count
    while low < high {
      let middle = (low + high) / 2
      if time[middle] <= t {
        index = middle
        low = middle + 1
      } else {
        high = middle
      }
    }
    // Number at risk at t: those whose time is ≥ t, i.e. the risk set of the first row at or after t.
    let next = index + 1 < time.count && (index < 0 || time[index] < t) ? index + 1 : index
    let risk = next >= 0 && next < time.count ? nRisk[next] : 0
    guard index >= 0 else { return (1, 1, 1, risk) }
    return (survival[index], lower[index], upper[index], risk)
  }
}

/// The Kaplan-Meier product-limit estimator with Greenwood's variance.
///
/// Matches R's `survfit(Surv(time, status) ~ 1)` (survival 3.x): estimates, `std.err` (of the cumulative hazard),
/// confidence intervals for `conf.type` "log" (default), "log-log" and "plain", and the median with its interval
/// as `print.survfit` gives it (`quantile.survfit`: where the curve is exactly 0.5 over an interval, the midpoint).
/// - Source: Kaplan EL, Meier P. J Am Stat Assoc 1958;53:457–81. Greenwood M. Rep Public Health Med Subj 1926;33.
///   Therneau TM. A Package for Survival Analysis in R (survival 3.5).
public enum KaplanMeierEstimator {
  /// Fits the curve. `time` ≥ 0 and finite; `event` true for an event (death), false for a censoring.
  public static func fit(
    time: [Double], event: [Bool], confidenceLevel: Double = 0.95, transform: ConfidenceTransform = .log
  ) -> KaplanMeierCurve {
    precondition(time.count == event.count, "time and event must have the same length")
    var curve = KaplanMeierCurve(confidenceLevel: confidenceLevel, transform: transform)
    let order = time.indices.sorted { time[$0] < time[$1] }
    let z = NormalDistribution.quantile(1 - (1 - confidenceLevel) / 2)
    var atRisk = time.count
    var survival = 1.0
    var hazardVariance = 0.0
    var position = 0
    while position < order.count {
      let t = time[order[position]]
      var deaths = 0
      var censored = 0
      while position < order.count, time[order[position]] == t {
        if event[order[position]] { deaths += 1 } else { censored += 1 }
        position += 1
      }
      if deaths > 0 {
        survival *= 1 - Double(deaths) / Double(atRisk)
        hazardVariance += deaths < atRisk ? Double(deaths) / (Double(atRisk) * Double(atRisk - deaths)) : .infinity
      }
      let se = hazardVariance.squareRoot()
      let (low, high) = interval(survival, se: se, z: z, transform: transform)
      curve.time.append(t)
      curve.nRisk.append(atRisk)
      curve.nEvent.append(deaths)
      curve.nCensor.append(censored)
      curve.survival.append(survival)
      curve.stdErr.append(survival == 0 ? .nan : se)
      curve.lower.append(low)
      curve.upper.append(high)
      atRisk -= deaths + censored
    }
    curve.median = quantileTime(curve.survival, curve.time, probability: 0.5)
    curve.medianLower = quantileTime(curve.lower, curve.time, probability: 0.5)
    curve.medianUpper = quantileTime(curve.upper, curve.time, probability: 0.5)
    return curve
  }

  /// The interval of R's `survfit_confint` (logse = TRUE), limited to [0, 1].
  static func interval(_ s: Double, se: Double, z: Double, transform: ConfidenceTransform) -> (Double, Double) {
    switch transform {
    case .plain:
      let width = se * s * z
      return (max(s - width, 0), min(s + width, 1))
    case .log:
      guard s > 0, se.isFinite else { return (.nan, .nan) }
      return (exp(Foundation.log(s) - z * se), min(exp(Foundation.log(s) + z * se), 1))
    case .logLog:
      guard s > 0, s < 1, se.isFinite else { return (.nan, .nan) }  // R: NA at S = 0 and S = 1
      let width = z * se / Foundation.log(s)
      let centre = Foundation.log(-Foundation.log(s))
      return (exp(-exp(centre - width)), exp(-exp(centre + width)))
    }
  }

  /// The time at which the curve's distribution function 1 − S first reaches `probability`: R's `findq` (survival
  /// 3.5, used by `quantile.survfit`) step for step — tolerance √ε; where the curve sits exactly at the probability
  /// over an interval, the midpoint of that interval; NA (nil) when it never gets there.
  static func quantileTime(_ values: [Double], _ times: [Double], probability p: Double) -> Double? {
    let tolerance = 1.4901161193847656e-08
    var x = [0.0] + times
    var y = [0.0] + values.map { 1 - $0 }
    guard let top = y.filter({ !$0.isNaN }).max(), top >= p else { return nil }
    let xmax = x[x.count - 1]
    // duplicated(y): keep the first of each value (NA counts as one value).
    var seen = Set<Double>()
    var seenNaN = false
    var keep: [Int] = []
    for index in y.indices {
      if y[index].isNaN {
        if !seenNaN { keep.append(index) }
        seenNaN = true
      } else if seen.insert(y[index]).inserted {
        keep.append(index)
      }
    }
    x = keep.map { x[$0] }
    y = keep.map { y[$0] }
    // approx(y ± tol, 1:n, p, method = "constant", f = 1): the first knot at or above p, NA outside the knots.
    func index(_ offset: Double) -> Int? {
      let knots = y.indices.filter { !y[$0].isNaN }.map { (y[$0] + offset, $0) }.sorted { $0.0 < $1.0 }
      guard let first = knots.first, let last = knots.last, p >= first.0, p <= last.0 else { return nil }
      return knots.first { $0.0 >= p }?.1
    }
    guard p != 0 else { return x[0] }
    let first = index(tolerance)
    let second = index(-tolerance)
    if let last = y.last, !last.isNaN, abs(p - last) < tolerance, let first { return (x[first] + xmax) / 2 }
    guard let first, let second else { return nil }
    return (x[first] + x[second]) / 2
  }
}
