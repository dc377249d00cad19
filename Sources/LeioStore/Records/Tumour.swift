import Foundation
public import LeioCore

/// A tumour (diagnosis) of a patient: the case facts as LeioCore reads them, and the stage derived from them,
/// stored with the version of the rules that produced it.
public struct Tumour: StoredRecord {
  static let table = "tumour"
  static let entity = "tumour"
  static let dataColumns = [
    "patient_id", "diagnosis_date", "facts", "site_group", "staging_system", "stage_group", "stage_status",
    "summary_stage", "rules_version", "risk_group", "next_due_date", "record_number",
    "reported_stage",
  ]

  public var id = ""
  public var version: Int64 = 0
  public var createdAt: Int64 = 0
  public var updatedAt: Int64 = 0
  public var deletedAt: Int64?
  public var patientID: String
  /// `YYYY-MM-DD`.
  public var diagnosisDate: String?
  /// The case document (`leio stage --input`): site, size, depth, grade, nodes, metastasis, extent…
  public var facts: CaseInput
  /// The NAACCR Tumor Record Number (item 60, two digits), unique per patient: the key of a registry file's tumour.
  public var recordNumber: String?
  /// The stages the sender of an imported FHIR bundle reported where they differ from Leio's (shown on the case
  /// page beside Leio's); `nil` when there are none. Kept on edits, replaced by the next import.
  public var reportedStages: [ReportedStage]?

  // Derived when the record is written; never set by the caller.
  /// Site group (§1.4).
  public var siteGroup: SiteGroup?
  /// The current standard for the site (AJCC 8, or FIGO 2009 for the uterus).
  public var stagingSystem: StagingSystem?
  /// The stage group under ``stagingSystem``.
  public var stageGroup: StageGroup?
  /// How the stage group came out.
  public var stageStatus: StageStatus?
  /// SEER Summary Stage 2018 category.
  public var summaryStage: SummaryStageCategory?
  /// ``Staging/rulesVersion`` at the time the stage was derived.
  public var rulesVersion: String = ""
  /// Follow-up risk group (§9.4) and the next scheduled visit not yet done (`nil` without treatment dates, after
  /// the month-120 checkpoint, or after death).
  public var riskGroup: RiskGroup?
  public var nextDueDate: CalendarDate?

  public init(patientID: String, diagnosisDate: String? = nil, facts: CaseInput) {
    (self.patientID, self.diagnosisDate, self.facts) = (patientID, diagnosisDate, facts)
  }

  var dataValues: [SQLValue] {
    [
      .text(patientID), .optional(diagnosisDate), .text(Self.encode(facts)), .optional(siteGroup?.rawValue),
      .optional(stagingSystem?.rawValue), .optional(stageGroup?.rawValue), .optional(stageStatus?.rawValue),
      .optional(summaryStage?.rawValue), .text(rulesVersion), .optional(riskGroup?.rawValue),
      .optional(nextDueDate?.description), .optional(recordNumber),
      .optional(reportedStages.map { Self.encode($0) }),
    ]
  }

  init(row: SQLRow) throws {
    var json = try row.text("facts")
    // The flat documents most tumours store are read without JSONDecoder (LeioCore's accelerator, which answers
    // the same or nil); the rest, with it.
    let fast = json.withUTF8 { CaseInput.decodeCommonShape(UnsafeRawBufferPointer($0)) }
    guard let facts = fast ?? (try? JSONDecoder().decode(CaseInput.self, from: Data(json.utf8))) else {
      throw RegistryError.corrupt(column: "tumour.facts")
    }
    self.init(
      patientID: try row.text("patient_id"), diagnosisDate: try row.optionalText("diagnosis_date"), facts: facts)
    siteGroup = try row.optionalCode("site_group", as: SiteGroup.self)
    stagingSystem = try row.optionalCode("staging_system", as: StagingSystem.self)
    stageGroup = try row.optionalCode("stage_group", as: StageGroup.self)
    stageStatus = try row.optionalCode("stage_status", as: StageStatus.self)
    summaryStage = try row.optionalCode("summary_stage", as: SummaryStageCategory.self)
    rulesVersion = try row.text("rules_version")
    riskGroup = try row.optionalCode("risk_group", as: RiskGroup.self)
    nextDueDate = try row.optionalDate("next_due_date")
    recordNumber = try row.optionalText("record_number")
    if let json = try row.optionalText("reported_stage") {
      guard let stages = try? JSONDecoder().decode([ReportedStage].self, from: Data(json.utf8)) else {
        throw RegistryError.corrupt(column: "tumour.reported_stage")
      }
      reportedStages = stages
    }
    try readBookkeeping(row)
  }

  /// The case document (or the reported stages) as stored: JSON with sorted keys, so equal facts are equal text.
  static func encode(_ facts: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(facts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// Validates the facts with LeioCore (the same rules as `leio stage`) and derives the stage: the case is parsed
  /// once, and the parsed facts are returned for the follow-up decision.
  func staged() throws -> (tumour: Tumour, facts: CaseFacts) {
    var copy = self
    copy.diagnosisDate = try validatedDate(diagnosisDate, field: "diagnosisDate")
    if let number = recordNumber {
      guard number.utf8.count == 2, number.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
        throw RegistryError.invalid(
          field: "recordNumber", message: "the NAACCR Tumor Record Number is two digits (01, 02, …).")
      }
    }
    let facts: CaseFacts
    let report: StagingReport
    do {
      facts = try CaseFacts(self.facts)
      report = try Staging.stageWithCurrentStandard(facts, explain: false)
    } catch let error as StagingError {
      throw RegistryError.invalid(field: error.field, message: error.description)
    }
    let result = report.results.first
    (copy.siteGroup, copy.summaryStage) = (report.siteGroup, report.summaryStage.category)
    (copy.stagingSystem, copy.stageGroup, copy.stageStatus) = (result?.system, result?.stageGroup, result?.status)
    copy.rulesVersion = Staging.rulesVersion
    return (copy, facts)
  }
}
