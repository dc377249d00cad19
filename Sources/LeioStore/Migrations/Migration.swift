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
enum Migrator {
  /// Brings the database up to date (or up to the first `count` steps, for the migration tests).
  /// - Returns: the ids of the steps applied now.
  /// - Throws: ``RegistryError/schemaTooNew(found:)`` when the database has a step this program does not know.
  @discardableResult
  static func migrate(_ backend: any SQLBackend, steps count: Int? = nil) async throws -> [String] {
    let steps = Array(Schema.migrations.prefix(count ?? Schema.migrations.count))
    try await backend.write { db in
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
      let dialect = backend.dialect
      let ran: Bool
      do {
        ran = try await backend.write { db -> Bool in
          if dialect == .postgres { try await db.execute("LOCK TABLE schema_migration IN EXCLUSIVE MODE") }
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
