import Foundation

/// Builds a case from field values given as bytes or text, one field at a time, by the same parser as JSON documents
/// and CSV rows: for readers of other formats (NAACCR XML) that hold their values in their own buffers.
public struct CaseFactsBuilder: Sendable {
  private var parser = CaseFactsParser()

  /// An empty case.
  public init() {}

  /// Sets `field` from its UTF-8 bytes (not copied).
  ///
  /// - Throws: ``StagingError`` naming the field.
  public mutating func set(_ field: CaseField, _ bytes: UnsafeBufferPointer<UInt8>) throws(StagingError) {
    try parser.set(field, bytes)
  }

  /// Sets `field` from text.
  ///
  /// - Throws: ``StagingError`` naming the field.
  public mutating func set(_ field: CaseField, text: String) throws(StagingError) {
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { buffer throws(StagingError) in try parser.set(field, buffer) }
  }

  /// Checks the fields that must agree and returns the case.
  ///
  /// - Throws: ``StagingError`` naming the field.
  public mutating func finish() throws(StagingError) -> CaseFacts { try parser.finish() }
}

/// What a registry record's tumour became in every system: the codes a registry report writes, without the explained
/// results (no rule steps are recorded).
public struct RegistryStageCodes: Sendable, Hashable {
  /// The summary stage: SEER code (1, 2, 3, 4, 7, 9) when computed, and its category.
  public var summaryStage: SummaryStage?
  /// The summary stage category.
  public var summaryCategory: SummaryStageCategory
  /// Whether the summary stage was derived from EOD codes (not estimated from facts).
  public var summaryDerived: Bool
  /// AJCC 7 (or TNM 7 corpus sarcoma) stage group.
  public var ajcc7: StageGroup
  /// AJCC 8 stage group.
  public var ajcc8: StageGroup
  /// FIGO 2009 stage.
  public var figo2009: StageGroup
  /// The EOD schema the codes were read in, if any.
  public var schema: EODSchema?
}

extension Staging {
  /// Stages a case with AJCC 7, AJCC 8 and FIGO 2009 at once (each `notApplicable` where it does not apply), for
  /// registry reports.
  ///
  /// - Throws: ``StagingError`` for invalid, inconsistent or out-of-scope input.
  public static func registryCodes(_ facts: CaseFacts) throws(StagingError) -> RegistryStageCodes {
    var groups: [StagingSystem: StageGroup] = [:]
    let (_, summary) = try evaluate(
      facts, systems: [.ajcc7, .ajcc8, .figo2009], explain: false, currentStandardOnly: false
    ) { _, _, outcome throws(StagingError) in
      groups[outcome.system] = outcome.stageGroup
    }
    return RegistryStageCodes(
      summaryStage: summary.code, summaryCategory: summary.category, summaryDerived: !summary.estimated,
      ajcc7: groups[.ajcc7] ?? .notApplicable, ajcc8: groups[.ajcc8] ?? .notApplicable,
      figo2009: groups[.figo2009] ?? .notApplicable, schema: facts.eod.schema)
  }

  /// What Leio does with an ICD-O-3 morphology (`8890/3`): its scope, or `nil` for a code outside §1.2 (not an
  /// LMS-family, related or explicitly excluded code).
  public static func histologyScope(_ code: String) -> Histology.Scope? {
    guard let catalog = try? catalog() else { return nil }
    return try? catalog.histology.histology(code).scope
  }
}
