import Foundation
import LeioCore

/// A registry record kept in one table: an id, a version for optimistic concurrency, timestamps, and a soft delete.
///
/// The generic store (`SQLRegistry+Records.swift`) writes every record type with the same statements, built once
/// per type from `table` and `dataColumns`; each type only maps its own fields to and from column values.
protocol StoredRecord: Codable, Sendable, Hashable {
  /// The table (singular, snake case).
  static var table: String { get }
  /// The record kind in messages and the audit log.
  static var entity: String { get }
  /// The columns besides `id, version, created_at, updated_at, deleted_at`, in `dataValues` order.
  static var dataColumns: [String] { get }

  var id: String { get set }
  var version: Int64 { get set }
  var createdAt: Int64 { get set }
  var updatedAt: Int64 { get set }
  var deletedAt: Int64? { get set }

  var dataValues: [SQLValue] { get }
  /// Reads the data columns of `row` (the bookkeeping columns are read by the store).
  init(row: SQLRow) throws
}

extension StoredRecord {
  /// Reads id, version and timestamps of `row`.
  mutating func readBookkeeping(_ row: SQLRow) throws {
    id = try row.text("id")
    version = try row.integer("version")
    createdAt = try row.integer("created_at")
    updatedAt = try row.integer("updated_at")
    deletedAt = try row.optionalInteger("deleted_at")
  }

  static var allColumns: [String] { ["id", "version", "created_at", "updated_at", "deleted_at"] + dataColumns }
}

/// Who is acting, for the audit log: the account (or the system, for the CLI and migrations) and where from.
public struct AuditContext: Sendable, Hashable {
  public let accountID: String?
  public let username: String
  public let remote: String?

  public init(accountID: String?, username: String, remote: String?) {
    self.accountID = accountID
    self.username = username
    self.remote = remote
  }

  /// A command run on the machine itself (`leio backup`, `leio user create`, the demo seed).
  public static func system(_ command: String) -> AuditContext {
    AuditContext(accountID: nil, username: "system:\(command)", remote: "local")
  }
}

/// A date field: `YYYY-MM-DD`, a real calendar date.
func validatedDate(_ text: String?, field: String) throws -> String? {
  guard let text else { return nil }
  do { return try CalendarDate(parsing: text, field: field).description } catch let error as StagingError {
    throw RegistryError.invalid(field: field, message: error.description)
  }
}

/// A required text field, trimmed, non-empty and at most `limit` characters.
func requiredText(_ text: String, field: String, limit: Int = 200, multiline: Bool = false) throws -> String {
  let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
  guard !trimmed.isEmpty else { throw RegistryError.invalid(field: field, message: "must not be empty.") }
  guard trimmed.count <= limit else {
    throw RegistryError.invalid(field: field, message: "is longer than \(limit) characters.")
  }
  let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\t"] : []
  guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) })
  else {
    throw RegistryError.invalid(field: field, message: "contains control characters.")
  }
  return trimmed
}

func optionalText(_ text: String?, field: String, limit: Int = 2000, multiline: Bool = false) throws -> String? {
  guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
  return try requiredText(
    text.replacingOccurrences(of: "\r\n", with: "\n"), field: field, limit: limit, multiline: multiline)
}

/// A code field: one of `allowed`, exactly.
func code(_ text: String?, field: String, allowed: [String]) throws -> String? {
  guard let text, !text.isEmpty else { return nil }
  guard allowed.contains(text) else {
    throw RegistryError.invalid(
      field: field, message: "'\(text.excerpt())' is not accepted; expected \(allowed.joined(separator: ", ")).")
  }
  return text
}
