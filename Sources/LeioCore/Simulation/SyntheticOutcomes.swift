import Foundation

/// The first event after diagnosis in a SYNTHETIC cohort: local recurrence, distant metastasis and death without
/// recurrence as competing events, with covariate effects the user sets (`leio simulate --hr-…`). Every number here
/// is a parameter of the simulation, chosen so that demonstrations and benchmarks have the structure of real registry
/// data (effects of grade, size, margin and age; recurrence competing with death); none is a clinical estimate.
///
/// - Death: exponential with a monthly hazard per summary stage and the age hazard ratio per 10 years (centred on
///   the cohort's mean age, 57.5). The stage's baseline hazard is solved so that the cohort's 5-year survival by stage
///   stays the knowledge base's figure whatever the age effect (so Kaplan-Meier by stage still recovers it). Death
///   does not depend on recurrence here — a simplification.
/// - Local recurrence: exponential with `localRate` per month × the grade ratio (G3 vs G1–G2 and no grade) × the
///   margin ratio (R1 or R2 vs R0) × the size ratio per 5 cm above 5 cm.
/// - Distant metastasis: exponential with `distantRate` per month × the grade ratio × the size ratio; none when the
///   summary stage is already distant.
/// - The first of the three, or censoring at the end of follow-up, is the event (0 censored, 1 local recurrence,
///   2 distant metastasis, 3 death without recurrence: the codes of `leio export outcomes`).
public struct SyntheticOutcomes: Sendable, Equatable {
  /// Hazard ratio of grade G3 against G1–G2 (and no grade), on local recurrence and distant metastasis.
  public var gradeRatio = 2.0
  /// Hazard ratio per 5 cm of size above 5 cm, on local recurrence and distant metastasis.
  public var sizeRatio = 1.3
  /// Hazard ratio of an R1 or R2 margin against R0, on local recurrence.
  public var marginRatio = 2.5
  /// Hazard ratio of death per 10 years of age.
  public var ageRatio = 1.3
  /// Baseline monthly hazard of local recurrence (G1–G2, R0, 5 cm).
  public var localRate = 0.003
  /// Baseline monthly hazard of distant metastasis (G1–G2, 5 cm).
  public var distantRate = 0.004

  /// The default parameters (stated in `leio simulate --help` and in each file's note).
  public init() {}

  /// The mean age of the synthetic cohort (uniform 30–85), on which the age ratio is centred.
  public static let meanAge = 57.5

  /// Why a parameter was refused.
  public func validate() throws {
    for (name, value) in [
      ("--hr-grade", gradeRatio), ("--hr-size", sizeRatio), ("--hr-margin", marginRatio), ("--hr-age", ageRatio),
    ] where !(value > 0 && value <= 100) {
      throw SimulationError.parameter("\(name) must be a hazard ratio above 0 and at most 100.")
    }
    for (name, value) in [("--local-rate", localRate), ("--distant-rate", distantRate)]
    where !(value >= 0 && value <= 1) {
      throw SimulationError.parameter("\(name) must be a monthly hazard from 0 to 1.")
    }
  }

  /// The baseline monthly death hazard h₀ for which the mean over ages 30…85 of exp(−60·h₀·ageRatio^((a − 57.5)/10))
  /// is `fiveYearSurvival` (bisection; the mean falls as h₀ rises).
  public func deathBaseline(fiveYearSurvival: Double) -> Double {
    let multipliers = (30...85).map { pow(ageRatio, (Double($0) - Self.meanAge) / 10) }
    func survival(_ h: Double) -> Double {
      multipliers.reduce(0) { $0 + exp(-60 * h * $1) } / Double(multipliers.count)
    }
    var low = 0.0
    var high = 1.0
    for _ in 0..<200 {
      let middle = (low + high) / 2
      if survival(middle) > fiveYearSurvival { low = middle } else { high = middle }
    }
    return (low + high) / 2
  }

  /// One subject's first event: `deathHazard` is the stage's baseline death hazard; `followUp` the months until
  /// administrative censoring. Draws three numbers from `random`.
  public func firstEvent(
    deathTime: Double, grade: String, sizeCm: Double, margin: String, distantAtDiagnosis: Bool,
    followUp: Double, random: inout SplitMix64
  ) -> (months: Double, event: Int) {
    let gradeFactor = grade == "G3" ? gradeRatio : 1
    let sizeFactor = pow(sizeRatio, max(0, sizeCm - 5) / 5)
    let marginFactor = margin == "R1" || margin == "R2" ? marginRatio : 1
    func exponential(_ rate: Double) -> Double {
      let u = random.unit()
      return rate > 0 ? -log(1 - u) / rate : .infinity
    }
    let local = exponential(localRate * gradeFactor * sizeFactor * marginFactor)
    let distantDraw = exponential(distantRate * gradeFactor * sizeFactor)
    let distant = distantAtDiagnosis ? .infinity : distantDraw
    let times = [followUp, local, distant, deathTime]
    let first = times.indices.min { times[$0] < times[$1] } ?? 0
    return ((times[first] * 100).rounded() / 100, first)
  }
}

/// A simulation parameter out of range.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
  case parameter(String)

  /// The value in words, as messages show it.
  public var description: String {
    switch self {
    case .parameter(let detail): detail
    }
  }
}
