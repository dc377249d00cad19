import Foundation

/// A stage group of AJCC 7, AJCC 8 or FIGO 2009, or why there is none.
///
/// `I`, `II` and `III` without a letter appear when the substage is unknown.
/// - Source: reference §2.2, §3.1–§3.2, §4.1.
public enum StageGroup: String, RuleCode {
  case i = "I", ia = "IA", ib = "IB", ii = "II", iia = "IIA", iib = "IIB"
  case iii = "III", iiia = "IIIA", iiib = "IIIB", iiic = "IIIC"
  case iv = "IV", iva = "IVA", ivb = "IVB"
  case unknown, notApplicable

  /// Severity order within a system (IA < IB < … < IVB), for property tests
  /// and sorting; `nil` for `unknown` and `notApplicable`.
  public var rank: Int? {
    switch self {
    case .ia: 1
    case .i, .ib: 2
    case .ii, .iia: 3
    case .iib: 4
    case .iii, .iiia: 5
    case .iiib: 6
    case .iiic: 7
    case .iv, .iva: 8
    case .ivb: 9
    case .unknown, .notApplicable: nil
    }
  }
}
