import Foundation

/// A primary site as Leio names it: a site group, or part of one where the
/// systems treat the part differently (breast has no AJCC 7 stage, pleura no
/// AJCC 7 either, spine and pelvis have their own bone T).
/// - Source: reference §1.4 table (AJCC 7 column and notes).
public enum Site: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case extremity, trunk, softTissueNOS, breast
  case retroperitoneum, peritoneum
  case headAndNeck, headAndNeckOrgan
  case visceral, heartMediastinum, pleura
  case uterus, cervix, ovaryOrTube, otherGynaecologic
  case skin, bone, boneSpine, bonePelvis, orbit, other

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, Site)] = [
    ("extremities", .extremity), ("limb", .extremity), ("uterine", .uterus), ("uterineCorpus", .uterus),
    ("headNeck", .headAndNeck), ("cutaneous", .skin),
  ]

  /// The site group.
  public var group: SiteGroup {
    switch self {
    case .extremity, .trunk, .softTissueNOS, .breast: .trunkAndExtremities
    case .retroperitoneum, .peritoneum: .retroperitoneum
    case .headAndNeck, .headAndNeckOrgan: .headAndNeck
    case .visceral: .visceral
    case .heartMediastinum, .pleura: .heartMediastinumPleura
    case .uterus: .uterineCorpus
    case .cervix: .cervix
    case .ovaryOrTube, .otherGynaecologic: .otherGynaecologic
    case .skin: .skin
    case .bone, .boneSpine, .bonePelvis: .bone
    case .orbit: .orbit
    case .other: .other
    }
  }

  /// Whether the AJCC 7 soft tissue sarcoma table stages this site.
  /// - Source: reference §1.4 AJCC 7 column, R-1.4e `[SEER-TNM7]`.
  public var hasAJCC7SoftTissueStaging: Bool {
    switch self {
    case .extremity, .trunk, .softTissueNOS, .retroperitoneum, .peritoneum, .headAndNeck, .heartMediastinum: true
    case .breast, .headAndNeckOrgan, .visceral, .pleura, .uterus, .cervix, .ovaryOrTube, .otherGynaecologic,
      .skin, .bone, .boneSpine, .bonePelvis, .orbit, .other:
      false
    }
  }

  /// Whether tumours here are deep by definition (AJCC 7 allows only T1b/T2b).
  /// - Source: reference §2.1 depth rules ("always deep"; SEER `tnm7_stage_upm`).
  public var isAlwaysDeep: Bool {
    switch self {
    case .retroperitoneum, .peritoneum, .heartMediastinum, .pleura: true
    case .extremity, .trunk, .softTissueNOS, .breast, .headAndNeck, .headAndNeckOrgan, .visceral, .uterus,
      .cervix, .ovaryOrTube, .otherGynaecologic, .skin, .bone, .boneSpine, .bonePelvis, .orbit, .other:
      false
    }
  }
}

/// Side of the body the primary tumour is on: the mCODE laterality qualifier's values, and `unknown`.
/// Not a staging input (no staging rule of the reference depends on it); kept for registry and FHIR interchange.
/// - Source: shared fhir-mcode.md §2 (laterality qualifier: right, left, right and left, midline).
public enum Laterality: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case left, right, bilateral, midline, unknown
}
