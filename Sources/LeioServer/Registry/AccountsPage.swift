import Foundation
import Hummingbird
import LeioCore
import LeioStore

/// `/accounts` (admins): every account with its role and state, and what an admin can do about it — lift a sign-in
/// lock, disable or enable the account (disabling ends its sessions), revoke an API token. Each change is audited.
enum AccountsPage {
  static func render(_ registry: Registry, identity: Identity, actor: AuditContext) async throws -> Response {
    let escape = RegistryPages.escape
    let accounts = try await registry.accounts(by: actor)
    let tokens = try await registry.apiTokens(by: actor)
    func button(_ path: String, _ label: String, version: Int64? = nil) -> String {
      "<form class=\"inline\" method=\"post\" action=\"\(escape(path))\">\(RegistryPages.csrf(identity))"
        + (version.map { "<input type=\"hidden\" name=\"version\" value=\"\($0)\">" } ?? "")
        + "<button type=\"submit\">\(escape(label))</button></form>"
    }
    var html =
      "<p>Accounts of this registry. A sign-in lock is per user name and source address; lifting it clears every source. "
    html += "Disabling an account ends its sessions and refuses its API tokens; its audit history stays.</p>"
    html +=
      "<table><caption>Accounts</caption><thead><tr><th scope=\"col\">User name</th><th scope=\"col\">Role</th><th scope=\"col\">State</th><th scope=\"col\">Actions</th></tr></thead><tbody>"
    for account in accounts {
      let state = [account.disabled ? "disabled" : "active", account.locked ? "locked" : nil].compactMap { $0 }.joined(
        separator: ", ")
      var actions = account.locked ? button("/accounts/\(account.id)/unlock", "Unlock \(account.username)") : ""
      if account.id != identity.account.id {
        actions +=
          account.disabled
          ? button("/accounts/\(account.id)/enable", "Enable \(account.username)", version: account.version)
          : button("/accounts/\(account.id)/disable", "Disable \(account.username)", version: account.version)
      }
      html +=
        "<tr><td>\(escape(account.username))</td><td>\(escape(account.role.rawValue))</td><td>\(escape(state))</td><td>\(actions)</td></tr>"
    }
    html += "</tbody></table>"
    html +=
      "<table><caption>API tokens</caption><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Name</th><th scope=\"col\">Created</th><th scope=\"col\">State</th><th scope=\"col\">Actions</th></tr></thead><tbody>"
    for token in tokens {
      let state = token.revokedAt.map { "revoked \(RegistryPages.time($0))" } ?? "active"
      let action = token.revokedAt == nil ? button("/tokens/\(token.id)/revoke", "Revoke \(token.name)") : ""
      html +=
        "<tr><td>\(escape(token.username))</td><td>\(escape(token.name))</td><td>\(RegistryPages.time(token.createdAt))</td><td>\(escape(state))</td><td>\(action)</td></tr>"
    }
    html +=
      "</tbody></table><p>New accounts and tokens: <code>leio user create</code> and <code>leio user token</code> on the server.</p>"
    return RegistryPages.page(title: "Accounts", body: html, identity: identity)
  }

  /// Unlock, disable or enable the account `id`; an admin cannot disable their own account here.
  static func change(
    _ registry: Registry, id: String, action: String, version: Int64, identity: Identity, actor: AuditContext
  ) async throws {
    guard let account = try await registry.accounts(by: actor).first(where: { $0.id == id }) else {
      throw RegistryError.notFound(entity: "account", id: id.excerpt())
    }
    switch action {
    case "unlock": try await registry.unlockAccount(username: account.username, by: actor)
    case "disable", "enable":
      guard account.id != identity.account.id else {
        throw RegistryError.invalid(field: "id", message: "you cannot disable your own account.")
      }
      _ = try await registry.updateAccount(id, version: version, disabled: action == "disable", by: actor)
    default: throw RegistryError.notFound(entity: "action", id: action.excerpt())
    }
  }
}
