import Foundation
public import LeioCore

/// A patient of a registry file (a NAACCR XML file, read by LeioNAACCR), as the registry stores it.
public struct ImportedPatient: Sendable {
  /// Where the patient is in the file (for the report).
  public var line: Int
  /// The file's patient key (NAACCR patientIdNumber).
  public var identifier: String
  /// The name, as the registry writes it.
  public var name: String
  /// Birth date, YYYY-MM-DD.
  public var birthDate: String?
  /// `female`, `male`, `other` or `unknown`.
  public var sex: String?
  /// Vital status with its date: the last contact (alive) or death.
  public var lastContact: (kind: FollowUpEventKind, date: String)?
  /// The tumours to store.
  public var tumours: [ImportedTumour]

  /// A patient.
  public init(
    line: Int, identifier: String, name: String, birthDate: String?, sex: String?,
    lastContact: (kind: FollowUpEventKind, date: String)?, tumours: [ImportedTumour]
  ) {
    (self.line, self.identifier, self.name, self.birthDate, self.sex) = (line, identifier, name, birthDate, sex)
    (self.lastContact, self.tumours) = (lastContact, tumours)
  }
}

/// A tumour of a registry file.
public struct ImportedTumour: Sendable {
  /// Where the tumour is in the file.
  public var line: Int
  /// The file's tumour key with the patient's (NAACCR tumorRecordNumber).
  public var recordNumber: String
  /// Date of diagnosis, YYYY-MM-DD, when complete.
  public var diagnosisDate: String?
  /// The case document.
  public var facts: CaseInput

  /// A tumour.
  public init(line: Int, recordNumber: String, diagnosisDate: String?, facts: CaseInput) {
    (self.line, self.recordNumber, self.diagnosisDate, self.facts) = (line, recordNumber, diagnosisDate, facts)
  }
}

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable, Hashable, Codable {
  public var patientsCreated = 0
  public var patientsUpdated = 0
  public var patientsUnchanged = 0
  public var tumoursCreated = 0
  public var tumoursUpdated = 0
  public var tumoursUnchanged = 0
  public var eventsCreated = 0
  /// Whether nothing was written (a dry run).
  public var dryRun = false

  /// One line.
  public var summary: String {
    "\(dryRun ? "would import" : "imported"): patients \(patientsCreated) new, \(patientsUpdated) updated, \(patientsUnchanged) unchanged; tumours \(tumoursCreated) new, \(tumoursUpdated) updated, \(tumoursUnchanged) unchanged; \(eventsCreated) follow-up events"
  }
}

extension Registry {
  private struct DryRun: Error { let report: ImportReport }

  /// Imports the patients of a registry file in one transaction: a patient is found by identifier and a tumour by
  /// patient and record number; a new one is created, a changed one updated (a new version, audited like every
  /// write), an unchanged one left alone — so importing the same file twice changes nothing. Vital status becomes a
  /// last-contact or death event unless the patient already has that event on that date.
  ///
  /// Every record is checked before anything is written; a file with any bad record imports nothing.
  ///
  /// - Throws: ``RegistryError/invalidImport(problems:)`` listing every bad record; other registry errors.
  public func importRecords(_ patients: [ImportedPatient], dryRun: Bool = false, by actor: AuditContext) async throws
    -> ImportReport
  {
    var problems: [String] = []
    var seen: Set<String> = []
    var checked: [(patient: Patient, tumours: [Tumour], event: FollowUpEvent?)] = []
    for imported in patients {
      let key = imported.identifier.lowercased()
      if !seen.insert(key).inserted {
        problems.append("line \(imported.line): patient \(imported.identifier.excerpt()) appears twice in the file")
      }
      var patient = Patient(
        identifier: imported.identifier, name: imported.name, birthDate: imported.birthDate, sex: imported.sex)
      do { patient = try patient.validated() } catch let error as RegistryError {
        problems.append("line \(imported.line): patient \(imported.identifier.excerpt()): \(error.description)")
      }
      var tumours: [Tumour] = []
      var numbers: Set<String> = []
      for item in imported.tumours {
        if !numbers.insert(item.recordNumber).inserted {
          problems.append("line \(item.line): tumour \(item.recordNumber.excerpt()) appears twice for the patient")
        }
        var tumour = Tumour(patientID: "", diagnosisDate: item.diagnosisDate, facts: item.facts)
        tumour.recordNumber = item.recordNumber
        do { tumours.append(try tumour.staged().tumour) } catch let error as RegistryError {
          problems.append(
            "line \(item.line): patient \(imported.identifier.excerpt()) tumour \(item.recordNumber.excerpt()): \(error.description)"
          )
        }
      }
      var event: FollowUpEvent?
      if let contact = imported.lastContact {
        do {
          event = try FollowUpEvent(patientID: "", kind: contact.kind, date: contact.date).validated()
        } catch let error as RegistryError {
          problems.append("line \(imported.line): patient \(imported.identifier.excerpt()): \(error.description)")
        }
      }
      checked.append((patient, tumours, event))
    }
    guard problems.isEmpty else { throw RegistryError.invalidImport(problems: problems) }
    let records = checked
    do {
      return try await backend.write { db in
        var report = ImportReport(dryRun: dryRun)
        for (incoming, tumours, event) in records {
          let patientID = try await upsertPatient(incoming, db, actor, &report)
          for var tumour in tumours {
            tumour.patientID = patientID
            try await upsertTumour(tumour, db, actor, &report)
          }
          if var event {
            event.patientID = patientID
            let existing = try await db.query(
              "SELECT id FROM follow_up_event WHERE patient_id = $1 AND kind = $2 AND event_date = $3 AND deleted_at IS NULL",
              [.text(patientID), .text(event.kind.rawValue), .text(event.date)])
            if existing.isEmpty {
              _ = try await insert(event, db, by: actor)
              report.eventsCreated += 1
            }
          }
          try await refreshPatientFollowUp(patientID, db)
        }
        try await audit(db, actor, "import", "registry", nil, detail: report.summary)
        if dryRun { throw DryRun(report: report) }
        return report
      }
    } catch let dry as DryRun {
      return dry.report
    }
  }

  private func upsertPatient(
    _ incoming: Patient, _ db: any SQLExecutor, _ actor: AuditContext, _ report: inout ImportReport
  ) async throws -> String {
    let rows = try await db.query(
      "SELECT id FROM patient WHERE lower(identifier) = lower($1)", [.text(incoming.identifier)])
    guard let id = try rows.first?.text("id") else {
      report.patientsCreated += 1
      return try await insert(incoming, db, by: actor).id
    }
    let stored = try await fetch(Patient.self, id, db, includeDeleted: true)
    guard stored.deletedAt == nil else { throw RegistryError.patientDeleted(id: id) }
    if stored.name == incoming.name, stored.birthDate == incoming.birthDate, stored.sex == incoming.sex {
      report.patientsUnchanged += 1
    } else {
      var changed = stored
      (changed.name, changed.birthDate, changed.sex) = (incoming.name, incoming.birthDate, incoming.sex)
      _ = try await update(changed, db, by: actor)
      report.patientsUpdated += 1
    }
    return id
  }

  private func upsertTumour(
    _ incoming: Tumour, _ db: any SQLExecutor, _ actor: AuditContext, _ report: inout ImportReport
  ) async throws {
    var rows = try await db.query(
      "SELECT id FROM tumour WHERE patient_id = $1 AND record_number = $2",
      [.text(incoming.patientID), .optional(incoming.recordNumber)])
    if rows.isEmpty {
      // A tumour entered without a record number (a form, the API) that this file now names: the same facts.
      for row in try await db.query(
        "SELECT id FROM tumour WHERE patient_id = $1 AND record_number IS NULL AND deleted_at IS NULL",
        [.text(incoming.patientID)])
      {
        let candidate = try await fetch(Tumour.self, try row.text("id"), db)
        if candidate.facts == incoming.facts, candidate.diagnosisDate == incoming.diagnosisDate {
          rows = [row]
          break
        }
      }
    }
    guard let id = try rows.first?.text("id") else {
      let created = try await insert(incoming, db, by: actor)
      _ = try await refreshFollowUp(created.id, db)
      report.tumoursCreated += 1
      return
    }
    let stored = try await fetch(Tumour.self, id, db, includeDeleted: true)
    if stored.facts == incoming.facts, stored.diagnosisDate == incoming.diagnosisDate, stored.deletedAt == nil,
      stored.rulesVersion == incoming.rulesVersion, stored.recordNumber == incoming.recordNumber
    {
      report.tumoursUnchanged += 1
      return
    }
    var changed = incoming
    (changed.id, changed.version, changed.createdAt) = (stored.id, stored.version, stored.createdAt)
    _ = try await update(changed, db, by: actor, deletedAt: stored.deletedAt == nil ? .none : .some(nil))
    _ = try await refreshFollowUp(id, db)
    report.tumoursUpdated += 1
  }
}
