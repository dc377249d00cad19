import Foundation

/// How tied event times are handled in the Cox partial likelihood.
public enum TieMethod: String, Sendable, CaseIterable, Codable {
  /// Efron's approximation (R's default).
  case efron
  /// Breslow's approximation.
  case breslow
}

/// One coefficient of a fitted Cox model, in R's `summary(coxph)` vocabulary.
public struct CoxCoefficient: Sendable, Equatable, Codable {
  /// Name.
  public var name: String
  /// The coefficient (log hazard ratio).
  public var coef: Double
  /// exp(coef).
  public var hazardRatio: Double
  /// Standard error.
  public var se: Double
  /// The robust (sandwich) standard error, when asked for; `z` and `p` then use it, as R.
  public var robustSe: Double?
  /// Wald z.
  public var z: Double
  /// The p-value.
  public var p: Double
  /// Lower confidence limit.
  public var lower95: Double
  /// Upper confidence limit.
  public var upper95: Double
}

/// A fitted Cox proportional hazards model.
public struct CoxModel: Sendable, Equatable, Codable {
  /// One row per design column.
  public var coefficients: [CoxCoefficient]
  /// Log partial likelihood at β = 0 and at the estimate (R's `loglik`).
  public var logLikelihood: [Double]
  /// Wald test statistic.
  public var waldTest: Double
  /// Score (log-rank) test statistic.
  public var scoreTest: Double
  /// Likelihood ratio test statistic.
  public var likelihoodRatioTest: Double
  /// Degrees of freedom.
  public var df: Int
  /// Harrell's concordance of the linear predictor (tied risk scores count one half; pairs tied in event time are
  /// not comparable), as R's `coxph` reports it.
  public var concordance: Double
  /// Rows used.
  public var n: Int
  /// Events among them.
  public var nEvents: Int
  /// Rows dropped for a missing value.
  public var nDropped: Int
  /// How tied event times were handled.
  public var ties: TieMethod
  /// Newton-Raphson iterations used.
  public var iterations: Int
  /// The inverse information matrix at the estimate (row-major, p × p).
  public var variance: [Double]
}

/// Why a Cox model could not be fitted.
public enum CoxError: Error, Equatable, CustomStringConvertible {
  case noEvents
  case singular(term: String)
  case noConvergence(iterations: Int)
  case dimension(String)

  /// The value in words, as messages and pages show it.
  public var description: String {
    switch self {
    case .noEvents: "there are no events: a Cox model needs at least one."
    case .singular(let term):
      "the covariates are collinear or constant (the information matrix is singular at '\(term)'); remove or merge it."
    case .noConvergence(let iterations):
      "the fit did not converge in \(iterations) iterations (a coefficient may be infinite: check for a covariate that separates events)."
    case .dimension(let detail): detail
    }
  }
}

/// Cox proportional hazards regression by Newton-Raphson with step halving, as R's `coxph` (survival 3.5):
/// covariates centred on their means, β₀ = 0, iteration until |1 − ℓ(βₖ₋₁)/ℓ(βₖ)| ≤ 1e-9 (at most 20), variance
/// from the inverse information at the estimate; Wald, score (at β = 0) and likelihood-ratio tests.
/// - Source: Cox DR. J R Stat Soc B 1972;34:187–220. Efron B. J Am Stat Assoc 1977;72:557–65. Breslow NE.
///   Biometrics 1974;30:89–99. Therneau TM, Grambsch PM. Modeling Survival Data. Springer 2000.
public enum CoxProportionalHazards {
  /// Fits the model as R's `coxph`: Newton-Raphson on the partial likelihood, with the tests and concordance.
  public static func fit(
    time: [Double], event: [Bool], covariates x: [[Double]], names: [String], ties: TieMethod = .efron,
    robust: Bool = false, nDropped: Int = 0, maximumIterations: Int = 20
  ) throws -> CoxModel {
    let n = time.count
    let p = names.count
    guard event.count == n, x.count == n, x.allSatisfy({ $0.count == p }) else {
      throw CoxError.dimension("time, event and covariates must have one row per subject.")
    }
    guard event.contains(true) else { throw CoxError.noEvents }
    // Centre the covariates (R does, for numerical stability; the coefficients do not change).
    let means = (0..<p).map { j in x.reduce(0) { $0 + $1[j] } / Double(n) }
    var centred = Array(repeating: 0.0, count: n * p)
    for i in 0..<n { for j in 0..<p { centred[i * p + j] = x[i][j] - means[j] } }
    let order = (0..<n).sorted { time[$0] > time[$1] }  // descending: risk sets accumulate
    let problem = Problem(n: n, p: p, x: centred, time: time, event: event, order: order, ties: ties)

    var beta = Array(repeating: 0.0, count: p)
    var current = problem.evaluate(beta)
    let nullLikelihood = current.logLikelihood
    guard let firstFactor = current.information.cholesky() else {
      throw CoxError.singular(term: Self.weakest(current.information, names))
    }
    let scoreStep = SymmetricMatrix.solve(firstFactor, current.score)
    let scoreTest = zip(scoreStep, current.score).reduce(0) { $0 + $1.0 * $1.1 }
    var step = scoreStep
    var iterations = 0
    var converged = false
    while iterations < maximumIterations {
      iterations += 1
      var candidate = zip(beta, step).map { $0 + $1 }
      var next = problem.evaluate(candidate)
      var halvings = 0
      while !(next.logLikelihood.isFinite)
        || next.logLikelihood < current.logLikelihood - 1e-12 * abs(current.logLikelihood)
      {
        halvings += 1
        guard halvings <= 30 else { break }
        candidate = zip(candidate, beta).map { ($0 + $1) / 2 }
        next = problem.evaluate(candidate)
      }
      let change = abs(1 - current.logLikelihood / next.logLikelihood)
      beta = candidate
      current = next
      if change <= 1e-12 || (change <= 1e-9 && iterations > 1) {
        converged = true
        break
      }
      guard let factor = current.information.cholesky() else {
        throw CoxError.singular(term: Self.weakest(current.information, names))
      }
      step = SymmetricMatrix.solve(factor, current.score)
    }
    guard converged else { throw CoxError.noConvergence(iterations: iterations) }
    guard let factor = current.information.cholesky() else {
      throw CoxError.singular(term: Self.weakest(current.information, names))
    }
    let variance = SymmetricMatrix.inverse(factor)
    let robustVariance = robust ? problem.sandwich(beta, variance) : nil
    let z975 = NormalDistribution.quantile(0.975)
    let coefficients = (0..<p).map { j -> CoxCoefficient in
      let se = variance[j, j].squareRoot()
      let robustSe = robustVariance.map { $0[j, j].squareRoot() }
      let used = robustSe ?? se
      let z = beta[j] / used
      return CoxCoefficient(
        name: names[j], coef: beta[j], hazardRatio: exp(beta[j]), se: se, robustSe: robustSe, z: z,
        p: 2 * NormalDistribution.upperTail(abs(z)), lower95: exp(beta[j] - z975 * used),
        upper95: exp(beta[j] + z975 * used))
    }
    let waldMatrix = robustVariance.flatMap { $0.cholesky() }.map { SymmetricMatrix.inverse($0) } ?? current.information
    let linear = (0..<n).map { i in (0..<p).reduce(0.0) { $0 + centred[i * p + $1] * beta[$1] } }
    return CoxModel(
      coefficients: coefficients, logLikelihood: [nullLikelihood, current.logLikelihood],
      waldTest: waldMatrix.quadraticForm(beta),
      scoreTest: scoreTest, likelihoodRatioTest: 2 * (current.logLikelihood - nullLikelihood), df: p,
      concordance: Concordance.harrell(time: time, event: event, risk: linear).concordance, n: n,
      nEvents: event.filter { $0 }.count,
      nDropped: nDropped, ties: ties, iterations: iterations, variance: variance.values)
  }

  /// The term with the smallest diagonal of the information (for a message about collinearity).
  static func weakest(_ information: SymmetricMatrix, _ names: [String]) -> String {
    let index = (0..<information.size).min { information[$0, $0] < information[$1, $1] } ?? 0
    return names.isEmpty ? "" : names[index]
  }

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
      var result = SymmetricMatrix(size: p)
      for a in 0..<p {
        for b in 0..<p {
          var total = 0.0
          for j in 0..<p { for k in 0..<p { total += variance[a, j] * meat[j, k] * variance[k, b] } }
          result[a, b] = total
        }
      }
      return result
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
