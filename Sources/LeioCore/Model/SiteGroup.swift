import Foundation

/// A staging site group: the unit that decides which systems apply.
/// - Source: reference §1.4.
public enum SiteGroup: String, Sendable, Hashable, Codable, CaseIterable {
  case trunkAndExtremities = "TE"
  case retroperitoneum = "RP"
  case headAndNeck = "HN"
  case visceral = "AT"
  case heartMediastinumPleura = "HM"
  case uterineCorpus = "UC"
  case cervix = "CX"
  case otherGynaecologic = "OG"
  case skin = "SK"
  case bone = "BO"
  case orbit = "OR"
  case other = "OT"

  /// Display name.
  public var title: String {
    switch self {
    case .trunkAndExtremities: "Trunk and extremities"
    case .retroperitoneum: "Retroperitoneum / peritoneum"
    case .headAndNeck: "Head and neck"
    case .visceral: "Abdomen and thoracic visceral organs"
    case .heartMediastinumPleura: "Heart, mediastinum, pleura"
    case .uterineCorpus: "Uterine corpus"
    case .cervix: "Cervix (diagnosed 2021 or later)"
    case .otherGynaecologic: "Other gynaecologic sites"
    case .skin: "Skin"
    case .bone: "Bone"
    case .orbit: "Orbit"
    case .other: "Other or ill-defined sites"
    }
  }
}
