import Foundation

/// The cumulative incidence of one cause with competing causes (Aalen-Johansen: each cause's jumps weighted by the
/// overall Kaplan-Meier survival just before), with the variance estimate of R's `cmprsk::cuminc` (Gray's
/// delta-method estimator, ties handled as cmprsk handles them).
///
/// The curve is given as cmprsk gives it, ready to draw as a step function: it starts at (0, 0); each event time of
/// the cause appears twice (the value before the jump, then after); the last point carries the final value out to
/// the largest follow-up time of the group.
public struct CumulativeIncidenceCurve: Sendable, Equatable, Codable {
  /// Times of the corners.
  public var time: [Double]
  /// The estimate at each corner.
  public var estimate: [Double]
  /// Its variance.
  public var variance: [Double]

  /// A curve of corners.
  public init(time: [Double], estimate: [Double], variance: [Double]) {
    (self.time, self.estimate, self.variance) = (time, estimate, variance)
  }

  /// The estimate and variance at `t`: those of the last corner at or before `t` (cmprsk's `timepoints`); `nil`
  /// after the largest follow-up time.
  public func at(_ t: Double) -> (estimate: Double, variance: Double)? {
    guard let last = time.last, t <= last else { return nil }
    var index = 0
    while index + 1 < time.count, time[index + 1] <= t { index += 1 }
    return (estimate[index], variance[index])
  }
}

/// Cumulative incidence estimation for competing risks.
public enum CumulativeIncidence {
  /// The cumulative incidence of `cause` from times and status codes (0 censored, 1…k the causes).
  public static func fit(time: [Double], status: [Int], cause: Int) -> CumulativeIncidenceCurve {
    let order = time.indices.sorted { time[$0] < time[$1] }
    let n = order.count
    var curve = CumulativeIncidenceCurve(time: [0], estimate: [0], variance: [0])
    guard n > 0 else { return curve }
    var survival = 1.0  // overall Kaplan-Meier just before the current time
    var atRisk = Double(n)
    // The three running sums of the variance (cmprsk's v1, v2, v3).
    var sumFF = 0.0
    var sumGF = 0.0
    var sumGG = 0.0
    var start = 0
    while start < n {
      let t = time[order[start]]
      var end = start
      var ofCause = 0
      var ofOthers = 0
      while end < n, time[order[end]] == t {
        let code = status[order[end]]
        if code == cause {
          ofCause += 1
        } else if code != 0 {
          ofOthers += 1
        }
        end += 1
      }
      let events = ofCause + ofOthers
      if events > 0 {
        let after = survival * (atRisk - Double(events)) / atRisk
        var value = curve.estimate[curve.estimate.count - 1]
        if ofCause > 0 {
          curve.time.append(t)
          curve.estimate.append(value)
          curve.variance.append(curve.variance[curve.variance.count - 1])
          value += survival * Double(ofCause) / atRisk
          curve.time.append(t)
          curve.estimate.append(value)
          curve.variance.append(0)  // set below
        }
        /// A tie correction for `d` events among `atRisk`, times the squared survival over the risk set.
        func weight(_ d: Int) -> Double {
          let tie = d > 1 ? 1 - Double(d - 1) / (atRisk - 1) : 1
          return survival * survival * tie * Double(d) / (atRisk * atRisk)
        }
        if ofOthers > 0, after > 0 {
          let g = 1 / after
          let f = value / after
          let w = weight(ofOthers)
          sumFF += f * f * w
          sumGF += g * f * w
          sumGG += g * g * w
        }
        if ofCause > 0 {
          let g = after > 0 ? 1 / after : 0
          let f = 1 + g * value
          let w = weight(ofCause)
          sumFF += f * f * w
          sumGF += g * f * w
          sumGG += g * g * w
          curve.variance[curve.variance.count - 1] = sumFF + value * value * sumGG - 2 * value * sumGF
        }
        survival = after
      }
      atRisk = Double(n - end)
      start = end
    }
    curve.time.append(time[order[n - 1]])
    curve.estimate.append(curve.estimate[curve.estimate.count - 1])
    curve.variance.append(curve.variance[curve.variance.count - 1])
    return curve
  }
}
