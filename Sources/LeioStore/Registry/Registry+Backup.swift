public import Foundation
import LeioCore

/// What an export holds (see `docs/security.md`, "Who may export what").
public enum ExportScope: String, Sendable, Codable, CaseIterable {
  /// Clinical records only: patients, tumours, treatments, follow-up events. What a registrar may take out.
  case clinical
  /// Everything: the clinical records, the accounts with their password hashes, and the audit log. Admins only
  /// (and `leio backup`, which runs with the database's own credentials).
  case full
}

/// A portable copy of a registry: every record (deleted ones too, with their versions and times), and — in a full
/// backup — the accounts and the audit log, as JSON. Restoring it into an empty registry — SQLite or PostgreSQL —
/// gives the same records, byte for byte when exported again.
public struct RegistryBackup: Codable, Sendable, Equatable {
  public static let formatName = "leio-registry-backup"
  public var format = RegistryBackup.formatName
  public var formatVersion = 1
  /// `clinical` or `full`; absent in files written before scopes existed, which were full.
  public var scope: ExportScope? = .full
  /// The schema steps of the database it came from.
  public var schema: [String]
  public var exportedAt: Int64
  public var patients: [Patient]
  public var tumours: [Tumour]
  public var treatments: [Treatment]
  public var events: [FollowUpEvent]
  /// Accounts with their password hashes (sessions and API tokens are not carried: sign in again, issue new tokens).
  /// Empty in a clinical export.
  public var accounts: [Account]
  /// Empty in a clinical export.
  public var audit: [AuditEvent]

  /// The file's bytes: sorted keys, one stable text for the same content.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// What ``Registry/restore(_:by:)`` would refuse in this file, record by record ("tumour ID: stageGroup: …"),
  /// without a database; empty when every record is one the registry would have written.
  public func problems() -> [String] {
    var consistency = RecordConsistency(
      patients: patients, tumours: tumours, treatments: treatments, events: events, accounts: accounts)
    return consistency.problems().map(\.description)
  }

  /// Reads a backup file; the records are checked only by ``problems()`` or on restore.
  /// - Throws: ``RegistryError/invalidBackup(reason:)`` for anything that is not a backup of a supported format.
  public static func decode(_ data: Data) throws -> RegistryBackup {
    let backup: RegistryBackup
    do { backup = try JSONDecoder().decode(RegistryBackup.self, from: data) } catch {
      throw RegistryError.invalidBackup(
        reason: "the file is not a Leio registry backup (\(error.localizedDescription)).")
    }
    guard backup.format == formatName, backup.formatVersion == 1 else {
      throw RegistryError.invalidBackup(
        reason: "format \(backup.format) version \(backup.formatVersion) is not supported.")
    }
    return backup
  }
}

extension Registry {
  /// The registry's records — with `scope: .full` also the accounts and the audit log — read in one transaction
  /// (with its own audit row first, which names the scope).
  public func export(scope: ExportScope = .full, by actor: AuditContext) async throws -> RegistryBackup {
    let time = now()
    // Records made in the same millisecond follow their ids byte by byte on both databases (PostgreSQL's default
    // collation would order the ids' dashes and digits by language rules: a backup of the same records would differ).
    let byID = backend.dialect == .postgres ? "id COLLATE \"C\"" : "id"
    return try await backend.write { db in
      try await audit(db, actor, "export", "registry", nil, detail: "scope \(scope.rawValue)", at: time)
      func all<R: StoredRecord>(_ type: R.Type) async throws -> [R] {
        try await db.query(
          "SELECT \(R.allColumns.joined(separator: ", ")) FROM \(R.table) ORDER BY created_at, \(byID)", []
        ).map(R.init(row:))
      }
      let full = scope == .full
      let audit =
        full
        ? try await db.query(
          "SELECT seq, at, account_id, username, action, entity, entity_id, remote, detail FROM audit_event ORDER BY seq",
          []
        ).map(AuditEvent.init(row:)) : []
      let schema = try await db.query("SELECT id FROM schema_migration ORDER BY applied_at, id", []).map {
        try $0.text("id")
      }
      return RegistryBackup(
        scope: scope, schema: schema, exportedAt: time, patients: try await all(Patient.self),
        tumours: try await all(Tumour.self),
        treatments: try await all(Treatment.self), events: try await all(FollowUpEvent.self),
        accounts: full ? try await all(Account.self) : [], audit: audit)
    }
  }

  /// Loads `backup` into this registry, which must be empty; one transaction, so it is all or nothing.
  ///
  /// Nothing in the file is trusted: every record is checked as the API checks what it accepts, and every tumour
  /// is staged again (``RecordConsistency``). A record the API would refuse, or a stored stage that its facts
  /// contradict under the same rules version, refuses the whole file, naming each record and field. A stage derived
  /// by an older rules version is derived again with the current rules, as any write would.
  public func restore(_ backup: RegistryBackup, by actor: AuditContext) async throws {
    let unknown = backup.schema.filter { !Registry.schemaSteps.contains($0) }
    guard unknown.isEmpty else { throw RegistryError.schemaTooNew(found: unknown[0].excerpt()) }
    var consistency = RecordConsistency(
      patients: backup.patients, tumours: backup.tumours, treatments: backup.treatments,
      events: backup.events, accounts: backup.accounts)
    let problems = consistency.problems()
    guard problems.isEmpty else {
      let shown = problems.prefix(20).map(\.description).joined(separator: "\n  ")
      throw RegistryError.invalidBackup(
        reason: "\(problems.count) record(s) would be refused by the registry:\n  \(shown)"
          + (problems.count > 20 ? "\n  … and \(problems.count - 20) more." : ""))
    }
    let restaged = Dictionary(consistency.restaged.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let tumours = backup.tumours.map { restaged[$0.id] ?? $0 }
    for event in backup.audit where !AuditEvent.actions.contains(event.action) || event.username.isEmpty {
      throw RegistryError.invalidBackup(
        reason:
          "audit row \(event.seq): action '\(event.action.excerpt())' or its user name is not one the registry writes.")
    }
    let dialect = backend.dialect
    try await backend.write { db in
      for table in ["patient", "tumour", "treatment", "follow_up_event", "account", "audit_event"] {
        guard try await db.query("SELECT 1 AS one FROM \(table) LIMIT 1", []).isEmpty else {
          throw RegistryError.invalidBackup(
            reason: "this registry is not empty (table \(table) has rows); restore into a new database.")
        }
      }
      func put<R: StoredRecord>(_ records: [R]) async throws {
        let columns = R.allColumns
        let sql =
          "INSERT INTO \(R.table) (\(columns.joined(separator: ", "))) VALUES (\((1...columns.count).map { "$\($0)" }.joined(separator: ", ")))"
        for record in records {
          do { try await db.execute(sql, Self.allValues(record)) } catch let error as RegistryError {
            throw RegistryError.invalidBackup(reason: "\(R.entity) \(record.id.excerpt()): \(error.description)")
          }
        }
      }
      try await put(backup.accounts)
      try await put(backup.patients)
      try await put(tumours)
      try await put(backup.treatments)
      try await put(backup.events)
      for event in backup.audit {
        try await db.execute(
          "INSERT INTO audit_event (seq, at, account_id, username, action, entity, entity_id, remote, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          [
            .integer(event.seq), .integer(event.at), .optional(event.accountID), .text(event.username),
            .text(event.action), .text(event.entity),
            .optional(event.entityID), .optional(event.remote), .optional(event.detail),
          ])
      }
      if dialect == .postgres {
        try await db.execute(
          "SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), (SELECT COALESCE(max(seq), 0) + 1 FROM audit_event), false)"
        )
      }
      try await audit(
        db, actor, "import", "registry", nil,
        detail:
          "\(backup.patients.count) patients, \(backup.tumours.count) tumours (\(restaged.count) restaged), \(backup.treatments.count) treatments, \(backup.events.count) events"
      )
    }
  }

  /// The audit log, newest first, `limit` rows before `beforeSeq` (paging); reading it is audited too.
  public func auditLog(limit: Int = 100, beforeSeq: Int64? = nil, entityID: String? = nil, by actor: AuditContext)
    async throws -> [AuditEvent]
  {
    try await auditedRead { db in
      var conditions: [String] = []
      var binds: [SQLValue] = []
      if let beforeSeq {
        binds.append(.integer(beforeSeq))
        conditions.append("seq < $\(binds.count)")
      }
      if let entityID {
        binds.append(.text(entityID))
        conditions.append("entity_id = $\(binds.count)")
      }
      binds.append(.integer(Int64(max(1, min(limit, 10_000)))))
      let rows = try await db.query(
        "SELECT seq, at, account_id, username, action, entity, entity_id, remote, detail FROM audit_event \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY seq DESC LIMIT $\(binds.count)",
        binds
      ).map(AuditEvent.init(row:))
      try await audit(db, actor, "read", "audit", entityID, detail: "\(rows.count) rows")
      return rows
    }
  }
}
