import Foundation

/// The result of a log-rank test: R's `survdiff` vocabulary.
public struct LogRankResult: Sendable, Equatable, Codable {
  /// The test statistic.
  public var chiSquare: Double
  /// Degrees of freedom.
  public var df: Int
  /// The p-value.
  public var p: Double
  /// Observed and expected events per group, in group order.
  public var observed: [Double]
  /// Expected events per group.
  public var expected: [Double]
}

/// The log-rank test of k survival curves (Mantel-Haenszel; R's `survdiff` with rho = 0), optionally stratified.
///
/// H₀: the hazard is the same in every group. χ² = (O − E)ᵀ V⁻¹ (O − E) over all groups but the first, with
/// df = (groups with E > 0) − 1. Stratified: O, E and V are summed over strata, each computed within its stratum.
/// - Note: it loses power when the hazards cross.
/// - Source: Mantel N. Cancer Chemother Rep 1966;50:163–70. Peto R, Peto J. J R Stat Soc A 1972;135:185–207.
public enum LogRankTest {
  /// `group[i]` in 0..<k; `stratum[i]` (optional) any integer label.
  public static func test(time: [Double], event: [Bool], group: [Int], stratum: [Int]? = nil) -> LogRankResult {
    let k = (group.max() ?? 0) + 1
    var observed = Array(repeating: 0.0, count: k)
    var expected = Array(repeating: 0.0, count: k)
    var variance = SymmetricMatrix(size: k)
    let strata = stratum ?? Array(repeating: 0, count: time.count)
    let byStratum = Dictionary(grouping: time.indices, by: { strata[$0] })
    for (_, members) in byStratum {
      // Descending time: the risk set grows as we go; events at a time are counted before that time's subjects leave.
      let order = members.sorted { time[$0] > time[$1] }
      var atRisk = Array(repeating: 0.0, count: k)
      var total = 0.0
      var position = 0
      while position < order.count {
        let t = time[order[position]]
        var deaths = Array(repeating: 0.0, count: k)
        var end = position
        while end < order.count, time[order[end]] == t {
          let i = order[end]
          atRisk[group[i]] += 1
          total += 1
          if event[i] { deaths[group[i]] += 1 }
          end += 1
        }
        let d = deaths.reduce(0, +)
        if d > 0 {
          let factor = total > 1 ? d * (total - d) / (total - 1) : 0
          for g in 0..<k {
            observed[g] += deaths[g]
            expected[g] += d * atRisk[g] / total
            for h in 0..<k {
              variance[g, h] += factor * (atRisk[g] / total) * ((g == h ? 1 : 0) - atRisk[h] / total)
            }
          }
        }
        position = end
      }
    }
    // Drop the first group (as survdiff) and solve.
    let m = k - 1
    var reduced = SymmetricMatrix(size: m)
    for g in 0..<m { for h in 0..<m { reduced[g, h] = variance[g + 1, h + 1] } }
    let difference = (1..<max(1, k)).map { observed[$0] - expected[$0] }
    var chiSquare = 0.0
    if m > 0, let l = reduced.cholesky() {
      let solved = SymmetricMatrix.solve(l, difference)
      chiSquare = zip(solved, difference).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let df = expected.filter { $0 > 0 }.count - 1
    return LogRankResult(
      chiSquare: chiSquare, df: df, p: df > 0 ? ChiSquareDistribution.upperTail(chiSquare, df: Double(df)) : 1,
      observed: observed, expected: expected)
  }
}
