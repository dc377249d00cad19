import Foundation
import LeioCore

/// Everything the registry holds about one patient: the case page's data.
public struct PatientFile: Sendable, Hashable, Codable {
  public var patient: Patient
  public var tumours: [Tumour]
  public var treatments: [Treatment]
  public var events: [FollowUpEvent]

  /// A patient's file.
  public init(patient: Patient, tumours: [Tumour], treatments: [Treatment], events: [FollowUpEvent]) {
    (self.patient, self.tumours, self.treatments, self.events) = (patient, tumours, treatments, events)
  }
}

extension Registry {
  // MARK: Tumours

  /// Adds a tumour to a live patient; the facts are validated and staged by LeioCore.
  public func createTumour(_ tumour: Tumour, by actor: AuditContext) async throws -> Tumour {
    let (staged, facts) = try tumour.staged()
    return try await backend.write { db in
      _ = try await fetch(Patient.self, staged.patientID, db)
      let created = try await insert(staged, db, by: actor)
      return try await refreshFollowUp(created.id, db, facts: facts)
    }
  }

  public func tumour(_ id: String, by actor: AuditContext) async throws -> Tumour {
    try await auditedRead { db in
      let tumour = try await fetch(Tumour.self, id, db)
      try await audit(db, actor, "read", Tumour.entity, id)
      return tumour
    }
  }

  /// Saves `tumour` (its `version` is the one the caller read); the stage is derived again.
  public func updateTumour(_ tumour: Tumour, by actor: AuditContext) async throws -> Tumour {
    let (incoming, facts) = try tumour.staged()
    return try await backend.write { db in
      var staged = incoming
      let stored = try await fetch(Tumour.self, staged.id, db)
      guard stored.patientID == staged.patientID else {
        throw RegistryError.invalid(field: "patientID", message: "a tumour cannot move to another patient.")
      }
      // The NAACCR record number is set by an import; an edit that does not name it keeps it.
      if staged.recordNumber == nil { staged.recordNumber = stored.recordNumber }
      if staged.reportedStages == nil { staged.reportedStages = stored.reportedStages }
      _ = try await update(staged, db, by: actor)
      return try await refreshFollowUp(staged.id, db, facts: facts)
    }
  }

  public func deleteTumour(_ id: String, version: Int64, by actor: AuditContext) async throws -> Tumour {
    try await backend.write { db in try await softDelete(Tumour.self, id, version: version, db, by: actor) }
  }

  public func restoreTumour(_ id: String, version: Int64, by actor: AuditContext) async throws -> Tumour {
    try await backend.write { db in
      let restored: Tumour = try await restore(Tumour.self, id, version: version, db, by: actor)
      _ = try await fetch(Patient.self, restored.patientID, db)  // restore the patient first
      return restored
    }
  }

  // MARK: Treatments

  public func createTreatment(_ treatment: Treatment, by actor: AuditContext) async throws -> Treatment {
    let valid = try treatment.validated()
    return try await backend.write { db in
      _ = try await fetch(Tumour.self, valid.tumourID, db)
      let created = try await insert(valid, db, by: actor)
      _ = try await refreshFollowUp(valid.tumourID, db)
      return created
    }
  }

  public func treatment(_ id: String, by actor: AuditContext) async throws -> Treatment {
    try await auditedRead { db in
      let treatment = try await fetch(Treatment.self, id, db)
      try await audit(db, actor, "read", Treatment.entity, id)
      return treatment
    }
  }

  public func updateTreatment(_ treatment: Treatment, by actor: AuditContext) async throws -> Treatment {
    let valid = try treatment.validated()
    return try await backend.write { db in
      let stored = try await fetch(Treatment.self, valid.id, db)
      guard stored.tumourID == valid.tumourID else {
        throw RegistryError.invalid(field: "tumourID", message: "a treatment cannot move to another tumour.")
      }
      let saved = try await update(valid, db, by: actor)
      _ = try await refreshFollowUp(valid.tumourID, db)
      return saved
    }
  }

  public func deleteTreatment(_ id: String, version: Int64, by actor: AuditContext) async throws -> Treatment {
    try await backend.write { db in
      let deleted: Treatment = try await softDelete(Treatment.self, id, version: version, db, by: actor)
      _ = try await refreshFollowUp(deleted.tumourID, db)
      return deleted
    }
  }

  public func restoreTreatment(_ id: String, version: Int64, by actor: AuditContext) async throws -> Treatment {
    try await backend.write { db in
      let restored: Treatment = try await restore(Treatment.self, id, version: version, db, by: actor)
      _ = try await fetch(Tumour.self, restored.tumourID, db)
      _ = try await refreshFollowUp(restored.tumourID, db)
      return restored
    }
  }

  // MARK: Follow-up events

  public func createEvent(_ event: FollowUpEvent, by actor: AuditContext) async throws -> FollowUpEvent {
    let valid = try event.validated()
    return try await backend.write { db in
      try await checkOwner(valid, db)
      let created = try await insert(valid, db, by: actor)
      try await refreshPatientFollowUp(valid.patientID, db)
      return created
    }
  }

  public func event(_ id: String, by actor: AuditContext) async throws -> FollowUpEvent {
    try await auditedRead { db in
      let event = try await fetch(FollowUpEvent.self, id, db)
      try await audit(db, actor, "read", FollowUpEvent.entity, id)
      return event
    }
  }

  public func updateEvent(_ event: FollowUpEvent, by actor: AuditContext) async throws -> FollowUpEvent {
    let valid = try event.validated()
    return try await backend.write { db in
      let stored = try await fetch(FollowUpEvent.self, valid.id, db)
      guard stored.patientID == valid.patientID else {
        throw RegistryError.invalid(field: "patientID", message: "an event cannot move to another patient.")
      }
      try await checkOwner(valid, db)
      let saved = try await update(valid, db, by: actor)
      try await refreshPatientFollowUp(valid.patientID, db)
      return saved
    }
  }

  public func deleteEvent(_ id: String, version: Int64, by actor: AuditContext) async throws -> FollowUpEvent {
    try await backend.write { db in
      let deleted: FollowUpEvent = try await softDelete(FollowUpEvent.self, id, version: version, db, by: actor)
      try await refreshPatientFollowUp(deleted.patientID, db)
      return deleted
    }
  }

  public func restoreEvent(_ id: String, version: Int64, by actor: AuditContext) async throws -> FollowUpEvent {
    try await backend.write { db in
      let restored: FollowUpEvent = try await restore(FollowUpEvent.self, id, version: version, db, by: actor)
      try await checkOwner(restored, db)
      try await refreshPatientFollowUp(restored.patientID, db)
      return restored
    }
  }

  private func checkOwner(_ event: FollowUpEvent, _ db: any SQLExecutor) async throws {
    _ = try await fetch(Patient.self, event.patientID, db)
    if let tumourID = event.tumourID {
      let tumour = try await fetch(Tumour.self, tumourID, db)
      guard tumour.patientID == event.patientID else {
        throw RegistryError.invalid(field: "tumourID", message: "the tumour belongs to another patient.")
      }
    }
  }

  // MARK: Follow-up schedule

  /// Saves the tumour's risk group and next visit due, as LeioCore's follow-up module decides them from its facts,
  /// treatments and events (``FollowUp/status(for:treatmentEnds:events:)``). Derived data: it does not change the
  /// tumour's `version`, so adding an event never conflicts with an edit. `facts`: the tumour's facts when the
  /// caller has just parsed them (a tumour write parses its case once).
  @discardableResult
  func refreshFollowUp(_ tumourID: String, _ db: any SQLExecutor, facts: CaseFacts? = nil) async throws -> Tumour {
    var tumour = try await fetch(Tumour.self, tumourID, db, includeDeleted: true)
    let treatments = try await db.query(
      "SELECT start_date, end_date FROM treatment WHERE tumour_id = $1 AND deleted_at IS NULL", [.text(tumourID)])
    let events = try await db.query(
      "SELECT kind, event_date FROM follow_up_event WHERE patient_id = $1 AND deleted_at IS NULL AND (tumour_id IS NULL OR tumour_id = $2)",
      [.text(tumour.patientID), .text(tumourID)])
    let ends = try treatments.map { row in
      guard let end = try row.optionalDate("end_date") ?? row.optionalDate("start_date") else {
        throw RegistryError.corrupt(column: "start_date")
      }
      return end
    }
    let history = try events.map { row in
      guard let date = try row.optionalDate("event_date") else { throw RegistryError.corrupt(column: "event_date") }
      return (kind: try row.code("kind", as: FollowUpEventKind.self), date: date)
    }
    let status = try Self.followUp(facts: facts ?? Self.parsed(tumour.facts), treatmentEnds: ends, events: history)
    (tumour.riskGroup, tumour.nextDueDate) = (status?.riskGroup, status?.nextDue)
    try await db.execute(
      "UPDATE tumour SET risk_group = $2, next_due_date = $3 WHERE id = $1",
      [.text(tumourID), .optional(tumour.riskGroup?.rawValue), .optional(tumour.nextDueDate?.description)])
    return tumour
  }

  func refreshPatientFollowUp(_ patientID: String, _ db: any SQLExecutor) async throws {
    for row in try await db.query("SELECT id FROM tumour WHERE patient_id = $1", [.text(patientID)]) {
      try await refreshFollowUp(try row.text("id"), db)
    }
  }

  /// The facts of a stored case document; a document the rules now refuse is a field error, as on a write.
  static func parsed(_ facts: CaseInput) throws -> CaseFacts {
    do { return try CaseFacts(facts) } catch let error as StagingError {
      throw RegistryError.invalid(field: error.field, message: error.description)
    }
  }

  /// LeioCore's follow-up decision, with its errors as the registry's.
  static func followUp(
    facts: CaseFacts, treatmentEnds: [CalendarDate], events: [(kind: FollowUpEventKind, date: CalendarDate)]
  ) throws -> FollowUpStatus? {
    do { return try FollowUp.status(for: facts, treatmentEnds: treatmentEnds, events: events) } catch let error
      as StagingError
    {
      throw RegistryError.invalid(field: error.field, message: error.description)
    }
  }
}
