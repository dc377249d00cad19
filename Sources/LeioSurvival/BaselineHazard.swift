import Foundation

/// The Breslow estimate of a Cox model's cumulative baseline hazard, and the survival curve it predicts for a
/// covariate profile.
///
/// H₀(t) = Σ over event times tₖ ≤ t of dₖ / Σ over the risk set exp(xᵢ·β), at covariates 0; for a profile z,
/// S(t | z) = exp(−H₀(t)·exp(z·β)). Rows at every distinct time (events and censorings), as R's
/// `survfit(fit, newdata, ctype = 1)` reports them.
/// - Source: Breslow NE. Discussion of Cox (1972). J R Stat Soc B 1972;34:216–7.
public struct BaselineHazard: Sendable, Equatable, Codable {
  /// Times.
  public var time: [Double]
  /// Breslow cumulative baseline hazard at each time.
  public var cumulativeHazard: [Double]

  /// The Breslow baseline hazard of a fitted model (covariates centred as R's `basehaz`).
  public init(time: [Double], event: [Bool], covariates x: [[Double]], beta: [Double]) {
    let n = time.count
    let p = beta.count
    // Centre for numerical safety; undo it with exp(−mean·β) at the end.
    let means = (0..<p).map { j in n == 0 ? 0 : x.reduce(0) { $0 + $1[j] } / Double(n) }
    let risk = (0..<n).map { i in exp((0..<p).reduce(0.0) { $0 + (x[i][$1] - means[$1]) * beta[$1] }) }
    let order = (0..<n).sorted { time[$0] > time[$1] }
    var steps: [(Double, Double)] = []  // descending (time, hazard increment at centred covariates)
    var s0 = 0.0
    var position = 0
    while position < n {
      let t = time[order[position]]
      var deaths = 0
      while position < n, time[order[position]] == t {
        s0 += risk[order[position]]
        if event[order[position]] { deaths += 1 }
        position += 1
      }
      steps.append((t, Double(deaths) / s0))
    }
    let shift = exp(-(0..<p).reduce(0.0) { $0 + means[$1] * beta[$1] })
    var total = 0.0
    var times: [Double] = []
    var hazards: [Double] = []
    for (t, increment) in steps.reversed() {
      total += increment
      times.append(t)
      hazards.append(total * shift)
    }
    self.time = times
    cumulativeHazard = hazards
  }

  /// Survival at each time for a covariate profile `z` (in the design's columns).
  public func survival(for z: [Double], beta: [Double]) -> [Double] {
    let scale = exp(zip(z, beta).reduce(0) { $0 + $1.0 * $1.1 })
    return cumulativeHazard.map { exp(-$0 * scale) }
  }
}

/// Reading a step function at chosen times.
enum StepFunction {
  /// (t, value) at each of `times` — the value at the last of `steps` at or before t, `before` when none is — or every
  /// step when `times` is empty.
  static func values(steps: [Double], values: [Double], at times: [Double], before: Double) -> [(Double, Double)] {
    guard !times.isEmpty else { return Array(zip(steps, values)) }
    return times.map { t in (t, steps.lastIndex { $0 <= t }.map { values[$0] } ?? before) }
  }
}
