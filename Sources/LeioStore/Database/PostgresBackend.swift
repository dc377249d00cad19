import Foundation
public import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// PostgreSQL through a PostgresNIO connection pool (`--database postgres://user:password@host:port/database`).
///
/// Writes run in `withTransaction` (BEGIN … COMMIT, ROLLBACK when the body throws) on the pool's connections, where
/// PostgreSQL shares one WAL flush among the commits that wait at once. With ``CommitMode/grouped`` the audit rows of
/// reads are appended by an ``AuditAppender``: the rows of all requests that arrive while one flush commits go in
/// the next, in one statement. The pool runs in a task of its own for the backend's lifetime.
/// Related documentation: <https://www.postgresql.org/docs/15/transaction-iso.html>.
public final class PostgresBackend: SQLBackend {
  public let dialect = SQLDialect.postgres
  public let location: String
  let client: PostgresClient
  private let runner: Task<Void, Never>
  let logger: Logger
  private let appender: AuditAppender
  public let commitMode: CommitMode
  /// Each write transaction commits on its own (PostgreSQL groups the WAL flushes of concurrent commits itself).
  public let commitStatistics = CommitStatistics()
  public var appendStatistics: CommitStatistics { appender.statistics }
  public let pool: PoolGauge

  /// Connects to the database `url` names; `searchPath` puts Leio's tables in that schema (tests use one each).
  public static func connect(
    url: String, searchPath: String? = nil, commitMode: CommitMode = .grouped,
    logger: Logger = Logger(label: "leio.store")
  ) async throws -> PostgresBackend {
    guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
      let host = components.host, !host.isEmpty, let user = components.user
    else {
      throw RegistryError.invalidDatabaseURL(url: DatabaseLocation.redacted(url))
    }
    let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    let local = ["localhost", "127.0.0.1", "::1"].contains(host)
    let tls: PostgresClient.Configuration.TLS
    let probeTLS: PostgresConnection.Configuration.TLS
    switch query["sslmode"] ?? (local ? "disable" : "require") {
    case "disable": (tls, probeTLS) = (.disable, .disable)
    case "prefer":
      (tls, probeTLS) = (
        .prefer(.makeClientConfiguration()), .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
      )
    default:
      (tls, probeTLS) = (
        .require(.makeClientConfiguration()), .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
      )
    }
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    let location = "\(host):\(components.port ?? 5432)/\(database)"
    var direct = PostgresConnection.Configuration(
      host: host, port: components.port ?? 5432, username: user, password: components.password,
      database: database.isEmpty ? nil : database, tls: probeTLS)
    if let searchPath { direct.options.additionalStartupParameters = [("search_path", searchPath)] }
    // One direct connection first: a wrong password or an unknown database is reported as the server says it,
    // where the pool would only report that it gave up.
    do {
      let probe = try await PostgresConnection.connect(
        configuration: direct, id: 0,
        logger: Logger(label: "leio.store.probe", factory: { _ in SwiftLogNoOpLogHandler() }))
      try await probe.close()
    } catch let error as PSQLError {
      throw RegistryError.unavailable(location: location, reason: error.serverInfo?[.message] ?? "\(error.code)")
    } catch {
      throw RegistryError.unavailable(location: location, reason: String(describing: error))
    }
    var configuration = PostgresClient.Configuration(
      host: host, port: components.port ?? 5432, username: user,
      password: components.password, database: database.isEmpty ? nil : database, tls: tls)
    if let searchPath { configuration.options.additionalStartupParameters = [("search_path", searchPath)] }
    configuration.options.maximumConnections = Int(query["pool"] ?? "") ?? 16
    var quiet = logger
    quiet.logLevel = .error  // statements are never logged: they carry patient data in their binds
    let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
    let runner = Task { await client.run() }
    let backend = PostgresBackend(
      location: location, client: client, runner: runner, logger: quiet, commitMode: commitMode,
      poolSize: configuration.options.maximumConnections)
    do {
      _ = try await backend.read { try await $0.query("SELECT 1 AS ok", []) }
    } catch {
      try? await backend.close()
      throw RegistryError.unavailable(location: backend.location, reason: String(describing: error))
    }
    return backend
  }

  private init(
    location: String, client: PostgresClient, runner: Task<Void, Never>, logger: Logger, commitMode: CommitMode,
    poolSize: Int
  ) {
    pool = PoolGauge(size: poolSize)
    self.location = location
    self.client = client
    self.runner = runner
    self.logger = logger
    self.commitMode = commitMode
    appender = AuditAppender { [client, logger] body in try await Self.transaction(client, logger, body) }
  }

  public func write<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    try await pool.track { try await Self.transaction(client, logger, body) }
  }

  /// `body` in one transaction on a pool connection; its error (or BEGIN's, or COMMIT's) as a registry error.
  private static func transaction<T: Sendable>(
    _ client: PostgresClient, _ logger: Logger, _ body: @Sendable (any SQLExecutor) async throws -> T
  ) async throws -> T {
    do {
      return try await client.withTransaction(logger: logger) { connection in
        try await body(PostgresExecutor(connection: connection, logger: logger))
      }
    } catch let error as PostgresTransactionError {
      throw Self.translate(error.closureError ?? error.beginError ?? error.commitError ?? error)
    }
  }

  public func appendAudit(_ rows: [[SQLValue]]) async throws {
    try await appender.append(rows)
  }

  public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    try await write(body)  // a read is a transaction too: one snapshot, and its audit row commits with it
  }

  public func readStatement(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
    if let rows = try await preparedRead(sql, binds) { return rows }
    return try await pool.track {
      try await client.withConnection { [logger] connection in
        try await PostgresExecutor(connection: connection, logger: logger).query(sql, binds)
      }
    }
  }

  public func withoutTransaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
    try await client.withConnection { connection in
      try await body(PostgresExecutor(connection: connection, logger: logger))
    }
  }

  public func close() async throws {
    runner.cancel()
    await runner.value
  }

  /// Constraint violations become registry errors; anything else passes through.
  static func translate(_ error: any Error) -> any Error {
    guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return error }
    switch state {
    case "23505": return RegistryError.duplicate(constraint: error.serverInfo?[.constraintName] ?? "unique")
    case "23503": return RegistryError.missingReference(constraint: error.serverInfo?[.constraintName] ?? "foreign key")
    case "23514", "23502":  // check, not null
      let name = error.serverInfo?[.constraintName] ?? error.serverInfo?[.columnName] ?? "check"
      return RegistryError.invalid(field: name, message: "the database refused the value (constraint \(name)).")
    default: return error
    }
  }
}

struct PostgresExecutor: SQLExecutor {
  let connection: PostgresConnection
  let logger: Logger

  static func bindings(_ binds: [SQLValue]) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: binds.count)
    for bind in binds {
      switch bind {
      case .null: bindings.appendNull()
      case .integer(let value): bindings.append(value)
      case .real(let value): bindings.append(value)
      case .text(let value): bindings.append(value)
      }
    }
    return bindings
  }

  func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
    let rows: PostgresRowSequence
    do {
      rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: Self.bindings(binds)), logger: logger)
    } catch {
      throw PostgresBackend.translate(error)
    }
    var result: [SQLRow] = []
    for try await row in rows {
      // The names are the same on every row of a result: read once, shared.
      result.append(try Self.row(row, columns: result.first?.columns))
    }
    return result
  }

  /// `row` as an ``SQLRow``, with `columns` as its names when the caller has them already (from the result's first row).
  static func row(_ row: PostgresRow, columns: [String]? = nil) throws -> SQLRow {
    var cells: [SQLValue] = []
    cells.reserveCapacity(row.count)
    for cell in row { cells.append(try value(cell)) }
    return SQLRow(columns: columns ?? row.map(\.columnName), cells: cells)
  }

  static func value(_ cell: PostgresCell) throws -> SQLValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
    case .float4, .float8: return .real(try cell.decode(Double.self))
    case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
    default: return .text(try cell.decode(String.self))
    }
  }
}
