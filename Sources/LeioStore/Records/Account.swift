import Foundation

/// What an account may do. Every route that touches patient data checks one of these.
public enum Permission: String, Sendable, CaseIterable, Codable {
  case readPatients, writePatients, exportRegistry, importRegistry, manageAccounts, readAudit
  /// The Outcomes page: survival of the registry's own patients (pseudonymous, aggregate).
  case viewOutcomes
}

/// The roles of the registry (issue 5): admin, clinician (read/write), registrar (read/write, exports), viewer (read).
public enum Role: String, Sendable, CaseIterable, Codable {
  case admin, clinician, registrar, viewer

  public var permissions: Set<Permission> {
    switch self {
    case .admin: Set(Permission.allCases)
    case .clinician: [.readPatients, .writePatients, .viewOutcomes]
    case .registrar: [.readPatients, .writePatients, .exportRegistry, .importRegistry, .viewOutcomes]
    case .viewer: [.readPatients]
    }
  }

  public func allows(_ permission: Permission) -> Bool { permissions.contains(permission) }
}

/// A person who can sign in. A disabled account is soft-deleted (its audit history stays attributable).
public struct Account: StoredRecord {
  static let table = "account"
  static let entity = "account"
  static let dataColumns = ["username", "password_hash", "role", "failed_logins", "locked_until"]

  public var id = ""
  public var version: Int64 = 0
  public var createdAt: Int64 = 0
  public var updatedAt: Int64 = 0
  public var deletedAt: Int64?
  /// Lower case letters, digits, `.`, `_`, `-`; 3 to 64 characters.
  public var username: String
  /// bcrypt (`$2b$…`); never shown, never logged.
  var passwordHash: String
  public var role: Role
  /// Unused since the sign-in counts moved to `login_throttle` (per name and source); kept so that backups of
  /// either schema read and restore alike.
  public var failedLogins: Int64 = 0
  public var lockedUntil: Int64?

  init(username: String, passwordHash: String, role: Role) {
    (self.username, self.passwordHash, self.role) = (username, passwordHash, role)
  }

  var dataValues: [SQLValue] {
    [.text(username), .text(passwordHash), .text(role.rawValue), .integer(failedLogins), .optional(lockedUntil)]
  }

  init(row: SQLRow) throws {
    guard let role = Role(rawValue: try row.text("role")) else { throw RegistryError.corrupt(column: "account.role") }
    self.init(username: try row.text("username"), passwordHash: try row.text("password_hash"), role: role)
    failedLogins = try row.integer("failed_logins")
    lockedUntil = try row.optionalInteger("locked_until")
    try readBookkeeping(row)
  }

  /// A user name as stored: trimmed and lower case; refused unless 3–64 of `a-z 0-9 . _ -`.
  static func normalised(_ username: String) throws -> String {
    let name = username.trimmingCharacters(in: .whitespaces).lowercased()
    guard (3...64).contains(name.count),
      name.unicodeScalars.allSatisfy({
        CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-").contains($0)
      })
    else {
      throw RegistryError.invalid(field: "username", message: "use 3 to 64 letters, digits, '.', '_' or '-'.")
    }
    return name
  }

  /// bcrypt reads no further than this; a longer password would be cut silently, so it is refused instead.
  static let maximumPasswordBytes = 72
  static let minimumPasswordBytes = 12

  /// Passwords: 12 to 72 bytes of UTF-8 (bcrypt reads no further, and a longer one would be cut silently).
  static func checkPassword(_ password: String) throws {
    guard password.utf8.count >= minimumPasswordBytes else {
      throw RegistryError.invalid(field: "password", message: "use at least 12 bytes (12 letters or digits).")
    }
    guard password.utf8.count <= maximumPasswordBytes else {
      throw RegistryError.invalid(field: "password", message: "use at most 72 bytes (bcrypt's limit).")
    }
  }
}

/// An account as others may see it: no password hash.
public struct AccountSummary: Sendable, Hashable, Codable {
  public let id: String
  public let username: String
  public let role: Role
  public let version: Int64
  public let disabled: Bool
  public let locked: Bool

  /// `locked`: whether sign-in is locked for this name from some source now.
  init(_ account: Account, now: Int64, locked: Bool = false) {
    (id, username, role, version) = (account.id, account.username, account.role, account.version)
    disabled = account.deletedAt != nil
    self.locked = locked
  }
}
