import Foundation

/// A T (primary tumour) category of any system Leio implements.
///
/// Each system's tables accept a subset (AJCC 7 soft tissue: TX–T2b; FIGO
/// 2009: TX–T4 without T4a–c). A `c` or `p` prefix (`pT2b`) is accepted and
/// ignored here; the basis is a separate fact.
/// - Source: reference §2.1, §3.1–§3.4, §4.1.
public enum TCategory: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case tx = "TX", t0 = "T0", t1 = "T1", t1a = "T1a", t1b = "T1b"
  case t2 = "T2", t2a = "T2a", t2b = "T2b", t3 = "T3", t3a = "T3a", t3b = "T3b"
  case t4 = "T4", t4a = "T4a", t4b = "T4b", t4c = "T4c"

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, TCategory)] = allCases.flatMap { code in
    [("c" + code.rawValue, code), ("p" + code.rawValue, code)]
  }
}

/// A regional lymph node category.
/// - Source: reference §2.1, §3.5, §4.2.
public enum NCategory: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case nx = "NX", n0 = "N0", n1 = "N1"

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, NCategory)] = allCases.flatMap { code in
    [("c" + code.rawValue, code), ("p" + code.rawValue, code)]
  }
}

/// A distant metastasis category.
/// - Source: reference §2.1, §4.1.
public enum MCategory: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case m0 = "M0", m1 = "M1"

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, MCategory)] = allCases.flatMap { code in
    [("c" + code.rawValue, code), ("p" + code.rawValue, code)]
  }
}

/// Whether T/N/M are clinical or pathological; it matters only for T0 N0 M0.
/// - Source: reference §2.3 rule 4, §4.2 rule 6.
public enum Basis: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case clinical, pathological
}
