import Foundation
public import LeioCore

/// A tumour (diagnosis) of a patient: the case facts as LeioCore reads them, and the stage derived from them,
/// stored with the version of the rules that produced it.
public struct Tumour: StoredRecord {
  static let table = "tumour"
  static let entity = "tumour"
  static let dataColumns = ["patient_id", "diagnosis_date", "facts", "site_group", "staging_system", "stage_group", "stage_status",
                            "summary_stage", "rules_version", "risk_group", "next_due_date"]

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

  // Derived when the record is written; never set by the caller.
  /// Site group code (§1.4).
  public var siteGroup: String?
  /// The current standard for the site (AJCC 8, or FIGO 2009 for the uterus), and its stage group.
  public var stagingSystem: String?
  public var stageGroup: String?
  public var stageStatus: String?
  /// SEER Summary Stage 2018 category.
  public var summaryStage: String?
  /// ``Staging/rulesVersion`` at the time the stage was derived.
  public var rulesVersion: String = ""
  /// Follow-up risk group (§9.4) and the next scheduled visit not yet done (`nil` without treatment dates, after
  /// the month-120 checkpoint, or after death).
  public var riskGroup: String?
  public var nextDueDate: String?

  public init(patientID: String, diagnosisDate: String? = nil, facts: CaseInput) {
    (self.patientID, self.diagnosisDate, self.facts) = (patientID, diagnosisDate, facts)
  }

  var dataValues: [SQLValue] {
    [.text(patientID), .optional(diagnosisDate), .text(Self.encode(facts)), .optional(siteGroup), .optional(stagingSystem),
     .optional(stageGroup), .optional(stageStatus), .optional(summaryStage), .text(rulesVersion), .optional(riskGroup), .optional(nextDueDate)]
  }

  init(row: SQLRow) throws {
    let json = try row.text("facts")
    guard let facts = try? JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)) else { throw RegistryError.corrupt(column: "tumour.facts") }
    self.init(patientID: try row.text("patient_id"), diagnosisDate: try row.optionalText("diagnosis_date"), facts: facts)
    siteGroup = try row.optionalText("site_group")
    stagingSystem = try row.optionalText("staging_system")
    stageGroup = try row.optionalText("stage_group")
    stageStatus = try row.optionalText("stage_status")
    summaryStage = try row.optionalText("summary_stage")
    rulesVersion = try row.text("rules_version")
    riskGroup = try row.optionalText("risk_group")
    nextDueDate = try row.optionalText("next_due_date")
    try readBookkeeping(row)
  }

  /// The case document as stored: JSON with sorted keys, so equal facts are equal text.
  static func encode(_ facts: CaseInput) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(facts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  /// Validates the facts with LeioCore (the same rules as `leio stage`) and derives the stage.
  func staged() throws -> Tumour {
    var copy = self
    copy.diagnosisDate = try validatedDate(diagnosisDate, field: "diagnosisDate")
    let report: StagingReport
    do {
      report = try Staging.stageWithCurrentStandard(try CaseFacts(facts), explain: false)
    } catch let error as StagingError {
      throw RegistryError.invalid(field: error.field, message: error.description)
    }
    copy.siteGroup = report.siteGroup?.rawValue
    copy.summaryStage = report.summaryStage.category
    copy.stagingSystem = report.results.first?.system.rawValue
    copy.stageGroup = report.results.first?.stageGroup.rawValue
    copy.stageStatus = report.results.first?.status.rawValue
    copy.rulesVersion = Staging.rulesVersion
    return copy
  }
}
