import Foundation

/// One step of the schema: a name that never changes once shipped, and its SQL for each dialect.
///
/// Steps never refer to record types: they are the schema's history, kept as written (GRDB's rule: "a good
/// migration is never modified once it has shipped").
struct Migration: Sendable {
  let id: String
  let statements: @Sendable (SQLDialect) -> [String]
}

/// Applies the steps a database has not had yet, each in its own transaction with its row in `schema_migration`.
///
/// Several servers may start at once on one PostgreSQL database: every migration transaction first takes one
/// transaction-level advisory lock (``advisoryLock``), so one process applies each step while the others wait, then
/// find it applied and go on. (Without it two concurrent `CREATE TABLE IF NOT EXISTS` can both try to create the
/// table and one fails.) On SQLite the file's write lock serialises them; while migrating, a process waits for it up
/// to ``startupBusyMilliseconds`` (not the usual 2 s a request waits), since the others may hold it step after step.
enum Migrator {
  static let startupBusyMilliseconds = 60_000

  /// The advisory lock's key: "LEIO" in ASCII.
  static let advisoryLock: Int64 = 0x4C45_494F

  /// Serialises this transaction with every other process's migration (PostgreSQL; released at commit).
  static func serialise(_ db: any SQLExecutor, _ dialect: SQLDialect) async throws {
    guard dialect == .postgres else { return }
    try await db.execute("SELECT pg_advisory_xact_lock($1)", [.integer(advisoryLock)])
  }

  /// Brings the database up to date (or up to the first `count` steps, for the migration tests).
  /// - Returns: the ids of the steps applied now.
  /// - Throws: ``RegistryError/schemaTooNew(found:)`` when the database has a step this program does not know.
  @discardableResult
  static func migrate(_ backend: any SQLBackend, steps count: Int? = nil) async throws -> [String] {
    let dialect = backend.dialect
    guard dialect == .sqlite else { return try await apply(backend, steps: count) }
    try await backend.withoutTransaction { try await $0.execute("PRAGMA busy_timeout = \(startupBusyMilliseconds)") }
    do {
      let applied = try await apply(backend, steps: count)
      try await backend.withoutTransaction {
        try await $0.execute("PRAGMA busy_timeout = \(SQLiteBackend.busyTimeoutMilliseconds)")
      }
      return applied
    } catch {
      _ = try? await backend.withoutTransaction {
        try await $0.execute("PRAGMA busy_timeout = \(SQLiteBackend.busyTimeoutMilliseconds)")
      }
      throw error
    }
  }

  private static func apply(_ backend: any SQLBackend, steps count: Int?) async throws -> [String] {
    let steps = Array(Schema.migrations.prefix(count ?? Schema.migrations.count))
    let dialect = backend.dialect
    try await backend.write { db in
      try await serialise(db, dialect)
      try await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migration (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
    }
    let known = Set(Schema.migrations.map(\.id))
    let applied = try await backend.read { db in
      try await db.query("SELECT id FROM schema_migration", []).map { try $0.text("id") }
    }
    if let unknown = applied.first(where: { !known.contains($0) }) { throw RegistryError.schemaTooNew(found: unknown) }
    var done: [String] = []
    for step in steps where !applied.contains(step.id) {
      let ran: Bool
      do {
        ran = try await backend.write { db -> Bool in
          try await serialise(db, dialect)
          // Another process may have applied it meanwhile: the check and the step share the transaction.
          guard try await db.query("SELECT id FROM schema_migration WHERE id = $1", [.text(step.id)]).isEmpty else {
            return false
          }
          for statement in step.statements(dialect) { try await db.execute(statement) }
          try await db.execute(
            "INSERT INTO schema_migration (id, applied_at) VALUES ($1, $2)",
            [.text(step.id), .integer(Clock.milliseconds())])
          return true
        }
      } catch let error as RegistryError {
        switch error {
        case .duplicate(let constraint) where constraint.contains("identifier"):
          throw RegistryError.migrationFailed(
            step: step.id,
            reason: "two patients have identifiers that differ only in case (now one identifier); "
              + "rename one with the previous Leio version, then start again.")
        case .duplicate, .missingReference, .invalid:
          throw RegistryError.migrationFailed(step: step.id, reason: error.description)
        case .notFound, .conflict, .corrupt, .schemaTooNew, .invalidDatabaseURL, .unavailable, .invalidBackup,
          .invalidImport,
          .badCredentials, .locked,
          .patientDeleted, .busy, .migrationFailed:
          throw error
        }
      }
      if ran { done.append(step.id) }
    }
    return done
  }
}

/// Wall-clock time in milliseconds since 1970 (UTC).
public enum Clock {
  public static func milliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
