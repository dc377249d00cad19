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
  /// Follow-up events (a FHIR bundle's death, recurrences and imaging results), each with the index in ``tumours``
  /// of the tumour it belongs to. Matched by kind, date and tumour: a new one is created, a changed one updated.
  public var events: [(event: FollowUpEvent, tumour: Int?)] = []

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
  /// The file's tumour key with the patient's (NAACCR tumorRecordNumber). `nil` (a FHIR condition without Leio's
  /// tumour identifier): the patient's tumour with the same topography, histology and diagnosis date, or else a
  /// new tumour with the next free number.
  public var recordNumber: String?
  /// Date of diagnosis, YYYY-MM-DD, when complete.
  public var diagnosisDate: String?
  /// The case document.
  public var facts: CaseInput
  /// The sender's stages that differ from Leio's: `nil` keeps what is stored (NAACCR), an empty list clears it.
  public var reportedStages: [ReportedStage]?
  /// Treatments (`tumourID` is set on write). Matched by kind, start date and agent: a new one is created, a
  /// changed one updated.
  public var treatments: [Treatment] = []

  /// A tumour.
  public init(line: Int, recordNumber: String?, diagnosisDate: String?, facts: CaseInput) {
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
  public var eventsUpdated = 0
  public var treatmentsCreated = 0
  public var treatmentsUpdated = 0
  public var treatmentsUnchanged = 0
  /// Whether nothing was written (a dry run).
  public var dryRun = false

  /// One line.
  public var summary: String {
    "\(dryRun ? "would import" : "imported"): patients \(patientsCreated) new, \(patientsUpdated) updated, \(patientsUnchanged) unchanged; tumours \(tumoursCreated) new, \(tumoursUpdated) updated, \(tumoursUnchanged) unchanged; treatments \(treatmentsCreated) new, \(treatmentsUpdated) updated, \(treatmentsUnchanged) unchanged; follow-up events \(eventsCreated) new, \(eventsUpdated) updated"
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
    var checked: [CheckedPatient] = []
    for imported in patients {
      let key = imported.identifier.lowercased()
      let place = "line \(imported.line): patient \(imported.identifier.excerpt())"
      if !seen.insert(key).inserted { problems.append("\(place) appears twice in the file") }
      var patient = Patient(
        identifier: imported.identifier, name: imported.name, birthDate: imported.birthDate, sex: imported.sex)
      do { patient = try patient.validated() } catch let error as RegistryError {
        problems.append("\(place): \(error.description)")
      }
      var tumours: [(tumour: Tumour, treatments: [Treatment])] = []
      var numbers: Set<String> = []
      for item in imported.tumours {
        let name = item.recordNumber.map { "tumour \($0.excerpt())" } ?? "tumour of line \(item.line)"
        if let number = item.recordNumber, !numbers.insert(number).inserted {
          problems.append("line \(item.line): \(name) appears twice for the patient")
        }
        var tumour = Tumour(patientID: "", diagnosisDate: item.diagnosisDate, facts: item.facts)
        (tumour.recordNumber, tumour.reportedStages) = (item.recordNumber, item.reportedStages)
        do { tumour = try tumour.staged().tumour } catch let error as RegistryError {
          problems.append("line \(item.line): patient \(imported.identifier.excerpt()) \(name): \(error.description)")
        }
        var treatments: [Treatment] = []
        for treatment in item.treatments {
          do { treatments.append(try treatment.validated()) } catch let error as RegistryError {
            problems.append("line \(item.line): \(name): treatment: \(error.description)")
          }
        }
        tumours.append((tumour, treatments))
      }
      var events: [(event: FollowUpEvent, tumour: Int?)] = []
      let contact = imported.lastContact.map { (FollowUpEvent(patientID: "", kind: $0.kind, date: $0.date), Int?.none) }
      for (event, tumour) in imported.events + (contact.map { [$0] } ?? []) {
        do { events.append((try event.validated(), tumour)) } catch let error as RegistryError {
          problems.append("\(place): \(event.kind.rawValue) event: \(error.description)")
        }
      }
      checked.append(CheckedPatient(patient: patient, tumours: tumours, events: events))
    }
    guard problems.isEmpty else { throw RegistryError.invalidImport(problems: problems) }
    let records = checked
    do {
      return try await backend.write { db in
        var report = ImportReport(dryRun: dryRun)
        for record in records {
          let patientID = try await upsertPatient(record.patient, db, actor, &report)
          var tumourIDs: [String] = []
          for (var tumour, treatments) in record.tumours {
            tumour.patientID = patientID
            let id = try await upsertTumour(tumour, db, actor, &report)
            tumourIDs.append(id)
            for var treatment in treatments {
              treatment.tumourID = id
              try await upsertTreatment(treatment, db, actor, &report)
            }
          }
          for (var event, tumour) in record.events {
            (event.patientID, event.tumourID) = (patientID, tumour.map { tumourIDs[$0] })
            try await upsertEvent(event, db, actor, &report)
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

  /// A patient of an import, checked and staged.
  private struct CheckedPatient: Sendable {
    var patient: Patient
    var tumours: [(tumour: Tumour, treatments: [Treatment])]
    var events: [(event: FollowUpEvent, tumour: Int?)]
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

  /// Creates, updates or leaves the tumour; returns its id.
  private func upsertTumour(
    _ incoming: Tumour, _ db: any SQLExecutor, _ actor: AuditContext, _ report: inout ImportReport
  ) async throws -> String {
    var incoming = incoming
    // nil keeps what is stored (a NAACCR file has no stage of its own); an empty list (a FHIR bundle whose stages
    // agree with Leio's) clears it.
    let keepReported = incoming.reportedStages == nil
    if incoming.reportedStages?.isEmpty == true { incoming.reportedStages = nil }
    let existing = try await db.query(
      "SELECT \(Tumour.allColumns.joined(separator: ", ")) FROM tumour WHERE patient_id = $1 ORDER BY created_at, id",
      [.text(incoming.patientID)]
    ).map(Tumour.init(row:))
    var match = incoming.recordNumber.flatMap { number in existing.first { $0.recordNumber == number } }
    if match == nil, incoming.recordNumber != nil {
      // A tumour entered without a record number (a form, the API) that this file now names: the same facts.
      match = existing.first {
        $0.deletedAt == nil && $0.recordNumber == nil && $0.facts == incoming.facts
          && $0.diagnosisDate == incoming.diagnosisDate
      }
    }
    if incoming.recordNumber == nil {
      // A sender without Leio's tumour numbers: the same primary (topography, histology, date of diagnosis).
      let key = Self.primaryKey(incoming)
      match = existing.first { $0.deletedAt == nil && Self.primaryKey($0) == key }
      incoming.recordNumber = match?.recordNumber ?? Self.nextRecordNumber(existing.compactMap(\.recordNumber))
    }
    guard let stored = match else {
      let created = try await insert(incoming, db, by: actor)
      _ = try await refreshFollowUp(created.id, db)
      report.tumoursCreated += 1
      return created.id
    }
    if keepReported { incoming.reportedStages = stored.reportedStages }
    if stored.facts == incoming.facts, stored.diagnosisDate == incoming.diagnosisDate, stored.deletedAt == nil,
      stored.rulesVersion == incoming.rulesVersion, stored.recordNumber == incoming.recordNumber,
      stored.reportedStages == incoming.reportedStages
    {
      report.tumoursUnchanged += 1
      return stored.id
    }
    var changed = incoming
    (changed.id, changed.version, changed.createdAt) = (stored.id, stored.version, stored.createdAt)
    _ = try await update(changed, db, by: actor, deletedAt: stored.deletedAt == nil ? .none : .some(nil))
    _ = try await refreshFollowUp(stored.id, db)
    report.tumoursUpdated += 1
    return stored.id
  }

  /// What identifies a primary without a record number: topography (or site), histology, date of diagnosis.
  private static func primaryKey(_ tumour: Tumour) -> [String?] {
    let facts = try? CaseFacts(tumour.facts)
    return [
      facts?.topography?.description ?? facts?.site?.rawValue, facts?.histology?.code, tumour.diagnosisDate,
    ]
  }

  /// The lowest two-digit number not in `used`.
  private static func nextRecordNumber(_ used: [String]) -> String {
    let taken = Set(used)
    for number in 1...99 {
      let text = number < 10 ? "0\(number)" : "\(number)"
      if !taken.contains(text) { return text }
    }
    return "99"
  }

  private func upsertTreatment(
    _ incoming: Treatment, _ db: any SQLExecutor, _ actor: AuditContext, _ report: inout ImportReport
  ) async throws {
    let rows = try await db.query(
      "SELECT \(Treatment.allColumns.joined(separator: ", ")) FROM treatment WHERE tumour_id = $1 AND kind = $2 AND start_date = $3 AND deleted_at IS NULL ORDER BY created_at, id",
      [.text(incoming.tumourID), .text(incoming.kind), .text(incoming.startDate)]
    ).map(Treatment.init(row:))
    guard
      var stored = rows.first(where: { $0.agent == incoming.agent })
        ?? rows.first(where: { _ in incoming.kind != "systemic" })
    else {
      _ = try await insert(incoming, db, by: actor)
      report.treatmentsCreated += 1
      return
    }
    if (stored.endDate, stored.margin, stored.agent, stored.notes)
      == (incoming.endDate, incoming.margin, incoming.agent, incoming.notes)
    {
      report.treatmentsUnchanged += 1
      return
    }
    (stored.endDate, stored.margin, stored.agent, stored.notes) =
      (incoming.endDate, incoming.margin, incoming.agent, incoming.notes)
    _ = try await update(stored, db, by: actor)
    report.treatmentsUpdated += 1
  }

  private func upsertEvent(
    _ incoming: FollowUpEvent, _ db: any SQLExecutor, _ actor: AuditContext, _ report: inout ImportReport
  ) async throws {
    let rows = try await db.query(
      "SELECT \(FollowUpEvent.allColumns.joined(separator: ", ")) FROM follow_up_event WHERE patient_id = $1 AND kind = $2 AND event_date = $3 AND deleted_at IS NULL ORDER BY created_at, id",
      [.text(incoming.patientID), .text(incoming.kind.rawValue), .text(incoming.date)]
    ).map(FollowUpEvent.init(row:))
    guard var stored = rows.first(where: { $0.tumourID == incoming.tumourID }) else {
      _ = try await insert(incoming, db, by: actor)
      report.eventsCreated += 1
      return
    }
    // A registry file's vital status says only that the event happened: it does not clear what is recorded.
    let bare =
      incoming.imagingResult == nil && incoming.recurrenceType == nil && incoming.site == nil
      && incoming.notes == nil
    if bare
      || (stored.imagingResult, stored.recurrenceType, stored.site, stored.notes)
        == (incoming.imagingResult, incoming.recurrenceType, incoming.site, incoming.notes)
    {
      return
    }
    (stored.imagingResult, stored.recurrenceType, stored.site, stored.notes) =
      (incoming.imagingResult, incoming.recurrenceType, incoming.site, incoming.notes)
    _ = try await update(stored, db, by: actor)
    report.eventsUpdated += 1
  }
}
