import CSQLite
import Foundation
import LeioCore
import NIOPosix

/// One connection to a SQLite file through SQLite's C interface: statements are prepared once and kept (a cache per
/// connection), rows are read straight into ``SQLRow``s, and a statement runs on the calling task's thread — no hop
/// to another thread and back per statement. The statements that can wait on the disk or on another process's lock
/// (`BEGIN IMMEDIATE`, `COMMIT` with its flush, `VACUUM`, pragmas) run on NIO's blocking-I/O pool instead, so they
/// never hold a thread that serves requests.
///
/// A connection is used by one task at a time (the writer under ``GroupCommit``'s lock, a reader taken from the
/// pool); SQLite's serialized mode guards it besides. Related: <https://www.sqlite.org/cintro.html>.
final class SQLiteConnection: @unchecked Sendable {
  private var handle: OpaquePointer?
  /// Prepared statements by SQL text; emptied when it grows past ``cacheLimit`` (queries built with a variable
  /// number of parameters would otherwise grow it without end).
  private var cache: [String: Statement] = [:]
  static let cacheLimit = 200
  let path: String

  private struct Statement {
    let pointer: OpaquePointer
    let columns: [String]
  }

  /// Opens (creating if needed) the database file at `path`.
  static func open(path: String) throws -> SQLiteConnection {
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
    let code = sqlite3_open_v2(path, &handle, flags, nil)
    guard code == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(handle)
      throw RegistryError.unavailable(location: path, reason: message)
    }
    sqlite3_extended_result_codes(handle, 1)
    return SQLiteConnection(handle: handle, path: path)
  }

  private init(handle: OpaquePointer, path: String) {
    self.handle = handle
    self.path = path
  }

  deinit { closeNow() }

  /// Runs `sql` (`$1`-style parameters) with `binds`; off the calling thread when it may wait (see above).
  func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
    if Self.mayWait(sql) {
      return try await NIOThreadPool.singleton.runIfActive { try self.run(sql, binds) }
    }
    return try run(sql, binds)
  }

  static func mayWait(_ sql: String) -> Bool {
    sql == "COMMIT" || sql.hasPrefix("BEGIN IMMEDIATE") || sql.hasPrefix("PRAGMA") || sql.hasPrefix("VACUUM")
  }

  func close() async throws {
    try await NIOThreadPool.singleton.runIfActive { self.closeNow() }
  }

  private func closeNow() {
    for statement in cache.values { sqlite3_finalize(statement.pointer) }
    cache.removeAll()
    if let handle { sqlite3_close_v2(handle) }
    handle = nil
  }

  private func run(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
    guard let handle else { throw RegistryError.unavailable(location: path, reason: "the registry is closed") }
    let statement = try prepared(sql, handle)
    let pointer = statement.pointer
    defer {
      sqlite3_reset(pointer)
      sqlite3_clear_bindings(pointer)
    }
    for (index, value) in binds.enumerated() {
      let position = Int32(index + 1)
      let code: Int32
      switch value {
      case .null: code = sqlite3_bind_null(pointer, position)
      case .integer(let number): code = sqlite3_bind_int64(pointer, position, number)
      case .real(let number): code = sqlite3_bind_double(pointer, position, number)
      case .text(let text):
        code = text.withCString { sqlite3_bind_text(pointer, position, $0, Int32(text.utf8.count), Self.transient) }
      }
      guard code == SQLITE_OK else { throw failure(code, handle) }
    }
    var rows: [SQLRow] = []
    while true {
      let code = sqlite3_step(pointer)
      if code == SQLITE_DONE { return rows }
      guard code == SQLITE_ROW else { throw failure(code, handle) }
      var cells: [SQLValue] = []
      cells.reserveCapacity(statement.columns.count)
      for (index, name) in statement.columns.enumerated() {
        let column = Int32(index)
        switch sqlite3_column_type(pointer, column) {
        case SQLITE_INTEGER: cells.append(.integer(sqlite3_column_int64(pointer, column)))
        case SQLITE_FLOAT: cells.append(.real(sqlite3_column_double(pointer, column)))
        case SQLITE_NULL: cells.append(.null)
        case SQLITE_TEXT:
          let count = Int(sqlite3_column_bytes(pointer, column))
          let text = sqlite3_column_text(pointer, column)
          cells.append(
            .text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""))
        default: throw RegistryError.corrupt(column: name)
        }
      }
      rows.append(SQLRow(columns: statement.columns, cells: cells))
    }
  }

  private func prepared(_ sql: String, _ handle: OpaquePointer) throws -> Statement {
    if let statement = cache[sql] { return statement }
    if cache.count >= Self.cacheLimit {
      for statement in cache.values { sqlite3_finalize(statement.pointer) }
      cache.removeAll(keepingCapacity: true)
    }
    var pointer: OpaquePointer?
    // `$1` → `?1` (SQLite's numbered parameters); Leio's statements hold no `$` elsewhere.
    let text = sql.contains("$") ? sql.replacingOccurrences(of: "$", with: "?") : sql
    let code = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
    guard code == SQLITE_OK, let pointer else { throw failure(code, handle) }
    let columns = (0..<sqlite3_column_count(pointer)).map {
      String(cString: sqlite3_column_name(pointer, $0)).lowercased()
    }
    let statement = Statement(pointer: pointer, columns: columns)
    cache[sql] = statement
    return statement
  }

  /// SQLite's error as a registry error: constraint violations by kind, a lock held elsewhere as "busy"; anything
  /// else as ``SQLiteFailure``.
  private func failure(_ code: Int32, _ handle: OpaquePointer) -> any Error {
    let extended = sqlite3_extended_errcode(handle)
    let message = String(cString: sqlite3_errmsg(handle))
    // The message names the columns: "UNIQUE constraint failed: patient.identifier".
    let detail =
      message.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? message
    // Extended result codes (C macros Swift does not import): SQLITE_CONSTRAINT (19) | kind << 8.
    let (check, foreignKey, notNull, primaryKey, unique) = (
      19 | 1 << 8, 19 | 3 << 8, 19 | 5 << 8, 19 | 6 << 8, 19 | 8 << 8
    )
    switch Int(extended) {
    case unique, primaryKey: return RegistryError.duplicate(constraint: detail)
    case foreignKey: return RegistryError.missingReference(constraint: detail)
    case check, notNull:
      return RegistryError.invalid(
        field: detail.excerpt(limit: 80),
        message: "the database refused the value (constraint \(detail.excerpt(limit: 80))).")
    default: break
    }
    switch extended & 0xFF {
    case SQLITE_BUSY, SQLITE_LOCKED: return RegistryError.busy(location: path)
    default: return SQLiteFailure(code: extended, message: message)
    }
  }

  /// `SQLITE_TRANSIENT`: SQLite copies a bound text before the call returns.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// An error of SQLite's that is none of the registry's kinds (an I/O error, a trigger's refusal): its extended
/// result code and message (<https://www.sqlite.org/rescode.html>).
public struct SQLiteFailure: Error, CustomStringConvertible {
  public let code: Int32
  public let message: String
  public var description: String { "SQLite error \(code): \(message)" }
}
