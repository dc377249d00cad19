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
