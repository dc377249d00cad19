import Foundation

/// A staging system Leio implements.
public enum StagingSystem: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  /// AJCC 7th edition soft tissue sarcoma (2010); historical records.
  case ajcc7
  /// AJCC 8th edition (2017), site-specific soft tissue sarcoma chapters.
  case ajcc8
  /// FIGO 2009 uterine leiomyosarcoma / endometrial stromal sarcoma.
  case figo2009

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, StagingSystem)] = [
    ("AJCC 7", .ajcc7), ("AJCC7th", .ajcc7), ("AJCC 8", .ajcc8), ("AJCC8th", .ajcc8), ("FIGO", .figo2009),
  ]

  /// Display name.
  public var title: String {
    switch self {
    case .ajcc7: "AJCC 7th edition"
    case .ajcc8: "AJCC 8th edition"
    case .figo2009: "FIGO 2009 (current for LMS/ESS as of the sources checked)"
    }
  }

  /// The short name used in running text ("the FIGO 2009 stage").
  public var shortTitle: String {
    switch self {
    case .ajcc7: "AJCC 7"
    case .ajcc8: "AJCC 8"
    case .figo2009: "FIGO 2009"
    }
  }
}
