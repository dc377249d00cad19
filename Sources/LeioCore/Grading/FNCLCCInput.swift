import Foundation

/// The FNCLCC grade components as a pathology report gives them.
///
/// Give either `differentiationScore` or an LMS `subtype`, a `mitoticCount`
/// (per 10 high-power fields, or per `mitoticAreaMm2`), and `necrosis` or
/// `necrosisPercent`. A missing component gives GX (D-12).
public struct FNCLCCInput: Sendable, Hashable, Codable {
  /// Differentiation score 1–3 given by the pathologist.
  public var differentiationScore: Int?
  /// LMS subtype, from which the differentiation score follows (§5.1.1).
  public var subtype: String?
  /// Mitoses counted (whole number).
  public var mitoticCount: Double?
  /// Area in mm² the count was made in; without it the count is per 10 HPF.
  public var mitoticAreaMm2: Double?
  /// `none`, `lessThanHalf` or `atLeastHalf`.
  public var necrosis: String?
  /// Tumour necrosis as a percentage of the tumour.
  public var necrosisPercent: Double?
  /// Primary site; uterine LMS is not graded (§5.1.3).
  public var site: String?

  /// Components as given; every one is optional (a missing one gives GX, D-12).
  public init(
    differentiationScore: Int? = nil, subtype: String? = nil, mitoticCount: Double? = nil,
    mitoticAreaMm2: Double? = nil, necrosis: String? = nil, necrosisPercent: Double? = nil,
    site: String? = nil
  ) {
    self.differentiationScore = differentiationScore
    self.subtype = subtype
    self.mitoticCount = mitoticCount
    self.mitoticAreaMm2 = mitoticAreaMm2
    self.necrosis = necrosis
    self.necrosisPercent = necrosisPercent
    self.site = site
  }
}

/// An LMS subtype as it bears on the FNCLCC differentiation score.
/// - Source: reference §5.1.1 `[NCI-PDQ-STS]` `[BMK-GRADING]` `[KOBE-FNCLCC]`.
public enum LMSSubtype: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case wellDifferentiated, conventional, poorlyDifferentiated, pleomorphic, epithelioid, myxoid, notStated

  /// The differentiation score the table gives, or `nil` where the
  /// pathologist must give it (myxoid and NOS, D-13).
  public var differentiationScore: Int? {
    switch self {
    case .wellDifferentiated: 1
    case .conventional: 2
    case .poorlyDifferentiated, .pleomorphic, .epithelioid: 3
    case .myxoid, .notStated: nil
    }
  }
}

/// Extent of tumour necrosis, FNCLCC banding.
/// - Source: reference §5.1 (none 0; < 50 % 1; ≥ 50 % 2).
public enum NecrosisExtent: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case none, lessThanHalf, atLeastHalf

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, NecrosisExtent)] = [
    ("absent", .none), ("0", .none), ("<50%", .lessThanHalf), (">=50%", .atLeastHalf),
  ]

  /// The necrosis score.
  public var score: Int {
    switch self {
    case .none: 0
    case .lessThanHalf: 1
    case .atLeastHalf: 2
    }
  }

  /// The band for a percentage (0–100).
  public init(percent: Double) {
    self = percent == 0 ? .none : (percent < 50 ? .lessThanHalf : .atLeastHalf)
  }
}
