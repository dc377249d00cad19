import Foundation
import LeioCore

/// A value bound to or read from a SQL statement: the four storage types both backends share.
///
/// Leio stores booleans as integers 0/1, timestamps as milliseconds since 1970 (UTC) and calendar dates as
/// `YYYY-MM-DD` text, so the same schema and the same statements work on SQLite and PostgreSQL.
public enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  /// `nil` becomes `.null`.
  static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
  static func optional(_ number: Int64?) -> SQLValue { number.map(SQLValue.integer) ?? .null }
  static func optional(_ number: Double?) -> SQLValue { number.map(SQLValue.real) ?? .null }
}

/// One result row, by column name (lower case: PostgreSQL folds unquoted names, so Leio's columns are lower case).
///
/// The names are one array shared by every row of a result (the statement's), and the values an array beside it: a
/// row costs one allocation, and no name is hashed. A column is found by comparing names (a dozen or two short
/// strings, compared in place); when a result repeats a name, the last column of that name counts.
public struct SQLRow: Sendable {
  /// The column names, shared by the rows of one result.
  let columns: [String]
  /// The values, in the order of `columns`.
  let cells: [SQLValue]

  init(columns: [String], cells: [SQLValue]) { (self.columns, self.cells) = (columns, cells) }

  /// A row of the given columns and values.
  public init(_ values: [String: SQLValue]) {
    let sorted = values.sorted { $0.key < $1.key }
    (columns, cells) = (sorted.map(\.key), sorted.map(\.value))
  }

  /// The row by column name.
  public var values: [String: SQLValue] { Dictionary(zip(columns, cells), uniquingKeysWith: { $1 }) }

  /// The value of `column`, or `nil` when the result has no such column.
  subscript(column: String) -> SQLValue? {
    var index = columns.count
    while index > 0 {
      index -= 1
      if columns[index] == column { return cells[index] }
    }
    return nil
  }

  /// The text in `column`; a missing or non-text value is a schema bug, reported as such.
  func text(_ column: String) throws -> String {
    guard case .text(let text) = self[column] else { throw RegistryError.corrupt(column: column) }
    return text
  }

  func optionalText(_ column: String) throws -> String? {
    switch self[column] {
    case .text(let text): return text
    case .null, nil: return nil
    default: throw RegistryError.corrupt(column: column)
    }
  }

  /// A code stored as its raw text; a value the type does not know is a schema bug or tampering (`corrupt`).
  func optionalCode<Code: RawRepresentable>(_ column: String, as type: Code.Type) throws -> Code?
  where Code.RawValue == String {
    guard let text = try optionalText(column) else { return nil }
    guard let code = Code(rawValue: text) else { throw RegistryError.corrupt(column: column) }
    return code
  }

  func code<Code: RawRepresentable>(_ column: String, as type: Code.Type) throws -> Code where Code.RawValue == String {
    guard let code = try optionalCode(column, as: type) else { throw RegistryError.corrupt(column: column) }
    return code
  }

  /// A date stored as `YYYY-MM-DD`.
  func optionalDate(_ column: String) throws -> CalendarDate? {
    guard let text = try optionalText(column) else { return nil }
    guard let date = CalendarDate(text: text) else { throw RegistryError.corrupt(column: column) }
    return date
  }

  func integer(_ column: String) throws -> Int64 {
    guard case .integer(let value) = self[column] else { throw RegistryError.corrupt(column: column) }
    return value
  }

  func optionalInteger(_ column: String) throws -> Int64? {
    switch self[column] {
    case .integer(let value): return value
    case .null, nil: return nil
    default: throw RegistryError.corrupt(column: column)
    }
  }

  func optionalReal(_ column: String) throws -> Double? {
    switch self[column] {
    case .real(let value): return value
    case .integer(let value): return Double(value)
    case .null, nil: return nil
    default: throw RegistryError.corrupt(column: column)
    }
  }
}
