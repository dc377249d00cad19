import Foundation

extension CaseFacts {
  /// The grade of the case as recorded: the grade given, or else the FNCLCC grade of its components (reference
  /// §5.1); `nil` when neither is given. Staging may use it differently (GX grouping, the uterus is not graded); this
  /// is the recorded fact, for exports and datasets.
  public var recordedGrade: ReportedGrade? {
    if let grade { return grade }
    guard let fnclcc, let result = try? FNCLCCGrading.grade(fnclcc, explain: false) else { return nil }
    return result.grade.reported
  }
}
