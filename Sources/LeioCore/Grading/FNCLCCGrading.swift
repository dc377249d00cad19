import Foundation

/// The FNCLCC grade and how it was reached.
public struct FNCLCCResult: Sendable, Hashable, Codable {
  /// Differentiation score 1–3, if known.
  public var differentiationScore: Int?
  /// Mitotic count score 1–3, if known.
  public var mitoticScore: Int?
  /// Necrosis score 0–2, if known.
  public var necrosisScore: Int?
  /// Sum of the three scores (2–8), when all are known.
  public var total: Int?
  /// Count normalised to 10 FNCLCC fields (1.734 mm²), when an area was given.
  public var normalisedMitoticCount: Double?
  /// `G1`, `G2`, `G3`, `GX`, or `notApplicable` (uterine LMS).
  public var grade: FNCLCCGrade
  /// The rule steps.
  public var steps: [RuleStep]
  /// Warnings.
  public var warnings: [StagingWarning]
}

/// An FNCLCC grade as the grading gives it.
/// - Source: reference §5.1 (2–3 ⇒ G1, 4–5 ⇒ G2, 6–8 ⇒ G3; a missing component ⇒ GX, D-12), §5.1.3 (not for uterine LMS).
public enum FNCLCCGrade: String, Sendable, Hashable, Codable, CaseIterable {
  case g1 = "G1", g2 = "G2", g3 = "G3", gx = "GX"
  /// Uterine LMS is not graded.
  case notApplicable

  /// The same grade as a reported grade (`notApplicable` is not a grade: GX).
  public var reported: ReportedGrade {
    switch self {
    case .g1: .g1
    case .g2: .g2
    case .g3: .g3
    case .gx, .notApplicable: .gx
    }
  }
}

/// FNCLCC grading of non-uterine soft tissue LMS.
///
/// ```swift
/// let result = try FNCLCCGrading.grade(FNCLCCInput(subtype: "conventional", mitoticCount: 12, necrosisPercent: 30))
/// result.grade // "G2" (2 + 2 + 1 = 5)
/// ```
/// ```
/// $ leio grade --subtype conventional --mitoses 12 --necrosis-percent 30
/// ```
/// - Source: reference §5.1 `[NCI-PDQ-STS]` Tables 4–6, `[KOBE-FNCLCC]`.
public enum FNCLCCGrading {
  /// Area of 10 FNCLCC high-power fields (0.1734 mm² each).
  /// - Source: reference §5.1.2 `[KOBE-FNCLCC]`.
  public static let tenFieldAreaMm2 = 1.734

  /// Grades the components.
  ///
  /// - Throws: ``StagingError`` for scores out of range, negative or fractional
  ///   counts, a non-positive area, a percentage outside 0–100, or a subtype
  ///   that contradicts the differentiation score.
  public static func grade(_ input: FNCLCCInput, explain: Bool = true) throws -> FNCLCCResult {
    var trace = Trace(recording: explain)
    if let siteText = input.site, try Site.parse(siteText, field: "site") == .uterus {
      trace.note(
        "fnclcc.uterus", "§5.1.3", "Uterine LMS has no validated grading system; FIGO staging does not use grade",
        output: "notApplicable")
      return FNCLCCResult(grade: .notApplicable, steps: trace.steps, warnings: trace.warnings)
    }
    let differentiation = try differentiationScore(input, &trace)
    let (mitotic, normalised) = try mitoticScore(input, &trace)
    let necrosis = try necrosisScore(input, &trace)
    guard let differentiation, let mitotic, let necrosis else {
      trace.note(
        "fnclcc.gx", "§5.1", "A component is missing: grade not assessable (no imputation)", output: "GX",
        decisions: ["D-12"])
      trace.warn("gradeNotAssessable", "§5.1", "FNCLCC grade is GX because a component is missing.")
      return FNCLCCResult(
        differentiationScore: differentiation, mitoticScore: mitotic, necrosisScore: necrosis,
        normalisedMitoticCount: normalised, grade: .gx, steps: trace.steps, warnings: trace.warnings)
    }
    let total = differentiation + mitotic + necrosis
    let grade: FNCLCCGrade =
      switch total {
      case ...3: .g1
      case 4...5: .g2
      default: .g3
      }
    trace.note(
      "fnclcc.total", "§5.1",
      "Total \(differentiation) + \(mitotic) + \(necrosis) = \(total): 2–3 ⇒ G1, 4–5 ⇒ G2, 6–8 ⇒ G3",
      output: grade.rawValue)
    return FNCLCCResult(
      differentiationScore: differentiation, mitoticScore: mitotic, necrosisScore: necrosis, total: total,
      normalisedMitoticCount: normalised, grade: grade, steps: trace.steps, warnings: trace.warnings)
  }

  private static func differentiationScore(_ input: FNCLCCInput, _ trace: inout Trace) throws -> Int? {
    let subtype = try input.subtype.map { try LMSSubtype.parse($0, field: "subtype") }
    if let score = input.differentiationScore {
      guard (1...3).contains(score) else {
        throw StagingError.outOfRange(
          field: "differentiationScore", value: "\(score)",
          message: "differentiation score \(score) is out of range; FNCLCC scores are 1, 2 or 3.")
      }
      if let subtype, let expected = subtype.differentiationScore, expected != score {
        throw StagingError.inconsistent(
          field: "differentiationScore",
          message: "score \(score) contradicts subtype \(subtype.rawValue), which scores \(expected) (§5.1.1).")
      }
      trace.note(
        "fnclcc.differentiation", "§5.1.1", "Differentiation score given by the pathologist", output: "\(score)")
      return score
    }
    guard let subtype else {
      trace.note("fnclcc.differentiation", "§5.1", "Differentiation score not given", output: nil)
      return nil
    }
    guard let score = subtype.differentiationScore else {
      trace.note(
        "fnclcc.differentiation", "§5.1.1",
        "\(subtype.rawValue) LMS has no differentiation score in the FNCLCC table: the pathologist must give it",
        decisions: ["D-13"])
      trace.warn(
        "differentiationScoreRequired", "§5.1.1",
        "The FNCLCC table lists no differentiation score for \(subtype.rawValue) LMS (not independently verified, U-10); give differentiationScore from the pathology report."
      )
      return nil
    }
    trace.note("fnclcc.differentiation", "§5.1.1", "\(subtype.rawValue) LMS scores \(score)", output: "\(score)")
    return score
  }

  private static func mitoticScore(_ input: FNCLCCInput, _ trace: inout Trace) throws -> (Int?, Double?) {
    guard let count = input.mitoticCount else {
      trace.note("fnclcc.mitoses", "§5.1", "Mitotic count not given")
      return (nil, nil)
    }
    guard count >= 0, count == count.rounded(), count.isFinite else {
      throw StagingError.outOfRange(
        field: "mitoticCount", value: "\(count)", message: "mitotic count must be a whole number of mitoses, 0 or more."
      )
    }
    var perTenFields = count
    var normalised: Double?
    if let area = input.mitoticAreaMm2 {
      guard area > 0, area.isFinite else {
        throw StagingError.outOfRange(
          field: "mitoticAreaMm2", value: "\(area)", message: "the counting area must be greater than 0 mm².")
      }
      perTenFields = count * tenFieldAreaMm2 / area
      guard perTenFields.isFinite else {
        throw StagingError.outOfRange(
          field: "mitoticAreaMm2", value: "\(area)",
          message:
            "the counting area \(area) mm² is too small to normalise \(count.clinicalText) mitoses to a finite count; check the unit is mm²."
        )
      }
      normalised = perTenFields
      trace.note(
        "fnclcc.normalise", "§5.1.2",
        "\(count.clinicalText) mitoses in \(area.clinicalText) mm² × 1.734 / \(area.clinicalText) = \(String(format: "%.2f", perTenFields)) per 10 FNCLCC fields",
        decisions: ["D-14"])
    } else {
      trace.warn(
        "fieldAreaUnknown", "§5.1.2",
        "Mitoses were counted per 10 HPF without a field area; microscope fields differ, so the count is used as is.")
    }
    let score = perTenFields < 10 ? 1 : (perTenFields < 20 ? 2 : 3)
    trace.note("fnclcc.mitoses", "§5.1", "Mitotic count per 10 HPF: 0–9 ⇒ 1, 10–19 ⇒ 2, ≥ 20 ⇒ 3", output: "\(score)")
    return (score, normalised)
  }

  private static func necrosisScore(_ input: FNCLCCInput, _ trace: inout Trace) throws -> Int? {
    var extent = try input.necrosis.map { try NecrosisExtent.parse($0, field: "necrosis") }
    if let percent = input.necrosisPercent {
      guard (0...100).contains(percent) else {
        throw StagingError.outOfRange(
          field: "necrosisPercent", value: "\(percent)", message: "necrosis must be between 0 and 100 %.")
      }
      let band = NecrosisExtent(percent: percent)
      if let extent, extent != band {
        throw StagingError.inconsistent(
          field: "necrosis", message: "'\(extent.rawValue)' contradicts necrosisPercent \(percent.clinicalText).")
      }
      extent = band
    }
    guard let extent else {
      trace.note("fnclcc.necrosis", "§5.1", "Necrosis not given")
      return nil
    }
    trace.note("fnclcc.necrosis", "§5.1", "Necrosis none ⇒ 0, < 50 % ⇒ 1, ≥ 50 % ⇒ 2", output: "\(extent.score)")
    return extent.score
  }
}
