import PostgresNIO

// The statements every request runs, prepared once per connection: PostgreSQL then neither parses nor plans them
// again (a profile of the load benchmark found about half of the server's time in parsing and planning). PostgresNIO
// prepares a statement on a connection the first time it runs there, by name.

/// A statement prepared by name.
protocol PreparedSQL {
  static var name: String { get }
  static var sql: String { get }
}

/// The account of a live API token (every API request).
enum TokenAccountSQL: PreparedSQL {
  static let name = "leio_token_account"
  static var sql: String { Registry.tokenAccount }
}

/// The case file in one statement (most of the registry's reads).
enum CaseFileSQL: PreparedSQL {
  static let name = "leio_case_file"
  static var sql: String { Registry.filePostgres }
}

/// A prepared read whose rows come back as ``SQLRow``s.
struct PreparedRead<Query: PreparedSQL>: PostgresPreparedStatement {
  typealias Row = SQLRow
  static var name: String { Query.name }
  static var sql: String { Query.sql }
  let binds: [SQLValue]

  func makeBindings() throws -> PostgresBindings { PostgresExecutor.bindings(binds) }

  func decodeRow(_ row: PostgresRow) throws -> SQLRow { try PostgresExecutor.row(row) }
}

extension PostgresBackend {
  /// The rows of `sql` when it is one of the prepared statements; `nil` for any other statement. The same static
  /// strings are compared, so the check costs one comparison of their storage.
  func preparedRead(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]? {
    switch sql {
    case TokenAccountSQL.sql: try await run(PreparedRead<TokenAccountSQL>(binds: binds))
    case CaseFileSQL.sql: try await run(PreparedRead<CaseFileSQL>(binds: binds))
    default: nil
    }
  }

  private func run<Query>(_ statement: PreparedRead<Query>) async throws -> [SQLRow] {
    try await pool.track {
      do {
        var rows: [SQLRow] = []
        for try await row in try await client.execute(statement, logger: logger) { rows.append(row) }
        return rows
      } catch {
        throw Self.translate(error)
      }
    }
  }
}
