import Foundation

/// Runs statements inside one transaction (or one read) of a ``SQLBackend``.
///
/// Statements use PostgreSQL's `$1, $2, …` placeholders; the SQLite backend rewrites them to `?1, ?2, …`.
public protocol SQLExecutor: Sendable {
  /// Runs `sql` with `binds` and returns its rows (none for most writes; use `RETURNING` to read back).
  func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

extension SQLExecutor {
  func execute(_ sql: String, _ binds: [SQLValue] = []) async throws { _ = try await query(sql, binds) }
}

/// Which SQL the schema must be written in, where the two differ (identity columns, pragmas).
public enum SQLDialect: String, Sendable {
  case sqlite, postgres
}

/// A database Leio can keep its registry in: SQLite (embedded, the default) or PostgreSQL.
///
/// Every write runs in one transaction that commits when `body` returns and rolls back when it throws; reads see
/// one consistent snapshot.
public protocol SQLBackend: Sendable {
  var dialect: SQLDialect { get }
  /// Where the data is, for messages (a file path, or host/database — never a password).
  var location: String { get }
  /// Whether commits are shared (``CommitMode/grouped``) or one per transaction.
  var commitMode: CommitMode { get }
  /// Commits of write transactions and how many each carried (SQLite's shared commits; PostgreSQL commits each).
  var commitStatistics: CommitStatistics { get }
  /// Flushes of audit rows and how many requests' rows each carried.
  var appendStatistics: CommitStatistics { get }
  /// Connections and the transactions using them.
  var pool: PoolGauge { get }
  func write<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
  func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
  /// One statement outside an explicit transaction: it is its own consistent snapshot, and costs no `BEGIN` and
  /// `COMMIT` (on PostgreSQL, one round trip instead of three). For the lookups every request makes (its identity).
  func readStatement(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
  /// Appends audit rows (each the values of ``AuditAppender/columns``) with ``CommitMode/grouped``: the rows of every
  /// request that arrives meanwhile share one statement and one commit; returns once that commit is durable.
  func appendAudit(_ rows: [[SQLValue]]) async throws
  /// Runs `body` outside any transaction (for steps that manage their own, such as `VACUUM` or a check).
  func withoutTransaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
  func close() async throws
}
