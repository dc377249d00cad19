import Foundation

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
}
