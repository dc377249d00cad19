import Foundation

/// Input to the WHO criteria check for uterine smooth-muscle tumours.
/// - Source: reference §5.2 R-5.2b.
public struct UterineCriteriaInput: Sendable, Hashable, Codable {
  /// `spindle`, `epithelioid`, `myxoid`, `mixed` or `unknown`.
  public var subtype: String?
  /// `none`, `mild`, `moderate` or `severe`.
  public var atypia: String?
  /// Mitoses counted (per 10 HPF of ≈ 0.24 mm², or per `mitoticAreaMm2`).
  public var mitoticCount: Double?
  /// Area of the count in mm²; the count is normalised to 10 HPF ≈ 2.4 mm².
  public var mitoticAreaMm2: Double?
  /// Tumour-cell (coagulative) necrosis: `present`, `absent` or `equivocal`.
  public var necrosis: String?
  /// `pushing`, `infiltrative` or `unknown`.
  public var border: String?

  /// The features a pathology report gives; every one is optional.
  public init(
    subtype: String? = nil, atypia: String? = nil, mitoticCount: Double? = nil, mitoticAreaMm2: Double? = nil,
    necrosis: String? = nil, border: String? = nil
  ) {
    (self.subtype, self.atypia, self.mitoticCount, self.mitoticAreaMm2, self.necrosis, self.border) =
      (subtype, atypia, mitoticCount, mitoticAreaMm2, necrosis, border)
  }
}

/// Uterine smooth-muscle tumour subtype for the criteria check.
public enum UterineSubtype: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case spindle, epithelioid, myxoid, mixed, unknown
  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, UterineSubtype)] = [("conventional", .spindle)]
}

/// Cytological atypia.
public enum Atypia: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case none, mild, moderate, severe
  /// Moderate or severe atypia counts as a feature.
  public var counts: Bool { self == .moderate || self == .severe }
}

/// Tumour-cell necrosis as reported.
public enum NecrosisFinding: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case present, absent, equivocal
}

/// Tumour border.
public enum TumourBorder: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case pushing, infiltrative, unknown
}

/// The answer of a criteria check: a checklist, never a diagnosis (D-15).
public struct CriteriaCheck: Sendable, Hashable, Codable {
  /// `yes`, `no` or `indeterminate`.
  public var criteriaMet: String
  /// The headline, e.g. "LMS criteria met (criteria check, not a diagnosis)".
  public var summary: String
  /// Features present, out of the three.
  public var featuresPresent: Int?
  /// Features the subtype requires.
  public var featuresRequired: Int?
  /// Each feature and whether it is present.
  public var features: [String: Bool]
  /// Mitoses normalised to the reference area, when an area was given.
  public var normalisedMitoticCount: Double?
  /// Steps and notes.
  public var steps: [RuleStep]
  /// Warnings (unverified thresholds, conflicts).
  public var warnings: [StagingWarning]
  /// The fixed label of every criteria check (D-15).
  public var label = "Criteria check, not a diagnosis: the pathologist makes the diagnosis."
}

/// WHO 2020 criteria check for uterine smooth-muscle tumours.
///
/// ```
/// $ leio classify uterine --subtype spindle --atypia moderate --mitoses 12 --necrosis absent
/// LMS criteria met: yes (2 of 3 features; spindle needs 2) — criteria check, not a diagnosis
/// ```
/// - Source: reference §5.2 `[PBR-527]` `[PO-UTLMS]` `[AJSP-2022-ELMS]` `[AJSP-2016-MLMS]`.
/// - Important: never outputs "leiomyoma" or "STUMP" as a result (R-5.2a).
public enum UterineCriteria {
  /// Area of 10 HPF for the uterine thresholds (HPF ≈ 0.24 mm²).
  /// - Source: reference §5.2 `[AJSP-2022-ELMS]`.
  public static let tenFieldAreaMm2 = 2.4

  /// The mitotic threshold per subtype and whether it is inclusive (≥) or strict (>).
  /// - Source: reference §5.2 table (spindle ≥ 10, epithelioid ≥ 4, myxoid > 1).
  static func threshold(_ subtype: UterineSubtype) -> (value: Double, inclusive: Bool, required: Int)? {
    switch subtype {
    case .spindle: (10, true, 2)
    case .epithelioid: (4, true, 1)
    case .myxoid: (1, false, 1)
    case .mixed, .unknown: nil
    }
  }

  /// Runs the check.
  ///
  /// - Throws: ``StagingError`` for unknown codes, a negative or fractional
  ///   count, or a non-positive area.
  public static func check(_ input: UterineCriteriaInput) throws -> CriteriaCheck {
    var trace = Trace(recording: true)
    let subtype = try input.subtype.map { try UterineSubtype.parse($0, field: "subtype") } ?? .unknown
    let atypia = try input.atypia.map { try Atypia.parse($0, field: "atypia") }
    let necrosis = try input.necrosis.map { try NecrosisFinding.parse($0, field: "necrosis") }
    let border = try input.border.map { try TumourBorder.parse($0, field: "border") } ?? .unknown
    var count = input.mitoticCount
    var normalised: Double?
    if let raw = count {
      guard raw >= 0, raw == raw.rounded(), raw.isFinite else {
        throw StagingError.outOfRange(
          field: "mitoticCount", value: "\(raw)", message: "mitotic count must be a whole number of mitoses, 0 or more."
        )
      }
      if let area = input.mitoticAreaMm2 {
        guard area > 0, area.isFinite else {
          throw StagingError.outOfRange(
            field: "mitoticAreaMm2", value: "\(area)", message: "the counting area must be greater than 0 mm².")
        }
        count = raw * tenFieldAreaMm2 / area
        guard let value = count, value.isFinite else {
          throw StagingError.outOfRange(
            field: "mitoticAreaMm2", value: "\(area)",
            message:
              "the counting area \(area) mm² is too small to normalise \(raw.clinicalText) mitoses to a finite count; check the unit is mm²."
          )
        }
        normalised = count
        trace.note(
          "mitoses", "§5.2",
          "\(raw.clinicalText) mitoses in \(area.clinicalText) mm² ⇒ \(String(format: "%.2f", count ?? 0)) per 10 HPF (2.4 mm²)"
        )
      }
    }
    var features: [String: Bool] = [:]
    if let atypia { features["atypia"] = atypia.counts }
    if let necrosis, necrosis != .equivocal { features["tumourCellNecrosis"] = necrosis == .present }

    guard let rule = threshold(subtype) else {
      trace.note(
        "subtype", "§5.2 R-5.2b",
        "Subtype \(subtype.rawValue): the reference gives no rule, so the check is indeterminate")
      return CriteriaCheck(
        criteriaMet: "indeterminate",
        summary: "LMS criteria: indeterminate (subtype \(subtype.rawValue)); criteria check, not a diagnosis",
        features: features, normalisedMitoticCount: normalised, steps: trace.steps, warnings: trace.warnings)
    }
    if let count {
      features["mitoses"] = rule.inclusive ? count >= rule.value : count > rule.value
      trace.note(
        "mitoses", "§5.2",
        "\(subtype.rawValue): mitoses \(rule.inclusive ? "≥" : ">") \(rule.value.clinicalText) per 10 HPF counts as a feature",
        output: features["mitoses"] == true ? "present" : "absent")
    }
    switch subtype {
    case .epithelioid:
      trace.warn(
        "epithelioidThreshold", "§11 C-18, U-09",
        "The epithelioid rule \"≥ 1 of 3\" is the commonly cited WHO threshold (not independently verified); in a 2022 outcome series every epithelioid LMS had ≥ 2 of the 3 features."
      )
    case .myxoid:
      trace.warn(
        "myxoidThreshold", "§5.2, U-09",
        "The myxoid threshold (> 1 mitosis per 10 HPF, ≥ 1 of 3) is reported by secondary sources, not independently verified."
      )
      if border == .infiltrative {
        trace.note("border", "§5.2", "An infiltrative border strongly supports myxoid LMS (not counted as a feature)")
      }
    case .spindle, .mixed, .unknown: break
    }
    let present = features.values.filter { $0 }.count
    let missing = atypia == nil || necrosis == nil || count == nil
    if necrosis == .equivocal || missing {
      let why = necrosis == .equivocal ? "tumour-cell necrosis is equivocal" : "a feature was not given"
      trace.note("result", "§5.2 R-5.2b", "Indeterminate: \(why)", output: "indeterminate")
      return CriteriaCheck(
        criteriaMet: "indeterminate", summary: "LMS criteria: indeterminate (\(why)); criteria check, not a diagnosis",
        featuresPresent: present, featuresRequired: rule.required, features: features,
        normalisedMitoticCount: normalised,
        steps: trace.steps, warnings: trace.warnings)
    }
    let met = present >= rule.required
    trace.note(
      "result", "§5.2", "\(present) of 3 features; \(subtype.rawValue) needs \(rule.required)",
      output: met ? "yes" : "no", decisions: ["D-15"])
    let summary =
      met
      ? "LMS criteria met: yes (\(present) of 3 features; \(subtype.rawValue) needs \(rule.required)); criteria check, not a diagnosis"
      : "LMS criteria met: no (\(present) of 3 features; \(subtype.rawValue) needs \(rule.required)); the pathologist decides, e.g. between leiomyoma variants and a tumour of uncertain malignant potential; criteria check, not a diagnosis"
    return CriteriaCheck(
      criteriaMet: met ? "yes" : "no", summary: summary, featuresPresent: present, featuresRequired: rule.required,
      features: features, normalisedMitoticCount: normalised, steps: trace.steps, warnings: trace.warnings)
  }
}
