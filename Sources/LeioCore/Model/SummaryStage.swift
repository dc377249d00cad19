import Foundation

/// A SEER Summary Stage 2018 code.
/// - Source: reference §6.1 `[SEER-EOD]`.
public enum SummaryStage: String, RuleCode {
  case localized = "1"
  case regionalDirectExtension = "2"
  case regionalNodes = "3"
  case regionalExtensionAndNodes = "4"
  case distant = "7"
  case unknown = "9"

  /// SEER's label for the code.
  public var label: String {
    switch self {
    case .localized: "Localized only"
    case .regionalDirectExtension: "Regional by direct extension only"
    case .regionalNodes: "Regional lymph node(s) only"
    case .regionalExtensionAndNodes: "Regional by direct extension and regional lymph node(s)"
    case .distant: "Distant site(s)/node(s)"
    case .unknown: "Unknown if extension or metastasis"
    }
  }

  /// The patient-facing category (SEER Stat Facts wording).
  public var category: SummaryStageCategory {
    switch self {
    case .localized: .localized
    case .regionalDirectExtension, .regionalNodes, .regionalExtensionAndNodes: .regional
    case .distant: .distant
    case .unknown: .unknown
    }
  }
}

/// The summary stage in the words of SEER Stat Facts, or `notComputed` where SS2018 was not derived.
/// - Source: reference §6.1 `[SEER-EOD]`.
public enum SummaryStageCategory: String, Sendable, Hashable, Codable, CaseIterable {
  case localized, regional, distant, unknown, notComputed
}

/// SS2018 primary-tumour category (`T_ss`).
/// - Source: reference §6.2.
enum SummaryPrimary: String, RuleCode {
  case l = "L", re = "RE", d = "D", u = "U"
}

/// SS2018 nodes category (`N_ss`).
/// - Source: reference §6.2.
enum SummaryNodes: String, RuleCode {
  case none = "NONE", rn = "RN", d = "D", u = "U", na = "NA"
}

/// SS2018 metastasis category (`M_ss`).
/// - Source: reference §6.2.
enum SummaryMets: String, RuleCode {
  case none = "NONE", d = "D", u = "U", na = "NA"
}
