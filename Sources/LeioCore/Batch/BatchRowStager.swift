import Foundation
public import LeioCSV

/// Stages registry rows: maps a CSV header to case fields once, then turns
/// each row into `stageGroup`, `summaryStage` and `error` cells.
///
/// The header uses the JSON field names of `leio stage` (`site, topography,
/// sizeCm, depth, grade, nodes, metastasis, system, t, n, m, …`), plus the
/// FNCLCC component names. List-valued fields (`invadedOrgans`,
/// `headAndNeckInvasion`) separate items with `;`. Other columns pass through.
/// A row without `system` is staged with the current standard for its site.
public struct BatchRowStager: Sendable {
  /// The columns added to every row.
  public static let outputColumns = ["stageGroup", "summaryStage", "summaryStageCode", "error"]

  /// The case-field columns: the field, its index in the row, and its spec's `apply` (looked up once per file).
  private let columns: [(CaseField, Int, CaseFieldSpec.Apply)]
  /// Fields in the header: a row with another count is refused, never staged with its values shifted.
  public let headerCount: Int

  /// Maps the header's column names (exact, case-sensitive JSON names).
  ///
  /// - Throws: ``StagingError/missingValue(field:message:)`` when no column is
  ///   a case field.
  public init(header: [String]) throws {
    var columns: [(CaseField, Int)] = []
    for (index, name) in header.enumerated() {
      if let field = CaseField(name: name.trimmingCharacters(in: .whitespaces)) { columns.append((field, index)) }
    }
    guard !columns.isEmpty else {
      throw StagingError.missingValue(
        field: "header",
        message:
          "no column is a case field; expected names such as site, sizeCm, depth, grade, nodes, metastasis, system, t, n, m."
      )
    }
    self.columns = columns.map { field, index in (field, index, field.spec.apply) }
    headerCount = header.count
  }

  /// What one row became: its codes, or the message for its `error` cell.
  public enum Outcome: Sendable, Equatable {
    /// The row was staged: stage group, summary-stage category and SEER code (1, 2, 3, 4, 7, 9; `nil` where no
    /// summary stage is computed).
    case staged(StageGroup, SummaryStageCategory, SummaryStage?)
    /// The row was refused; the message names the field.
    case failed(String)
  }

  /// The output cells for one row: (stageGroup, summaryStage, summaryStageCode, error).
  public func stage(_ fields: CSVFields) -> (
    stageGroup: String, summaryStage: String, summaryStageCode: String, error: String
  ) {
    switch outcome(fields) {
    case .staged(let group, let summary, let code): (group.rawValue, summary.rawValue, code?.rawValue ?? "", "")
    case .failed(let message): ("", "", "", message)
    }
  }

  /// The row's outcome, typed (the batch loop writes the codes' bytes without building strings).
  public func outcome(_ fields: CSVFields) -> Outcome {
    guard fields.count == headerCount else {
      return .failed(
        "row: the row has \(fields.count) field(s) but the header has \(headerCount); it was not staged (check for a missing or extra comma, or an unquoted comma in a value)."
      )
    }
    do {
      let (group, summary, code) = try Staging.stageCodes(try facts(fields))
      return .staged(group, summary, code)
    } catch let error as StagingError {
      return .failed(error.description)
    } catch {
      return .failed(String(describing: error))
    }
  }

  /// The row's facts, validated by the same parser as JSON documents.
  func facts(_ fields: CSVFields) throws(StagingError) -> CaseFacts {
    var parser = CaseFactsParser()
    for (field, index, apply) in columns where !fields.isEmpty(index) {
      try fields.withBytes(index) { bytes throws(StagingError) in try parser.set(field, apply, bytes) }
    }
    return try parser.finish()
  }
}
