import Foundation
import LeioCore
public import Logging
import NIOConcurrencyHelpers

/// The embedded default: one SQLite file in write-ahead-log mode, with one writer connection (transactions in
/// arrival order) and a few reader connections that read consistent snapshots while a write is in progress.
///
/// `synchronous = FULL`: a transaction is on disk when its commit returns, so an acknowledged write survives a
/// killed process or a power cut. Foreign keys are enforced. With ``CommitMode/grouped`` (the default) the writes
/// that queue for the writer while it is busy share one transaction, each in a savepoint, and one commit
/// (``GroupCommit``): one flush for many requests, each still acknowledged only after it.
/// Related SQLite documentation: <https://www.sqlite.org/wal.html>, <https://www.sqlite.org/pragma.html#pragma_synchronous>.
public final class SQLiteBackend: SQLBackend {
  public let dialect = SQLDialect.sqlite
  public let location: String
  private let writer: SQLiteConnection
  private let commits: GroupCommit
  private let readers: ReaderPool
  /// Checkpoints the log in the background (the writer does not: a checkpoint in a commit stalls every queued write).
  let checkpointer: SQLiteCheckpointer
  public var commitMode: CommitMode { commits.mode }
  public var commitStatistics: CommitStatistics { commits.statistics }
  public var appendStatistics: CommitStatistics { appender.statistics }
  private let appender: AuditAppender
  public let pool: PoolGauge

  /// How long a statement waits for a lock held by another process (another `leio` on the same file) before the
  /// request is answered "busy" (503 with Retry-After; exit 69) rather than held open.
  public static let busyTimeoutMilliseconds = 2000

  /// Opens (creating if needed) the database file at `path`.
  public static func open(
    path: String, readers: Int = 4, commitMode: CommitMode = .grouped, logger: Logger = Logger(label: "leio.store")
  ) async throws -> SQLiteBackend {
    // Statements are never logged: they carry patient data in their binds.
    let writer = try SQLiteConnection.open(path: path)
    // The busy timeout first: another process opening the same new file at once may hold the lock that switching
    // to WAL needs.
    for pragma in [
      "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
      "PRAGMA foreign_keys = ON", "PRAGMA wal_autocheckpoint = 0",
    ] {
      _ = try await writer.query(pragma, [])
    }
    let checkpointer = try SQLiteConnection.open(path: path)
    _ = try await checkpointer.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", [])
    var pool: [SQLiteConnection] = []
    for _ in 0..<max(1, readers) {
      let reader = try SQLiteConnection.open(path: path)
      for pragma in [
        "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", "PRAGMA query_only = ON",
      ] { _ = try await reader.query(pragma, []) }
      pool.append(reader)
    }
    return SQLiteBackend(
      location: path, writer: writer, readers: ReaderPool(pool),
      checkpointer: SQLiteCheckpointer(connection: checkpointer),
      commitMode: commitMode)
  }

  private init(
    location: String, writer: SQLiteConnection, readers: ReaderPool, checkpointer: SQLiteCheckpointer,
    commitMode: CommitMode
  ) {
    self.location = location
    self.writer = writer
    self.checkpointer = checkpointer
    self.readers = readers
    pool = PoolGauge(size: readers.size + 1)
    let commits = GroupCommit(
      mode: commitMode, begin: "BEGIN IMMEDIATE", executor: SQLiteExecutor(connection: writer))
    self.commits = commits
    appender = AuditAppender { body in try await commits.run(isolated: false, body) }
  }

  public func write<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    try await pool.track { try await commits.run(isolated: true, body) }
  }

  public func appendAudit(_ rows: [[SQLValue]]) async throws {
    try await appender.append(rows)
  }

  public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    try await pool.track { try await snapshot(body) }
  }

  public func readStatement(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
    try await pool.track {
      let connection = try await readers.acquire(location: location)
      do {
        let rows = try await connection.query(sql, binds)
        await readers.release(connection)
        return rows
      } catch {
        await readers.release(connection)
        throw error
      }
    }
  }

  private func snapshot<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    let connection = try await readers.acquire(location: location)
    let executor = SQLiteExecutor(connection: connection)
    do {
      try await executor.execute("BEGIN")
      let result = try await body(executor)
      try await executor.execute("COMMIT")
      await readers.release(connection)
      return result
    } catch {
      try? await executor.execute("ROLLBACK")
      await readers.release(connection)
      throw error
    }
  }

  public func withoutTransaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    try await commits.exclusive { try await body(SQLiteExecutor(connection: writer)) }
  }

  public func close() async throws {
    try await checkpointer.stop()
    try await commits.exclusive { [readers, writer] in
      for reader in readers.drain() { try await reader.close() }
      try await writer.close()
    }
  }
}

/// Idle reader connections; a read waits when all are busy. Once closed, a read fails at once (it would otherwise
/// wait for a connection that never comes back). A lock, not an actor: taking an idle connection costs no hop to
/// another executor (two per read, on every request).
private final class ReaderPool: Sendable {
  private struct State {
    var idle: [SQLiteConnection]
    var waiting: [CheckedContinuation<SQLiteConnection?, Never>] = []
    var closed = false
  }
  private let state: NIOLockedValueBox<State>
  let size: Int

  init(_ connections: [SQLiteConnection]) {
    state = NIOLockedValueBox(State(idle: connections))
    size = connections.count
  }

  func acquire(location: String) async throws -> SQLiteConnection {
    let closed = RegistryError.unavailable(location: location, reason: "the registry is closed")
    enum Taken { case connection(SQLiteConnection), wait, closed }
    let taken: Taken = state.withLockedValue { state in
      if state.closed { return .closed }
      return state.idle.popLast().map(Taken.connection) ?? .wait
    }
    switch taken {
    case .connection(let connection): return connection
    case .closed: throw closed
    case .wait:
      let connection = await withCheckedContinuation { (continuation: CheckedContinuation<SQLiteConnection?, Never>) in
        // Taken again under the lock: a connection may have come back since.
        let now: Taken = state.withLockedValue { state in
          if state.closed { return .closed }
          if let connection = state.idle.popLast() { return .connection(connection) }
          state.waiting.append(continuation)
          return .wait
        }
        switch now {
        case .connection(let connection): continuation.resume(returning: connection)
        case .closed: continuation.resume(returning: nil)
        case .wait: break
        }
      }
      guard let connection else { throw closed }
      return connection
    }
  }

  func release(_ connection: SQLiteConnection) async {
    let (waiter, closed) = state.withLockedValue {
      state -> (CheckedContinuation<SQLiteConnection?, Never>?, Bool) in
      if state.closed { return (nil, true) }
      if state.waiting.isEmpty {
        state.idle.append(connection)
        return (nil, false)
      }
      return (state.waiting.removeFirst(), false)
    }
    if closed {
      try? await connection.close()
    } else {
      waiter?.resume(returning: connection)
    }
  }

  /// Closes the pool: the idle connections are returned (to be closed), waiting reads fail, later reads fail.
  func drain() -> [SQLiteConnection] {
    let (waiting, idle) = state.withLockedValue { state in
      state.closed = true
      defer { (state.waiting, state.idle) = ([], []) }
      return (state.waiting, state.idle)
    }
    for reader in waiting { reader.resume(returning: nil) }
    return idle
  }
}

struct SQLiteExecutor: SQLExecutor {
  let connection: SQLiteConnection

  func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
    try await connection.query(sql, binds)
  }
}
