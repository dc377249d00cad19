import Foundation

/// A rule table that cannot be loaded or used.
///
/// These errors mean the shipped tables (or code binding them) are wrong; they
/// never describe a user's input.
public enum RuleTableError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The table resource is missing from the bundle.
  case missingResource(String)
  /// The table JSON does not decode.
  case malformed(table: String, detail: String)
  /// A row or column names a code outside its column's domain.
  case unknownCode(table: String, column: String, code: String)
  /// Two rows match the same input.
  case overlappingRows(table: String, first: Int, second: Int)
  /// A Swift type does not cover, or does not fit, the table's domain.
  case bindingMismatch(table: String, column: String, detail: String)
  /// No row matched an input that was validated against the domains.
  case noMatchingRow(table: String)

  /// The value in words, as messages and pages show it.
  public var description: String {
    switch self {
    case .missingResource(let name):
      return "Rule table resource '\(name)' is missing from the LeioCore bundle."
    case .malformed(let table, let detail):
      return "Rule table '\(table)' is malformed: \(detail)"
    case .unknownCode(let table, let column, let code):
      return "Rule table '\(table)' uses code '\(code)' outside the domain of column '\(column)'."
    case .overlappingRows(let table, let first, let second):
      return "Rule table '\(table)': rows \(first) and \(second) match the same input."
    case .bindingMismatch(let table, let column, let detail):
      return "Rule table '\(table)', column '\(column)': \(detail)"
    case .noMatchingRow(let table):
      return "Rule table '\(table)' has no row for this input (a gap in the table)."
    }
  }
}
