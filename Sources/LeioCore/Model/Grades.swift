import Foundation

/// A grade as the pathology report gives it.
///
/// `differentiation` stands for generic terms ("well/moderately/poorly
/// differentiated"), which are not a sarcoma grade.
/// - Source: reference §2.1 (grade input mapping), §3.5, §5.1.
public enum ReportedGrade: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case g1 = "G1", g2 = "G2", g3 = "G3", gx = "GX"
  case low, high, differentiation

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, ReportedGrade)] = [
    ("1", .g1), ("2", .g2), ("3", .g3), ("X", .gx),
    ("lowGrade", .low), ("highGrade", .high),
    ("wellDifferentiated", .differentiation), ("moderatelyDifferentiated", .differentiation),
    ("poorlyDifferentiated", .differentiation),
  ]
}

/// The grade a staging table groups by, after the system's grade mapping.
/// - Source: reference §2.1, §3.5 (D-06).
public enum GroupingGrade: String, RuleCode {
  case g1 = "G1", g2 = "G2", g3 = "G3", gx = "GX"
  /// "High grade" only (2-tier), AJCC 8's G2/G3 column: shown as "high (G2–G3)".
  case high
}
