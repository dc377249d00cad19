import Foundation
public import Logging
import NIOConcurrencyHelpers

/// The registry: patients, tumours, treatments and follow-up events in a SQL database, with optimistic
/// concurrency, soft deletes and an audit row for every read and change, written in the same transaction.
///
/// One implementation over the ``SQLBackend`` interface, which has two: ``SQLiteBackend`` (the embedded default)
/// and ``PostgresBackend``. The same test suite runs against both.
///
/// ```swift
/// let registry = try await Registry.open(try DatabaseLocation("leio.sqlite"))
/// let patient = try await registry.createPatient(Patient(identifier: "SYN-0001", name: "Fictional Patient"), by: .system("demo"))
/// ```
public struct Registry: Sendable {
  let backend: any SQLBackend
  /// The clock, in milliseconds since 1970 (tests pin it).
  let now: @Sendable () -> Int64
  /// Password hashing cost, lock-out and session lifetimes.
  public let security: SecurityPolicy
  /// Sign-in failures in this process (for `GET /metrics`).
  let signInFailures = NIOLockedValueBox<[String: Int]>([:])

  /// Opens the database at `location`, creating and migrating it as needed.
  /// - Parameter commitMode: whether concurrent transactions share commits (the default) or commit one by one.
  public static func open(
    _ location: DatabaseLocation, security: SecurityPolicy = SecurityPolicy(), commitMode: CommitMode = .grouped,
    logger: Logger = Logger(label: "leio.store")
  ) async throws -> Registry {
    let backend: any SQLBackend
    switch location {
    case .sqlite(let path): backend = try await SQLiteBackend.open(path: path, commitMode: commitMode, logger: logger)
    case .postgres(let url):
      backend = try await PostgresBackend.connect(url: url, commitMode: commitMode, logger: logger)
    }
    do {
      return try await Registry(backend: backend, security: security)
    } catch {
      try? await backend.close()
      throw error
    }
  }

  /// A registry on an open backend, migrated to the current schema.
  public init(
    backend: any SQLBackend, security: SecurityPolicy = SecurityPolicy(),
    now: @escaping @Sendable () -> Int64 = Clock.milliseconds
  ) async throws {
    self.backend = backend
    self.now = now
    self.security = security
    try await Migrator.migrate(backend)
  }

  /// Where the data is (never a password).
  public var location: String { backend.location }
  public var dialect: SQLDialect { backend.dialect }

  public func close() async throws { try await backend.close() }

  /// How commits reach the disk, and how many units each has carried so far (for `GET /metrics`).
  public var commitMode: CommitMode { backend.commitMode }
  public var commitStatistics: CommitStatistics.Snapshot { backend.commitStatistics.snapshot }
  /// Flushes of audit rows (``CommitMode/grouped``) and how many requests' rows each carried.
  public var appendStatistics: CommitStatistics.Snapshot { backend.appendStatistics.snapshot }
  /// The database connections and the transactions using or waiting for them now.
  public var pool: (size: Int, inFlight: Int) { (backend.pool.size, backend.pool.inFlight) }
  /// Sign-ins refused by this process since it started, by reason (`password`: wrong name or password; `locked`:
  /// refused during a lock-out).
  public var signInFailureCounts: [String: Int] { signInFailures.withLockedValue { $0 } }

  /// Rows in the audit log (written by every server on this database): its highest sequence number.
  public func auditRowCount() async throws -> Int64 {
    try await backend.read { db in
      try await db.query("SELECT COALESCE(max(seq), 0) AS n FROM audit_event", []).first?.integer("n") ?? 0
    }
  }

  /// The schema steps applied to this database, oldest first.
  public func appliedMigrations() async throws -> [String] {
    try await backend.read { db in
      try await db.query("SELECT id FROM schema_migration ORDER BY applied_at, id", []).map { try $0.text("id") }
    }
  }

  /// Applies the schema steps `backend` has not had yet (only the first `steps`, for the migration tests).
  /// - Returns: the ids of the steps applied now.
  @discardableResult
  public static func migrate(_ backend: any SQLBackend, steps: Int? = nil) async throws -> [String] {
    try await Migrator.migrate(backend, steps: steps)
  }

  /// The ids of all schema steps this program knows, oldest first.
  public static var schemaSteps: [String] { Schema.migrations.map(\.id) }
}
