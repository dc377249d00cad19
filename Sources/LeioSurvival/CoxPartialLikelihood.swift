import Foundation

extension CoxProportionalHazards {
  /// The data of one fit, and the partial likelihood with its derivatives at a β.
  struct Problem {
    let n: Int
    let p: Int
    let x: [Double]
    let time: [Double]
    let event: [Bool]
    let order: [Int]
    let ties: TieMethod

    struct Evaluation {
      var logLikelihood = 0.0
      var score: [Double]
      var information: SymmetricMatrix
    }

    func evaluate(_ beta: [Double]) -> Evaluation {
      var result = Evaluation(score: Array(repeating: 0, count: p), information: SymmetricMatrix(size: p))
      var s0 = 0.0
      var s1 = Array(repeating: 0.0, count: p)
      var s2 = Array(repeating: 0.0, count: p * p)
      var e1 = Array(repeating: 0.0, count: p)
      var e2 = Array(repeating: 0.0, count: p * p)
      var position = 0
      while position < n {
        let t = time[order[position]]
        var deaths = 0
        var e0 = 0.0
        for j in 0..<p { e1[j] = 0 }
        for j in 0..<(p * p) { e2[j] = 0 }
        while position < n, time[order[position]] == t {
          let i = order[position]
          var eta = 0.0
          for j in 0..<p { eta += x[i * p + j] * beta[j] }
          let risk = exp(eta)
          s0 += risk
          for j in 0..<p {
            let xj = x[i * p + j]
            s1[j] += risk * xj
            for k in 0...j { s2[j * p + k] += risk * xj * x[i * p + k] }
          }
          if event[i] {
            deaths += 1
            e0 += risk
            result.logLikelihood += eta
            for j in 0..<p {
              let xj = x[i * p + j]
              result.score[j] += xj
              e1[j] += risk * xj
              for k in 0...j { e2[j * p + k] += risk * xj * x[i * p + k] }
            }
          }
          position += 1
        }
        guard deaths > 0 else { continue }
        let d = Double(deaths)
        let draws = ties == .breslow ? 1 : deaths
        for l in 0..<draws {
          let fraction = ties == .breslow ? 0 : Double(l) / d
          let weight = ties == .breslow ? d : 1
          let denominator = s0 - fraction * e0
          result.logLikelihood -= weight * log(denominator)
          for j in 0..<p {
            let mean = (s1[j] - fraction * e1[j]) / denominator
            result.score[j] -= weight * mean
            for k in 0...j {
              let meanK = (s1[k] - fraction * e1[k]) / denominator
              let value = weight * ((s2[j * p + k] - fraction * e2[j * p + k]) / denominator - mean * meanK)
              result.information[j, k] += value
              if k != j { result.information[k, j] += value }
            }
          }
        }
      }
      return result
    }

    /// The robust variance V·(DᵀD)·V from score residuals (R's `robust = TRUE` without clusters).
    func sandwich(_ beta: [Double], _ variance: SymmetricMatrix) -> SymmetricMatrix {
      let residuals = scoreResiduals(beta)
      var meat = SymmetricMatrix(size: p)
      for i in 0..<n { for j in 0..<p { for k in 0..<p { meat[j, k] += residuals[i * p + j] * residuals[i * p + k] } } }
      return variance.sandwich(meat)
    }

    /// Score residuals (as R's `residuals(type = "score")`), Efron or Breslow, by a pass over the risk sets:
    /// for subject i, δᵢ(xᵢ − x̄(tᵢ)) − Σ over event times t ≤ tᵢ of rᵢ·(xᵢ − x̄(t))·dΛ(t), with Efron's
    /// fractional weights within tied times.
    func scoreResiduals(_ beta: [Double]) -> [Double] {
      let risk = (0..<n).map { i in exp((0..<p).reduce(0.0) { $0 + x[i * p + $1] * beta[$1] }) }
      // Ascending distinct event times with their hazard increments and weighted means.
      struct Step {
        let time: Double
        let hazard: [Double]
        let means: [[Double]]
      }
      var s0 = 0.0
      var s1 = Array(repeating: 0.0, count: p)
      var position = 0
      var collected: [Step] = []
      while position < n {
        let t = time[order[position]]
        var e0 = 0.0
        var e1 = Array(repeating: 0.0, count: p)
        var deaths = 0
        while position < n, time[order[position]] == t {
          let i = order[position]
          s0 += risk[i]
          for j in 0..<p { s1[j] += risk[i] * x[i * p + j] }
          if event[i] {
            deaths += 1
            e0 += risk[i]
            for j in 0..<p { e1[j] += risk[i] * x[i * p + j] }
          }
          position += 1
        }
        guard deaths > 0 else { continue }
        let draws = ties == .breslow ? 1 : deaths
        var hazards: [Double] = []
        var means: [[Double]] = []
        for l in 0..<draws {
          let fraction = ties == .breslow ? 0 : Double(l) / Double(deaths)
          let denominator = s0 - fraction * e0
          hazards.append((ties == .breslow ? Double(deaths) : 1) / denominator)
          means.append((0..<p).map { (s1[$0] - fraction * e1[$0]) / denominator })
        }
        collected.append(Step(time: t, hazard: hazards, means: means))
      }
      // Ascending event times with running sums of the hazard increments ΣdΛ and of x̄·dΛ (inclusive), so each
      // subject's sum over the event times up to its own is a lookup: O(n·p) after the sort, not O(n·events).
      let steps = Array(collected.reversed())
      var cumulativeHazard = Array(repeating: 0.0, count: steps.count)
      var cumulativeMean = Array(repeating: 0.0, count: steps.count * p)
      var hazardSum = 0.0
      var meanSum = Array(repeating: 0.0, count: p)
      for (k, step) in steps.enumerated() {
        for l in step.hazard.indices {
          hazardSum += step.hazard[l]
          for j in 0..<p { meanSum[j] += step.means[l][j] * step.hazard[l] }
        }
        cumulativeHazard[k] = hazardSum
        for j in 0..<p { cumulativeMean[k * p + j] = meanSum[j] }
      }
      var residuals = Array(repeating: 0.0, count: n * p)
      for i in 0..<n {
        // The last event time at or before tᵢ.
        var low = 0
        var high = steps.count
        while low < high {
          let middle = (low + high) / 2
          if steps[middle].time <= time[i] { low = middle + 1 } else { high = middle }
        }
        let last = low - 1
        guard last >= 0 else { continue }
        let diesThere = event[i] && steps[last].time == time[i]
        // Full presence at every event time before tᵢ, and at tᵢ itself unless the subject dies there.
        let through = diesThere ? last - 1 : last
        let hazard = through >= 0 ? cumulativeHazard[through] : 0
        for j in 0..<p {
          let weightedMean = through >= 0 ? cumulativeMean[through * p + j] : 0
          residuals[i * p + j] = -risk[i] * (x[i * p + j] * hazard - weightedMean)
        }
        guard diesThere else { continue }
        // Efron: present for the fraction (1 − l/d) of each draw at its own death time; the event term averages the draws.
        let step = steps[last]
        let draws = step.hazard.count
        for l in 0..<draws {
          let presence = ties == .efron ? 1 - Double(l) / Double(draws) : 1
          for j in 0..<p {
            residuals[i * p + j] -= risk[i] * presence * step.hazard[l] * (x[i * p + j] - step.means[l][j])
            residuals[i * p + j] += (x[i * p + j] - step.means[l][j]) / Double(draws)
          }
        }
      }
      return residuals
    }
  }
}
