public import Foundation

/// Input that Leio refuses, with the field that caused it and a sentence a
/// clinician or registrar can act on.
///
/// Invalid input is thrown; a valid case that cannot be grouped is a result
/// with status `unknown`; a missing value becomes TX/NX/GX with a warning.
public enum StagingError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
  /// A code or value that is not one of the accepted ones.
  case invalidValue(field: String, value: String, expected: [String])
  /// A number outside the range Leio accepts.
  case outOfRange(field: String, value: String, message: String)
  /// A value that is needed and not given.
  case missingValue(field: String, message: String)
  /// Values that contradict each other.
  case inconsistent(field: String, message: String)
  /// A tumour Leio must not stage as LMS (GIST).
  case outOfScope(field: String, message: String)
  /// A combination the staging table declares invalid (e.g. clinical T0 N0 M0).
  case invalidCombination(field: String, message: String)
  /// A defect in the shipped rule tables (never the user's input).
  case ruleTable(RuleTableError)

  /// The input field the error is about.
  public var field: String {
    switch self {
    case .invalidValue(let field, _, _), .outOfRange(let field, _, _), .missingValue(let field, _),
      .inconsistent(let field, _), .outOfScope(let field, _), .invalidCombination(let field, _):
      field
    case .ruleTable: ""
    }
  }

  /// The value in words, as messages and pages show it.
  public var description: String {
    switch self {
    case .invalidValue(let field, let value, let expected):
      "\(field): '\(value.excerpt())' is not accepted; expected \(expected.joined(separator: ", "))."
    case .outOfRange(let field, _, let message), .missingValue(let field, let message),
      .inconsistent(let field, let message), .outOfScope(let field, let message),
      .invalidCombination(let field, let message):
      "\(field): \(message)"
    case .ruleTable(let error):
      "internal error in Leio's rule tables: \(error.description)"
    }
  }

  /// The message (`LocalizedError`).
  public var errorDescription: String? { description }
}
