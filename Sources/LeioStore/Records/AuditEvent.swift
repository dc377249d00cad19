import Foundation

/// One line of the append-only audit log: who read or changed which record, when, from where.
///
/// The database refuses updates and deletes of this table (triggers), so the log can only grow.
public struct AuditEvent: Codable, Sendable, Hashable {
  public static let actions = [
    "read", "list", "create", "update", "delete", "restore", "export", "import", "login", "loginFailed", "logout",
    "unlock", "refused",
  ]

  /// Order of writing (1, 2, 3, …).
  public var seq: Int64
  /// Milliseconds since 1970 (UTC).
  public var at: Int64
  public var accountID: String?
  public var username: String
  public var action: String
  /// `patient`, `tumour`, `treatment`, `event`, `account`, `registry`.
  public var entity: String
  public var entityID: String?
  /// The client's address, or `local`.
  public var remote: String?
  /// A short note without patient data (for example "version 3", "12 rows").
  public var detail: String?

  init(row: SQLRow) throws {
    seq = try row.integer("seq")
    at = try row.integer("at")
    accountID = try row.optionalText("account_id")
    username = try row.text("username")
    action = try row.text("action")
    entity = try row.text("entity")
    entityID = try row.optionalText("entity_id")
    remote = try row.optionalText("remote")
    detail = try row.optionalText("detail")
  }
}
