import Foundation

/// A synthetic LMS registry cohort for demonstrations and benchmarks (`leio simulate`). Every row is marked
/// synthetic; none describes a person.
///
/// Survival by summary stage: exponential, with the 5-year survival of each stage taken from the knowledge base's
/// population figures (`sts-roswell-*`, soft tissue sarcoma, diagnosed 2015–2019, reference §7 — relative survival
/// used as if it were overall survival, a simplification stated in the output's `note`), and an age effect whose
/// baseline is solved so that Kaplan-Meier on a large cohort still recovers those figures. The first event after
/// diagnosis — local recurrence, distant metastasis or death without recurrence, competing — follows
/// ``SyntheticOutcomes`` (covariate effects the user sets; synthetic defaults). Everything else is a design choice of
/// the simulation, not a clinical figure: stages in equal thirds; sites, grades and treatments drawn uniformly; age
/// 30–85 and size 1–25 cm uniform; entry uniform over 10 years with follow-up to the end of year 10 (administrative
/// censoring only).
public struct SyntheticCohort: Sendable {
  /// The CSV header of a synthetic cohort file.
  public static let header = "id,synthetic,site,age,sizeCm,grade,summaryStage,margin,months,died,eventMonths,event"
  /// What the synthetic data is and is not (written with every file).
  public static let note =
    "SYNTHETIC data from leio simulate: survival by summary stage follows the knowledge base's 5-year figures (sts-roswell, relative survival taken as overall); recurrence and the covariate effects are simulation parameters, not clinical estimates; no row describes a person."
  static let stages = ["localized", "regional", "distant"]
  static let sites = ["extremity", "trunk", "retroperitoneum", "uterus"]
  static let grades = ["G1", "G2", "G3"]
  static let margins = ["R0", "R1", "R2"]

  /// Baseline monthly death hazard per stage (at the mean age; −ln(S₆₀)/60 when age has no effect).
  public let hazards: [String: Double]
  /// The recurrence model and covariate effects.
  public let outcomes: SyntheticOutcomes
  private var recurrence: SplitMix64
  /// The 5-year survival per stage the hazards were built from.
  public let fiveYearSurvival: [String: Double]
  private var random: SplitMix64

  /// A cohort generator; the same seed (and parameters) gives the same cohort. The first event is drawn from a second
  /// generator, so the columns up to `died` do not depend on the recurrence parameters.
  public init(seed: UInt64, outcomes: SyntheticOutcomes = SyntheticOutcomes()) throws {
    try outcomes.validate()
    self.outcomes = outcomes
    recurrence = SplitMix64(seed: seed ^ 0x5EED_0FC0_40E5)
    let figures = try Prognosis.allFigures()
    var survival: [String: Double] = [:]
    for stage in Self.stages {
      guard let figure = figures.first(where: { $0.id == "sts-roswell-\(stage)" }),
        let percent = Double(figure.value.replacingOccurrences(of: " %", with: ""))
      else {
        throw KnowledgeError.malformed("no sts-roswell-\(stage) figure in prognosis.json")
      }
      survival[stage] = percent / 100
    }
    fiveYearSurvival = survival
    hazards = survival.mapValues { outcomes.deathBaseline(fiveYearSurvival: $0) }
    random = SplitMix64(seed: seed)
  }

  /// The next row (without line end): `index` numbers the identifier.
  public mutating func row(_ index: Int) -> String {
    let stage = Self.stages[random.below(3)]
    let site = Self.sites[random.below(Self.sites.count)]
    let age = 30 + random.below(56)
    let size = Double(10 + random.below(241)) / 10
    let grade = site == "uterus" ? "" : Self.grades[random.below(3)]
    let margin = Self.margins[random.below(3)]
    let ageFactor = pow(outcomes.ageRatio, (Double(age) - SyntheticOutcomes.meanAge) / 10)
    let eventTime = -log(1 - random.unit()) / ((hazards[stage] ?? 0.01) * ageFactor)
    let followUp = random.unit() * 120  // entry uniform over 10 years, study ends at year 10
    let died = eventTime <= followUp
    let months = (min(eventTime, followUp) * 100).rounded() / 100
    let first = outcomes.firstEvent(
      deathTime: eventTime, grade: grade, sizeCm: size, margin: margin, distantAtDiagnosis: stage == "distant",
      followUp: followUp, random: &recurrence)
    return
      "SIM-\(String(format: "%07d", index)),yes,\(site),\(age),\(size),\(grade),\(stage),\(margin),\(months),\(died ? 1 : 0),\(first.months),\(first.event)"
  }
}
