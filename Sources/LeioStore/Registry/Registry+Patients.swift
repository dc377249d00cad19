import Foundation
public import LeioCore

/// Filters of the patient list.
public struct PatientQuery: Sendable, Hashable {
  /// Words in the name or identifier (case-insensitive).
  public var text: String?
  /// Site group of any of the patient's tumours.
  public var siteGroup: SiteGroup?
  /// Stage group of any tumour under its current standard.
  public var stageGroup: StageGroup?
  /// Only patients with a follow-up visit due before this day.
  public var overdueOn: CalendarDate?
  /// Only patients with a visit due from this day up to 30 days after it.
  public var dueWithin30DaysOf: CalendarDate?
  public var includeDeleted = false
  public var limit = 100
  public var offset = 0

  public init(
    text: String? = nil, siteGroup: SiteGroup? = nil, stageGroup: StageGroup? = nil, overdueOn: CalendarDate? = nil,
    dueWithin30DaysOf: CalendarDate? = nil, includeDeleted: Bool = false, limit: Int = 100, offset: Int = 0
  ) {
    (
      self.text, self.siteGroup, self.stageGroup, self.overdueOn, self.dueWithin30DaysOf, self.includeDeleted,
      self.limit, self.offset
    ) =
      (text, siteGroup, stageGroup, overdueOn, dueWithin30DaysOf, includeDeleted, limit, offset)
  }

  /// A filter code written as text (a query string): `nil` when empty, a field error when it is not one of `C`'s.
  public static func code<C: RawRepresentable & CaseIterable>(_ text: String?, field: String) throws(RegistryError)
    -> C?
  where C.RawValue == String {
    guard let text, !text.isEmpty else { return nil }
    guard let code = C(rawValue: text) else {
      throw .invalid(
        field: field,
        message: "'\(text.excerpt())' is not accepted; expected \(C.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    return code
  }

  /// A filter date written `YYYY-MM-DD`: `nil` when empty, a field error when it is not a date.
  public static func date(_ text: String?, field: String) throws(RegistryError) -> CalendarDate? {
    guard let text, !text.isEmpty else { return nil }
    guard let date = CalendarDate(text: text) else {
      throw .invalid(field: field, message: "'\(text.excerpt())' is not a date written YYYY-MM-DD that exists.")
    }
    return date
  }
}

/// A row of the patient list: the patient and a summary of their tumours.
public struct PatientListing: Sendable, Hashable, Codable {
  public var patient: Patient
  public var tumourCount: Int
  /// Stage groups of the live tumours (current standard), in order of diagnosis.
  public var stageGroups: [StageGroup]
  /// Site groups of the live tumours.
  public var siteGroups: [SiteGroup]
  /// The earliest next visit due over all tumours.
  public var nextDueDate: CalendarDate?
}

extension Registry {
  public func createPatient(_ patient: Patient, by actor: AuditContext) async throws -> Patient {
    let valid = try patient.validated()
    return try await backend.write { db in try await insert(valid, db, by: actor) }
  }

  /// The patient (a deleted one only with `includeDeleted`); the read is audited.
  public func patient(_ id: String, includeDeleted: Bool = false, by actor: AuditContext) async throws -> Patient {
    try await auditedRead { db in
      let patient = try await fetch(Patient.self, id, db, includeDeleted: includeDeleted)
      try await audit(db, actor, "read", Patient.entity, id)
      return patient
    }
  }

  /// The id of the live patient whose identifier is `identifier` (ignoring case), or `nil`.
  public func patientID(identifier: String) async throws -> String? {
    try await backend.read { db in
      try await db.query(
        "SELECT id FROM patient WHERE lower(identifier) = lower($1) AND deleted_at IS NULL", [.text(identifier)]
      ).first?.text("id")
    }
  }

  /// Saves `patient`, whose `version` is the one the caller read.
  public func updatePatient(_ patient: Patient, by actor: AuditContext) async throws -> Patient {
    let valid = try patient.validated()
    return try await backend.write { db in try await update(valid, db, by: actor) }
  }

  public func deletePatient(_ id: String, version: Int64, by actor: AuditContext) async throws -> Patient {
    try await backend.write { db in try await softDelete(Patient.self, id, version: version, db, by: actor) }
  }

  public func restorePatient(_ id: String, version: Int64, by actor: AuditContext) async throws -> Patient {
    try await backend.write { db in try await restore(Patient.self, id, version: version, db, by: actor) }
  }

  /// Patients matching `query`, by name; the listing is audited (one row, with the filter kinds, not their values).
  public func patients(_ query: PatientQuery, by actor: AuditContext) async throws -> [PatientListing] {
    var conditions: [String] = []
    var binds: [SQLValue] = []
    func bind(_ value: SQLValue) -> String {
      binds.append(value)
      return "$\(binds.count)"
    }
    if !query.includeDeleted { conditions.append("p.deleted_at IS NULL") }
    if let text = query.text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
      let pattern = bind(
        .text(
          "%"
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"))
      conditions.append(
        "(lower(p.name) LIKE \(pattern) ESCAPE '\\' OR lower(p.identifier) LIKE \(pattern) ESCAPE '\\')")
      // SQLite: the trigram index narrows the candidates first (3 characters or more; a phrase, quotes doubled).
      if backend.dialect == .sqlite, text.count >= 3 {
        let phrase = bind(.text("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""))
        conditions.append("p.id IN (SELECT id FROM patient_search WHERE patient_search MATCH \(phrase))")
      }
    }
    var tumourConditions: [String] = []
    if let site = query.siteGroup { tumourConditions.append("t.site_group = \(bind(.text(site.rawValue)))") }
    if let stage = query.stageGroup { tumourConditions.append("t.stage_group = \(bind(.text(stage.rawValue)))") }
    if let today = query.overdueOn {
      tumourConditions.append("t.next_due_date < \(bind(.text(today.description)))")
    }
    if let start = query.dueWithin30DaysOf {
      tumourConditions.append(
        "t.next_due_date >= \(bind(.text(start.description))) AND t.next_due_date <= \(bind(.text(start.adding(days: FollowUp.dueWindowDays).description)))"
      )
    }
    if !tumourConditions.isEmpty {
      // Driven from the tumours (their site, stage or due-date index), not by probing every patient: the follow-up
      // board stays fast however many patients the registry holds.
      conditions.append(
        "p.id IN (SELECT t.patient_id FROM tumour t WHERE t.deleted_at IS NULL AND \(tumourConditions.joined(separator: " AND ")))"
      )
    }
    let limit = bind(.integer(Int64(max(1, min(query.limit, 1000)))))
    let offset = bind(.integer(Int64(max(0, query.offset))))
    let columns = Patient.allColumns.map { "p.\($0)" }.joined(separator: ", ")
    let sql = """
      SELECT \(columns) FROM patient p \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
      ORDER BY lower(p.name), p.id LIMIT \(limit) OFFSET \(offset)
      """
    let filters = [
      query.text.map { _ in "text" }, query.siteGroup.map { _ in "site" }, query.stageGroup.map { _ in "stage" },
      query.overdueOn.map { _ in "overdue" }, query.dueWithin30DaysOf.map { _ in "due" },
    ].compactMap { $0 }
    let bound = binds
    return try await auditedRead { db in
      let patients = try await db.query(sql, bound).map(Patient.init(row:))
      var listings: [PatientListing] = []
      listings.reserveCapacity(patients.count)
      if !patients.isEmpty {
        let ids = patients.map(\.id)
        let marks = (1...ids.count).map { "$\($0)" }.joined(separator: ", ")
        let tumours = try await db.query(
          "SELECT patient_id, site_group, stage_group, next_due_date FROM tumour WHERE deleted_at IS NULL AND patient_id IN (\(marks)) ORDER BY diagnosis_date, created_at",
          ids.map(SQLValue.text))
        var byPatient: [String: [SQLRow]] = [:]
        for row in tumours { byPatient[try row.text("patient_id"), default: []].append(row) }
        for patient in patients {
          let rows = byPatient[patient.id] ?? []
          listings.append(
            PatientListing(
              patient: patient, tumourCount: rows.count,
              stageGroups: try rows.compactMap { try $0.optionalCode("stage_group", as: StageGroup.self) },
              siteGroups: try rows.compactMap { try $0.optionalCode("site_group", as: SiteGroup.self) },
              nextDueDate: try rows.compactMap { try $0.optionalDate("next_due_date") }.min()))
        }
      }
      try await audit(
        db, actor, "list", Patient.entity, nil,
        detail: "\(listings.count) rows" + (filters.isEmpty ? "" : "; filters: " + filters.joined(separator: ",")))
      return listings
    }
  }
}
