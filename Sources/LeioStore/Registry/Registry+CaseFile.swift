import Foundation

// The case file: a patient with their live tumours, treatments and events — the registry's most frequent read.

extension Registry {
  /// The patient with their live tumours, treatments and events, in date order; the read is audited.
  ///
  /// On PostgreSQL with grouped commits the file is one statement (``filePostgres``): one snapshot and one round
  /// trip instead of a transaction of four reads (six round trips, each parsed and planned by the server, which
  /// bounded the registry's throughput there). Its audit row then goes to the shared commit like every audited read's,
  /// and the file is answered only once that row is durable. Elsewhere (SQLite, whose statements cost no round trip;
  /// ``CommitMode/each``, kept as it was to measure against) the four reads run in one snapshot.
  public func file(_ patientID: String, by actor: AuditContext) async throws -> PatientFile {
    guard backend.dialect == .postgres, backend.commitMode == .grouped else {
      return try await auditedRead { db in
        let file = try await fileBySteps(patientID, db)
        try await audit(db, actor, "read", Patient.entity, patientID, detail: "case file")
        return file
      }
    }
    let file = try await fileInOneStatement(patientID)
    try await appendAudit(actor, "read", Patient.entity, patientID, detail: "case file")
    return file
  }

  /// A part of the case file: the statement of its rows (`alias` names the table whose rows they are) and their
  /// order. Both forms of the file — four statements, or one on PostgreSQL — are built from the same parts, so they
  /// read the same rows in the same order.
  struct FilePart {
    let rows: String
    let alias: String
    let order: [String]

    /// The rows in their order: a statement of its own.
    var ordered: String { rows + " ORDER BY " + order.map { "\(alias).\($0)" }.joined(separator: ", ") }
    /// The rows in their order as one JSON array (PostgreSQL): a column of ``filePostgres``.
    var jsonArray: String {
      "(SELECT coalesce(json_agg(x ORDER BY \(order.map { "x.\($0)" }.joined(separator: ", "))), '[]')::text FROM (\(rows)) x)"
    }
  }

  static let tumourPart = FilePart(
    rows:
      "SELECT \(Tumour.allColumns.joined(separator: ", ")) FROM tumour t WHERE t.patient_id = $1 AND t.deleted_at IS NULL",
    alias: "t", order: ["diagnosis_date", "created_at"])
  static let treatmentPart = FilePart(
    rows: """
      SELECT \(Treatment.allColumns.map { "r.\($0)" }.joined(separator: ", ")) FROM treatment r JOIN tumour t ON t.id = r.tumour_id
      WHERE t.patient_id = $1 AND r.deleted_at IS NULL AND t.deleted_at IS NULL
      """, alias: "r", order: ["start_date", "created_at"])
  static let eventPart = FilePart(
    rows:
      "SELECT \(FollowUpEvent.allColumns.joined(separator: ", ")) FROM follow_up_event e WHERE e.patient_id = $1 AND e.deleted_at IS NULL",
    alias: "e", order: ["event_date", "created_at"])

  // The case file's statements, built once (every case-file request runs them).
  static let fileTumours = tumourPart.ordered
  static let fileTreatments = treatmentPart.ordered
  static let fileEvents = eventPart.ordered

  /// The file read with four statements on `db` (a snapshot).
  func fileBySteps(_ patientID: String, _ db: any SQLExecutor) async throws -> PatientFile {
    let patient = try await fetch(Patient.self, patientID, db)
    let tumours = try await db.query(Self.fileTumours, [.text(patientID)]).map(Tumour.init(row:))
    let treatments = try await db.query(Self.fileTreatments, [.text(patientID)]).map(Treatment.init(row:))
    let events = try await db.query(Self.fileEvents, [.text(patientID)]).map(FollowUpEvent.init(row:))
    return PatientFile(patient: patient, tumours: tumours, treatments: treatments, events: events)
  }

  /// The same four reads as one PostgreSQL statement: each part a JSON array of its rows (`json_agg`, in the part's
  /// order), read back into the same records. One statement sees one snapshot.
  static let filePostgres = """
    SELECT (SELECT row_to_json(p)::text FROM (\(selectSQL(Patient.self))) p) AS patient,
      \(tumourPart.jsonArray) AS tumours, \(treatmentPart.jsonArray) AS treatments, \(eventPart.jsonArray) AS events
    """

  /// The file in one PostgreSQL statement (``filePostgres``).
  func fileInOneStatement(_ patientID: String) async throws -> PatientFile {
    guard let row = try await backend.readStatement(Self.filePostgres, [.text(patientID)]).first,
      let patientJSON = try row.optionalText("patient")
    else { throw RegistryError.notFound(entity: Patient.entity, id: patientID) }
    guard let patientRow = try Self.jsonRows("[" + patientJSON + "]", column: "patient").first else {
      throw RegistryError.corrupt(column: "patient")
    }
    let patient = try Patient(row: patientRow)
    guard patient.deletedAt == nil else { throw RegistryError.notFound(entity: Patient.entity, id: patientID) }
    return PatientFile(
      patient: patient,
      tumours: try Self.jsonRows(row.text("tumours"), column: "tumours").map(Tumour.init(row:)),
      treatments: try Self.jsonRows(row.text("treatments"), column: "treatments").map(Treatment.init(row:)),
      events: try Self.jsonRows(row.text("events"), column: "events").map(FollowUpEvent.init(row:)))
  }

  /// Rows from a JSON array of objects as PostgreSQL's `row_to_json` writes them: text as strings, integers as
  /// numbers, NULL as null. Anything else is reported as a corrupt `column`.
  static func jsonRows(_ json: String, column: String) throws -> [SQLRow] {
    guard let objects = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
      throw RegistryError.corrupt(column: column)
    }
    return try objects.map { object in
      try SQLRow(
        object.mapValues { value -> SQLValue in
          switch value {
          case let text as String: return .text(text)
          case is NSNull: return .null
          case let number as NSNumber:
            // A whole number (beyond 2^53 too: compared in the double's own rounding) is an integer column's.
            let whole = number.int64Value
            return Double(whole) == number.doubleValue ? .integer(whole) : .real(number.doubleValue)
          default: throw RegistryError.corrupt(column: column)
          }
        })
    }
  }
}
