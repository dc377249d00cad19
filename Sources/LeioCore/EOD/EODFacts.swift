import Foundation

/// One EOD item of a case, kept without a string so that a case stays a plain value (no reference counting on the
/// batch path): absent, present but blank, or its code as a number (written back with the item's digits).
public enum EODItem: Sendable, Hashable {
  /// Not given.
  case absent
  /// Given, but blank (SEER matches it to no code: summary stage 9).
  case blank
  /// The code, as a number (`200`, `0` for `00`).
  case code(UInt16)

  /// The item as NAACCR writes it: `digits` digits, `""` when blank, `nil` when absent.
  public func text(digits: Int) -> String? {
    switch self {
    case .absent: nil
    case .blank: ""
    case .code(let value):
      String(repeating: "0", count: max(0, digits - String(value).count)) + String(value)
    }
  }
}

/// The registry items of a case (SEER EOD 2018 772, 774, 776, Tumor Size Summary 756, Grade Clinical 3843, Grade
/// Pathological 3844, Schema Discriminator 2 3927), as plain values, with what ``EODFactTable`` read from them.
/// - Source: registry-codes §1, §2, §4, §5.
public struct EODFacts: Sendable, Hashable {
  /// EOD Primary Tumor (772), three digits.
  public var primaryTumor = EODItem.absent
  /// EOD Regional Nodes (774), three digits.
  public var regionalNodes = EODItem.absent
  /// EOD Mets (776), two digits.
  public var mets = EODItem.absent
  /// Schema Discriminator 2 (3927): 1, 2, 8 or 9.
  public var discriminator2: UInt8?
  /// Tumor Size Summary (756), three digits.
  public var tumorSize = EODItem.absent
  /// Grade Clinical (3843), its ASCII code (`1`, `A`, `H`, `9`).
  public var gradeClinical: UInt8?
  /// Grade Pathological (3844), its ASCII code.
  public var gradePathological: UInt8?

  /// The schema the codes were read in (set when the case is validated and has any registry code).
  public internal(set) var schema: EODSchema?
  /// Head and neck invasion level read from EOD Primary Tumor (``EODFactTable``).
  public internal(set) var headAndNeckInvasion: HeadAndNeckInvasion?
  /// Multifocality read from EOD Primary Tumor (visceral schemas).
  public internal(set) var multifocality: Multifocality?
  /// Whether EOD Primary Tumor leaves T open (a code that spans categories).
  public internal(set) var primaryTumorOpen = false
  /// Whether EOD Mets is 99 (death certificate only): distant metastasis unknown.
  public internal(set) var metastasisUnknown = false

  /// No EOD items.
  public init() {}

  /// Whether any EOD code was given: the summary stage is then derived from them.
  public var hasCodes: Bool { primaryTumor != .absent || regionalNodes != .absent || mets != .absent }

  /// Whether any registry code was given (EOD, size or grade): the case is then read in its EOD schema.
  public var hasRegistryCodes: Bool {
    hasCodes || tumorSize != .absent || gradeClinical != nil || gradePathological != nil
  }

  /// The codes as text, for ``EODSummaryStage/derive(_:schema:)``.
  public func codes(peritonealCytology: String?) -> EODCodes {
    EODCodes(
      primaryTumor: primaryTumor.text(digits: 3), regionalNodes: regionalNodes.text(digits: 3),
      mets: mets.text(digits: 2), peritonealCytology: peritonealCytology)
  }
}
