import Foundation

/// Criteria check for smooth-muscle tumours of deep soft tissue and the
/// retroperitoneum, which are judged more strictly than uterine ones.
///
/// - Source: reference §5.3 `[STANFORD-DSTLM]`: leiomyoma needs bland cytology,
///   < 1 mitosis/50 HPF and no tumour necrosis; any atypia, > 4 mitoses/50 HPF
///   or coagulative tumour-cell necrosis favours LMS; bland tumours with
///   1–4/50 HPF fall in an uncertain category. Display only (R-5.2a).
public enum DeepSoftTissueCriteria {
  /// Runs the check.
  ///
  /// - Parameters:
  ///   - atypia: any cytological atypia.
  ///   - mitosesPer50HPF: mitoses in 50 high-power fields (whole number).
  ///   - necrosis: coagulative tumour-cell necrosis.
  /// - Throws: ``StagingError`` for a negative or fractional count.
  public static func check(atypia: Bool, mitosesPer50HPF: Int, necrosis: Bool) throws -> CriteriaCheck {
    guard mitosesPer50HPF >= 0 else {
      throw StagingError.outOfRange(
        field: "mitoses", value: "\(mitosesPer50HPF)", message: "mitoses per 50 HPF must be 0 or more.")
    }
    var trace = Trace(recording: true)
    let features = ["atypia": atypia, "mitosesOver4Per50HPF": mitosesPer50HPF > 4, "tumourCellNecrosis": necrosis]
    let favoursLMS = atypia || mitosesPer50HPF > 4 || necrosis
    let met: String
    let summary: String
    if favoursLMS {
      met = "yes"
      summary =
        "Features favour leiomyosarcoma (any atypia, > 4 mitoses/50 HPF or tumour-cell necrosis); criteria check, not a diagnosis"
    } else if mitosesPer50HPF >= 1 {
      met = "indeterminate"
      summary = "Bland tumour with 1–4 mitoses/50 HPF: uncertain category; criteria check, not a diagnosis"
    } else {
      met = "no"
      summary =
        "No feature of leiomyosarcoma (bland, < 1 mitosis/50 HPF, no tumour necrosis); criteria check, not a diagnosis"
    }
    trace.note("deepSoftTissue", "§5.3", summary, output: met, decisions: ["D-15"])
    return CriteriaCheck(
      criteriaMet: met, summary: summary, featuresPresent: features.values.filter { $0 }.count,
      featuresRequired: 1, features: features, steps: trace.steps, warnings: trace.warnings)
  }
}
