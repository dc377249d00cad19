import Foundation
import LeioCore

/// An API token as an admin sees it: whose, what for, when made, used and revoked — never the secret.
public struct APITokenSummary: Sendable, Hashable, Codable {
  public let id: String
  public let accountID: String
  public let username: String
  public let name: String
  public let createdAt: Int64
  public let revokedAt: Int64?
  public let lastUsedAt: Int64?
}

extension Registry {
  // MARK: API tokens

  /// A new API token for scripts; the secret is shown once, only its SHA-256 is stored.
  public func createAPIToken(name: String, for accountID: String, by actor: AuditContext) async throws -> (
    id: String, token: String
  ) {
    let label = try requiredText(name, field: "name", limit: 100)
    let token = "leio_" + Self.randomToken()
    let id = UUID().uuidString.lowercased()
    try await backend.write { db in
      _ = try await fetch(Account.self, accountID, db)
      try await db.execute(
        "INSERT INTO api_token (id, account_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        [.text(id), .text(accountID), .text(label), .text(Self.digest(token)), .integer(now())])
      try await audit(db, actor, "create", "apiToken", id)
    }
    return (id, token)
  }

  /// Every API token (never its secret), newest first; with `accountID`, that account's only.
  public func apiTokens(accountID: String? = nil, by actor: AuditContext) async throws -> [APITokenSummary] {
    try await auditedRead { db in
      let rows = try await db.query(
        """
        SELECT t.id, t.account_id, a.username, t.name, t.created_at, t.revoked_at, t.last_used_at FROM api_token t JOIN account a ON a.id = t.account_id
        \(accountID == nil ? "" : "WHERE t.account_id = $1") ORDER BY t.created_at DESC, t.id
        """, accountID.map { [.text($0)] } ?? [])
      try await audit(db, actor, "list", "apiToken", accountID, detail: "\(rows.count) rows")
      return try rows.map { row in
        APITokenSummary(
          id: try row.text("id"), accountID: try row.text("account_id"), username: try row.text("username"),
          name: try row.text("name"),
          createdAt: try row.integer("created_at"), revokedAt: try row.optionalInteger("revoked_at"),
          lastUsedAt: try row.optionalInteger("last_used_at"))
      }
    }
  }

  public func revokeAPIToken(_ id: String, by actor: AuditContext) async throws {
    try await backend.write { db in
      let rows = try await db.query(
        "UPDATE api_token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id",
        [.text(id), .integer(now())])
      guard !rows.isEmpty else { throw RegistryError.notFound(entity: "apiToken", id: id) }
      try await audit(db, actor, "delete", "apiToken", id)
    }
  }

  /// The live token's account (built once: every API request runs it).
  static let tokenAccount = """
    SELECT \(Account.allColumns.map { "a.\($0)" }.joined(separator: ", ")) FROM api_token t JOIN account a ON a.id = t.account_id
    WHERE t.token_hash = $1 AND t.revoked_at IS NULL
    """

  /// The identity of an API token (`Authorization: Bearer leio_…`), or nil when unknown or revoked.
  public func identity(apiToken token: String) async throws -> Identity? {
    let time = now()
    let hash = Self.digest(token)
    let account = try await backend.readStatement(Self.tokenAccount, [.text(hash)]).first.map(Account.init(row:))
    guard let account, account.deletedAt == nil else { return nil }
    return Identity(account: AccountSummary(account, now: time), csrfToken: nil)
  }
}
