import Foundation

/// One row of the proportional-hazards test (R's `cox.zph` table).
public struct ProportionalHazardsRow: Sendable, Equatable, Codable {
  /// The model term.
  public var term: String
  /// The test statistic.
  public var chiSquare: Double
  /// Degrees of freedom.
  public var df: Int
  /// The p-value.
  public var p: Double
}

/// The test of proportional hazards on scaled Schoenfeld residuals, as R's `cox.zph` (survival ≥ 3.0,
/// `transform = "km"`, `terms = TRUE`): for each term, a score test of adding x·g(t) to the fitted model, with
/// g(t) = 1 − S(t−) from the Kaplan-Meier curve of all subjects, centred on its mean over the events; and a global
/// test of all terms together.
/// - Source: Grambsch PM, Therneau TM. Biometrika 1994;81:515–26. Therneau TM. survival 3.x `cox.zph`.
public enum ProportionalHazardsTest {
  /// R's `cox.zph` (KM transform) for each term and globally.
  public static func test(
    time: [Double], event: [Bool], covariates x: [[Double]], beta: [Double], ties: TieMethod,
    terms: [(name: String, columns: [Int])]
  ) -> [ProportionalHazardsRow] {
    let n = time.count
    let p = beta.count
    // g(t) = 1 − S(t−) for every subject, then centred on the mean over events.
    let km = KaplanMeierEstimator.fit(time: time, event: event)
    let before: [Double] = time.map { t in
      var low = 0
      var high = km.time.count
      while low < high {
        let middle = (low + high) / 2
        if km.time[middle] < t { low = middle + 1 } else { high = middle }
      }
      return low == 0 ? 1 : km.survival[low - 1]
    }
    var g = before.map { 1 - $0 }
    let eventMean = zip(g, event).filter { $0.1 }.map(\.0).reduce(0, +) / Double(max(1, event.filter { $0 }.count))
    g = g.map { $0 - eventMean }

    let risk = (0..<n).map { i in exp((0..<p).reduce(0.0) { $0 + x[i][$1] * beta[$1] }) }
    let order = (0..<n).sorted { time[$0] > time[$1] }
    var scoreGamma = Array(repeating: 0.0, count: p)
    var information = SymmetricMatrix(size: 2 * p)
    var s0 = 0.0
    var s1 = Array(repeating: 0.0, count: p)
    var s2 = Array(repeating: 0.0, count: p * p)
    var position = 0
    while position < n {
      let t = time[order[position]]
      var deaths = 0
      var e0 = 0.0
      var e1 = Array(repeating: 0.0, count: p)
      var e2 = Array(repeating: 0.0, count: p * p)
      var eventSum = Array(repeating: 0.0, count: p)
      var gt = 0.0
      while position < n, time[order[position]] == t {
        let i = order[position]
        s0 += risk[i]
        for j in 0..<p {
          s1[j] += risk[i] * x[i][j]
          for k in 0..<p { s2[j * p + k] += risk[i] * x[i][j] * x[i][k] }
        }
        if event[i] {
          deaths += 1
          gt = g[i]
          e0 += risk[i]
          for j in 0..<p {
            eventSum[j] += x[i][j]
            e1[j] += risk[i] * x[i][j]
            for k in 0..<p { e2[j * p + k] += risk[i] * x[i][j] * x[i][k] }
          }
        }
        position += 1
      }
      guard deaths > 0 else { continue }
      let d = Double(deaths)
      let draws = ties == .breslow ? 1 : deaths
      var meanSum = Array(repeating: 0.0, count: p)
      var step = SymmetricMatrix(size: p)
      for l in 0..<draws {
        let fraction = ties == .breslow ? 0 : Double(l) / d
        let weight = ties == .breslow ? d : 1
        let denominator = s0 - fraction * e0
        let mean = (0..<p).map { (s1[$0] - fraction * e1[$0]) / denominator }
        for j in 0..<p {
          meanSum[j] += weight * mean[j]
          for k in 0..<p {
            step[j, k] += weight * ((s2[j * p + k] - fraction * e2[j * p + k]) / denominator - mean[j] * mean[k])
          }
        }
      }
      for j in 0..<p {
        scoreGamma[j] += gt * (eventSum[j] - meanSum[j])
        for k in 0..<p {
          information[j, k] += step[j, k]
          information[j, k + p] += gt * step[j, k]
          information[j + p, k] += gt * step[j, k]
          information[j + p, k + p] += gt * gt * step[j, k]
        }
      }
    }
    func statistic(_ columns: [Int]) -> Double {
      let indices = Array(0..<p) + columns.map { $0 + p }
      var sub = SymmetricMatrix(size: indices.count)
      for (a, i) in indices.enumerated() { for (b, j) in indices.enumerated() { sub[a, b] = information[i, j] } }
      let u = Array(repeating: 0.0, count: p) + columns.map { scoreGamma[$0] }
      guard let factor = sub.cholesky() else { return .nan }
      return zip(SymmetricMatrix.solve(factor, u), u).reduce(0) { $0 + $1.0 * $1.1 }
    }
    var rows = terms.map { term -> ProportionalHazardsRow in
      let chi = statistic(term.columns)
      return ProportionalHazardsRow(
        term: term.name, chiSquare: chi, df: term.columns.count,
        p: ChiSquareDistribution.upperTail(chi, df: Double(term.columns.count)))
    }
    let global = statistic(Array(0..<p))
    rows.append(
      ProportionalHazardsRow(
        term: "GLOBAL", chiSquare: global, df: p, p: ChiSquareDistribution.upperTail(global, df: Double(p))))
    return rows
  }
}
