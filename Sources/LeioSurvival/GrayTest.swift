import Foundation

/// Gray's k-sample test that the cumulative incidence of one cause is the same in every group, with competing
/// causes (Gray 1988; R's `cmprsk::cuminc` `Tests`, weight (1 − F)^ρ with ρ = 0).
public struct GrayTestResult: Sendable, Equatable, Codable {
  /// The cause tested.
  public var cause: Int
  /// s′ V⁻¹ s over the scores of all groups but the last; `nil` when V is singular (cmprsk reports −1).
  public var statistic: Double?
  /// Groups − 1.
  public var df: Int
  /// The upper tail of χ²(df).
  public var p: Double?
}

/// Gray's test (see ``GrayTestResult``).
public enum GrayTest {
  /// Tests `cause` across the groups `group` (codes 0..<groups) from times and status codes (0 censored, 1…k).
  public static func test(time: [Double], status: [Int], group: [Int], groups: Int, cause: Int, rho: Double = 0)
    -> GrayTestResult
  {
    let k = groups - 1
    guard k > 0 else { return GrayTestResult(cause: cause, statistic: nil, df: 0, p: nil) }
    let order = time.indices.sorted { time[$0] < time[$1] }
    var atRisk = [Double](repeating: 0, count: groups)
    for g in group { atRisk[g] += 1 }
    var score = [Double](repeating: 0, count: k)
    var v = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    var incidenceBefore = [Double](repeating: 0, count: groups)  // F₁(t−) per group
    var incidence = [Double](repeating: 0, count: groups)
    var survivalBefore = [Double](repeating: 1, count: groups)  // overall KM S(t−) per group
    var survival = [Double](repeating: 1, count: groups)
    var v3 = [Double](repeating: 0, count: groups)
    var v2 = [[Double]](repeating: [Double](repeating: 0, count: groups), count: k)
    var c = [[Double]](repeating: [Double](repeating: 0, count: groups), count: groups)
    var a = [[Double]](repeating: [Double](repeating: 0, count: groups), count: groups)
    var pooledBefore = 0.0  // the pooled F₁(t−)
    var pooled = 0.0
    var start = 0
    let n = order.count
    while start < n {
      let t = time[order[start]]
      var end = start
      var ofCause = [Int](repeating: 0, count: groups)
      var ofOthers = [Int](repeating: 0, count: groups)
      while end < n, time[order[end]] == t {
        let row = order[end]
        if status[row] == cause {
          ofCause[group[row]] += 1
        } else if status[row] != 0 {
          ofOthers[group[row]] += 1
        }
        end += 1
      }
      let d1 = ofCause.reduce(0, +)
      let d2 = ofOthers.reduce(0, +)
      if d1 > 0 || d2 > 0 {
        var hazardWeight = 0.0  // Σ R_j / S_j(t−)
        var riskWeight = 0.0  // Σ R_j (1 − F_j(t−)) / S_j(t−)
        for j in 0..<groups where atRisk[j] > 0 {
          survival[j] = survivalBefore[j] * (atRisk[j] - Double(ofCause[j] + ofOthers[j])) / atRisk[j]
          incidence[j] = incidenceBefore[j] + survivalBefore[j] * Double(ofCause[j]) / atRisk[j]
          hazardWeight += atRisk[j] / survivalBefore[j]
          riskWeight += atRisk[j] * (1 - incidenceBefore[j]) / survivalBefore[j]
        }
        pooled = pooledBefore + Double(d1) / hazardWeight
        let weight = pow(1 - pooledBefore, rho)
        for i in 0..<groups {
          for j in i..<groups { a[i][j] = 0 }
          guard atRisk[i] > 0 else { continue }
          let ti = atRisk[i] / survivalBefore[i]
          a[i][i] = weight * ti * (1 - ti / hazardWeight)
          c[i][i] += a[i][i] * Double(d1) / (hazardWeight * (1 - pooledBefore))
          for j in (i + 1)..<max(i + 1, groups) where atRisk[j] > 0 {
            a[i][j] = -weight * ti * atRisk[j] / (survivalBefore[j] * hazardWeight)
            c[i][j] += a[i][j] * Double(d1) / (hazardWeight * (1 - pooledBefore))
          }
        }
        for i in 1..<groups {
          for j in 0..<i {
            a[i][j] = a[j][i]
            c[i][j] = c[j][i]
          }
        }
        for i in 0..<k where atRisk[i] > 0 {
          score[i] +=
            weight
            * (Double(ofCause[i]) - Double(d1) * atRisk[i] * (1 - incidenceBefore[i]) / (survivalBefore[i] * riskWeight))
        }
        if d1 > 0 {
          for m in 0..<groups where atRisk[m] > 0 {
            let t4 = survival[m] > 0 ? 1 - (1 - pooled) / survival[m] : 1
            let tie = d1 > 1 ? 1 - Double(d1 - 1) / (hazardWeight * survivalBefore[m] - 1) : 1
            let t3 = tie * survivalBefore[m] * Double(d1) / (hazardWeight * atRisk[m])
            v3[m] += t4 * t4 * t3
            for i in 0..<k {
              let t1 = a[i][m] - t4 * c[i][m]
              v2[i][m] += t1 * t4 * t3
              for j in 0...i { v[i][j] += t1 * (a[j][m] - t4 * c[j][m]) * t3 }
            }
          }
        }
        if d2 > 0 {
          for m in 0..<groups where survival[m] > 0 && ofOthers[m] > 0 {
            let t4 = (1 - pooled) / survival[m]
            let tie = ofOthers[m] > 1 ? 1 - Double(ofOthers[m] - 1) / (atRisk[m] - 1) : 1
            let t3 = tie * survivalBefore[m] * survivalBefore[m] * Double(ofOthers[m]) / (atRisk[m] * atRisk[m])
            v3[m] += t4 * t4 * t3
            for i in 0..<k {
              let t1 = t4 * c[i][m]
              v2[i][m] -= t1 * t4 * t3
              for j in 0...i { v[i][j] += t1 * t4 * c[j][m] * t3 }
            }
          }
        }
      }
      if end >= n { break }
      for index in start..<end { atRisk[group[order[index]]] -= 1 }
      pooledBefore = pooled
      incidenceBefore = incidence
      survivalBefore = survival
      start = end
    }
    var matrix = SymmetricMatrix(size: k)
    for i in 0..<k {
      for j in 0...i {
        var value = v[i][j]
        for m in 0..<groups {
          value += c[i][m] * c[j][m] * v3[m] + c[i][m] * v2[j][m] + c[j][m] * v2[i][m]
        }
        matrix[i, j] = value
        matrix[j, i] = value
      }
    }
    guard let l = matrix.cholesky() else { return GrayTestResult(cause: cause, statistic: nil, df: k, p: nil) }
    let solved = SymmetricMatrix.solve(l, score)
    let statistic = zip(solved, score).reduce(0) { $0 + $1.0 * $1.1 }
    return GrayTestResult(
      cause: cause, statistic: statistic, df: k, p: ChiSquareDistribution.upperTail(statistic, df: Double(k)))
  }
}
