import Foundation
import NIOConcurrencyHelpers

// The generic record statements: insert, read, versioned update, soft delete and restore, each with its audit row
// in the same transaction. Built from each type's column list.

extension Registry {
  static func selectSQL<R: StoredRecord>(_ type: R.Type) -> String {
    "SELECT \(R.allColumns.joined(separator: ", ")) FROM \(R.table) WHERE id = $1"
  }

  /// Inserts `record` as version 1 with a new id.
  func insert<R: StoredRecord>(_ record: R, _ db: any SQLExecutor, by actor: AuditContext) async throws -> R {
    var record = record
    let time = now()
    record.id = UUID().uuidString.lowercased()
    (record.version, record.createdAt, record.updatedAt, record.deletedAt) = (1, time, time, nil)
    try await requireLivePatient(record, db)
    let columns = R.allColumns
    let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
    try await db.execute(
      "INSERT INTO \(R.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))", Self.allValues(record))
    try await audit(db, actor, "create", R.entity, record.id, detail: "version 1", at: time)
    return record
  }

  static func allValues<R: StoredRecord>(_ record: R) -> [SQLValue] {
    [
      .text(record.id), .integer(record.version), .integer(record.createdAt), .integer(record.updatedAt),
      .optional(record.deletedAt),
    ] + record.dataValues
  }

  /// The record with `id`; deleted ones only when `includeDeleted`.
  func fetch<R: StoredRecord>(_ type: R.Type, _ id: String, _ db: any SQLExecutor, includeDeleted: Bool = false)
    async throws -> R
  {
    guard let row = try await db.query(Self.selectSQL(R.self), [.text(id)]).first else {
      throw RegistryError.notFound(entity: R.entity, id: id)
    }
    let record = try R(row: row)
    if record.deletedAt != nil, !includeDeleted { throw RegistryError.notFound(entity: R.entity, id: id) }
    return record
  }

  /// Writes `record`'s data if its `version` is still the stored one; the stored version becomes version + 1.
  /// - Throws: ``RegistryError/conflict(entity:id:expected:current:)`` when someone else wrote it first.
  func update<R: StoredRecord>(
    _ record: R, _ db: any SQLExecutor, by actor: AuditContext, action: String = "update",
    deletedAt: Int64?? = .none
  ) async throws -> R {
    let current = try await fetch(R.self, record.id, db, includeDeleted: true)
    try await requireLivePatient(current, db)
    guard current.version == record.version else {
      throw RegistryError.conflict(entity: R.entity, id: record.id, expected: record.version, current: current.version)
    }
    var next = record
    let time = now()
    next.version = record.version + 1
    next.updatedAt = time
    next.createdAt = current.createdAt
    next.deletedAt = deletedAt ?? current.deletedAt
    let assignments = R.dataColumns.enumerated().map { "\($0.element) = $\($0.offset + 5)" }.joined(separator: ", ")
    let rows = try await db.query(
      "UPDATE \(R.table) SET version = $3, updated_at = $4, deleted_at = $\(R.dataColumns.count + 5), \(assignments) WHERE id = $1 AND version = $2 RETURNING version",
      [.text(record.id), .integer(record.version), .integer(next.version), .integer(time)] + next.dataValues + [
        .optional(next.deletedAt)
      ])
    guard !rows.isEmpty else {  // changed between the read and the write (PostgreSQL, READ COMMITTED)
      let latest = try await fetch(R.self, record.id, db, includeDeleted: true)
      throw RegistryError.conflict(entity: R.entity, id: record.id, expected: record.version, current: latest.version)
    }
    try await audit(db, actor, action, R.entity, record.id, detail: "version \(next.version)", at: time)
    return next
  }

  /// Marks the record deleted (it stays, and can be restored); `version` must be current.
  func softDelete<R: StoredRecord>(
    _ type: R.Type, _ id: String, version: Int64, _ db: any SQLExecutor, by actor: AuditContext
  ) async throws -> R {
    var record = try await fetch(R.self, id, db)
    record.version = version
    return try await update(record, db, by: actor, action: "delete", deletedAt: .some(now()))
  }

  /// Undoes a soft delete; `version` must be current.
  func restore<R: StoredRecord>(
    _ type: R.Type, _ id: String, version: Int64, _ db: any SQLExecutor, by actor: AuditContext
  ) async throws -> R {
    var record = try await fetch(R.self, id, db, includeDeleted: true)
    guard record.deletedAt != nil else {
      throw RegistryError.invalid(field: "id", message: "\(R.entity) \(id) is not deleted.")
    }
    record.version = version
    return try await update(record, db, by: actor, action: "restore", deletedAt: .some(nil))
  }

  /// Refuses any change to a record under a deleted patient (a tumour, its treatments, the patient's events):
  /// every insert and update — so every create, edit, delete and restore — passes here.
  func requireLivePatient<R: StoredRecord>(_ record: R, _ db: any SQLExecutor) async throws {
    let patientID: String
    switch record {
    case let tumour as Tumour: patientID = tumour.patientID
    case let event as FollowUpEvent: patientID = event.patientID
    case let treatment as Treatment:
      patientID = try await fetch(Tumour.self, treatment.tumourID, db, includeDeleted: true).patientID
    default: return
    }
    let patient = try await fetch(Patient.self, patientID, db, includeDeleted: true)
    if patient.deletedAt != nil { throw RegistryError.patientDeleted(id: patientID) }
  }

  /// Appends one audit row: in the caller's transaction, or — in an ``auditedRead(_:)`` with grouped commits — to
  /// the rows that read appends once it has read.
  func audit(
    _ db: any SQLExecutor, _ actor: AuditContext, _ action: String, _ entity: String, _ entityID: String?,
    detail: String? = nil, at time: Int64? = nil
  ) async throws {
    let binds = auditValues(actor, action, entity, entityID, detail: detail, at: time)
    if let read = db as? AuditedReadExecutor {
      read.rows.withLockedValue { $0.append(binds) }
    } else {
      try await db.execute(Self.insertAuditSQL, binds)
    }
  }

  /// An audit row's values, in the order of ``AuditAppender/columns``.
  func auditValues(
    _ actor: AuditContext, _ action: String, _ entity: String, _ entityID: String?, detail: String?, at time: Int64?
  ) -> [SQLValue] {
    [
      .integer(time ?? now()), .optional(actor.accountID), .text(actor.username), .text(action), .text(entity),
      .optional(entityID), .optional(actor.remote), .optional(detail),
    ]
  }

  static let insertAuditSQL =
    "INSERT INTO audit_event (\(AuditAppender.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"

  /// A read that writes audit rows (``audit(_:_:_:_:_:detail:at:)``), returning only once they are durable.
  ///
  /// With ``CommitMode/grouped`` the read runs on a snapshot (SQLite: a reader connection, beside the writer) and its
  /// rows are then appended in the next shared commit (``SQLBackend/appendAudit(_:)``); if that commit fails, the read
  /// fails too — nothing is shown that the log does not hold. With ``CommitMode/each`` read and rows share one
  /// write transaction, as before group commit.
  func auditedRead<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    guard backend.commitMode == .grouped else { return try await backend.write(body) }
    let rows = NIOLockedValueBox<[[SQLValue]]>([])
    let value = try await backend.read { db in try await body(AuditedReadExecutor(base: db, rows: rows)) }
    try await backend.appendAudit(rows.withLockedValue { $0 })
    return value
  }

  /// Appends one audit row in a commit of its own (``CommitMode/each``) or with others (grouped): for events that
  /// change nothing else (a refused request, a failed sign-in).
  func appendAudit(
    _ actor: AuditContext, _ action: String, _ entity: String, _ entityID: String?, detail: String? = nil
  ) async throws {
    guard backend.commitMode == .grouped else {
      return try await backend.write { db in try await audit(db, actor, action, entity, entityID, detail: detail) }
    }
    try await backend.appendAudit([auditValues(actor, action, entity, entityID, detail: detail, at: nil)])
  }
}

/// The executor of an ``Registry/auditedRead(_:)``: statements go to the snapshot, audit rows are kept for after.
struct AuditedReadExecutor: SQLExecutor {
  let base: any SQLExecutor
  let rows: NIOLockedValueBox<[[SQLValue]]>

  func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] { try await base.query(sql, binds) }
}
