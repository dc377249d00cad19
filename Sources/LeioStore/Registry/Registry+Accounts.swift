import Crypto
import Foundation
import HummingbirdBcrypt
import LeioCore
import NIOConcurrencyHelpers
import NIOPosix

/// Password hashing, lock-out and session rules.
public struct SecurityPolicy: Sendable {
  /// bcrypt cost (2^cost rounds); 12 in use, lower only in tests.
  public var bcryptCost: UInt8 = 12
  /// Failed sign-ins allowed before the account locks.
  public var failuresBeforeLock: Int64 = 5
  /// The first lock lasts this long; each further failure doubles it, up to `maximumLockSeconds`.
  public var firstLockSeconds: Int64 = 60
  public var maximumLockSeconds: Int64 = 3600
  /// A session ends this long after its last use, and in any case `absoluteSessionSeconds` after sign-in.
  public var idleSessionSeconds: Int64 = 30 * 60
  public var absoluteSessionSeconds: Int64 = 12 * 3600

  public init(bcryptCost: UInt8 = 12) { self.bcryptCost = bcryptCost }
}

/// A signed-in session: who, and the token that must accompany every form they send (CSRF).
public struct SessionGrant: Sendable {
  /// The secret for the cookie; only its SHA-256 is stored.
  public let token: String
  public let csrfToken: String
  public let account: AccountSummary
  public let expiresAt: Int64
}

/// Who a request acts as, after its cookie or API token was checked.
public struct Identity: Sendable, Hashable {
  public let account: AccountSummary
  /// The session's CSRF token (nil for an API token, which is not sent by browsers on their own).
  public let csrfToken: String?
  public func allows(_ permission: Permission) -> Bool { !account.disabled && account.role.allows(permission) }
}

extension Registry {
  // MARK: Accounts

  /// Creates an account (`leio user create`, or an admin in the web pages).
  public func createAccount(username: String, password: String, role: Role, by actor: AuditContext) async throws
    -> AccountSummary
  {
    let name = try Account.normalised(username)
    try Account.checkPassword(password)
    let hash = try await Self.offload { [cost = security.bcryptCost] in Bcrypt.hash(password, cost: cost) }
    let account = try await backend.write { db in
      try await insert(Account(username: name, passwordHash: hash, role: role), db, by: actor)
    }
    return AccountSummary(account, now: now())
  }

  public func accounts(by actor: AuditContext) async throws -> [AccountSummary] {
    try await auditedRead { db in
      let rows = try await db.query(
        "SELECT \(Account.allColumns.joined(separator: ", ")) FROM account ORDER BY username", [])
      try await audit(db, actor, "list", Account.entity, nil, detail: "\(rows.count) rows")
      let time = now()
      let locked = Set(
        try await db.query("SELECT DISTINCT name_key FROM login_throttle WHERE locked_until > $1", [.integer(time)]).map
        { try $0.text("name_key") })
      return try rows.map { row in
        let account = try Account(row: row)
        return AccountSummary(account, now: time, locked: locked.contains(Self.digest("login:" + account.username)))
      }
    }
  }

  /// Changes the role, the password or the enabled state; `version` must be current. Disabling ends its sessions.
  public func updateAccount(
    _ id: String, version: Int64, role: Role? = nil, password: String? = nil, disabled: Bool? = nil,
    by actor: AuditContext
  ) async throws -> AccountSummary {
    if let password { try Account.checkPassword(password) }
    var hash: String?
    if let password {
      hash = try await Self.offload { [cost = security.bcryptCost] in Bcrypt.hash(password, cost: cost) }
    }
    let newHash = hash
    return try await backend.write { db in
      var account = try await fetch(Account.self, id, db, includeDeleted: true)
      account.version = version
      if let role { account.role = role }
      if let newHash { account.passwordHash = newHash }
      let deletedAt: Int64?? = disabled.map { $0 ? .some(account.deletedAt ?? now()) : .some(nil) } ?? .none
      let saved = try await update(account, db, by: actor, deletedAt: deletedAt)
      if saved.deletedAt != nil || newHash != nil {
        try await db.execute("DELETE FROM session WHERE account_id = $1", [.text(id)])
      }
      return AccountSummary(saved, now: now())
    }
  }

  // MARK: Sign-in

  /// Checks the password and opens a session. The answer never says whether the user name exists.
  ///
  /// Failures are counted per user name and source address (``LoginThrottle``), in one atomic database update taken
  /// *before* the password is checked: of N parallel guesses, at most the allowance left reaches bcrypt, and every
  /// one of them counts. Unknown names are counted and locked exactly like existing ones (same answers, same timing:
  /// a dummy hash is verified). Passwords longer than bcrypt's 72 bytes are refused, never cut.
  /// - Throws: ``RegistryError/badCredentials``, ``RegistryError/locked(retryAfterSeconds:)``.
  public func login(username: String, password: String, remote: String?) async throws -> SessionGrant {
    let name = LoginThrottle.normalisedName(username)
    let throttle = LoginThrottle(nameKey: Self.digest("login:" + name), source: remote ?? "unknown", policy: security)
    let account = try await backend.read { db in
      try await db.query(
        "SELECT \(Account.allColumns.joined(separator: ", ")) FROM account WHERE username = $1", [.text(name)]
      ).first.map(Account.init(row:))
    }
    let time = now()
    // Who the audit row names: a known account's id and name, or a short, marked excerpt of what was typed.
    let actor = AuditContext(
      accountID: account?.id, username: account?.username ?? LoginThrottle.unknownNameLabel(username), remote: remote)
    let claim = try await backend.write { db -> LoginThrottle.Claim in
      let claim = try await throttle.claim(db, at: time)
      if case .locked = claim {
        try await audit(db, actor, "loginFailed", Account.entity, account?.id, detail: "locked")
      }
      return claim
    }
    if case .locked(let until) = claim {
      signInFailures.withLockedValue { $0["locked", default: 0] += 1 }
      throw RegistryError.locked(retryAfterSeconds: (until - time + 999) / 1000)
    }
    // Without an account, verify against a fixed hash anyway, so the time taken does not reveal which names exist.
    let hash = account?.passwordHash ?? Self.dummyHash
    let verified = try await Self.offload { Bcrypt.verify(password, hash: hash) }
    guard verified, password.utf8.count <= Account.maximumPasswordBytes, let account, account.deletedAt == nil else {
      signInFailures.withLockedValue { $0["password", default: 0] += 1 }
      try await appendAudit(actor, "loginFailed", Account.entity, account?.id)
      throw RegistryError.badCredentials
    }
    let token = Self.randomToken()
    let csrf = Self.randomToken()
    let expires = time + security.absoluteSessionSeconds * 1000
    try await backend.write { db in
      try await throttle.succeeded(db, at: time)
      try await db.execute(
        "DELETE FROM session WHERE expires_at < $1 OR last_seen_at < $2",
        [.integer(time), .integer(time - security.idleSessionSeconds * 1000)])
      try await db.execute(
        "INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at, remote) VALUES ($1, $2, $3, $4, $5, $4, $6)",
        [
          .text(Self.digest(token)), .text(account.id), .text(csrf), .integer(time), .integer(expires),
          .optional(remote),
        ])
      try await audit(db, actor, "login", Account.entity, account.id)
    }
    return SessionGrant(token: token, csrfToken: csrf, account: AccountSummary(account, now: time), expiresAt: expires)
  }

  /// Lifts every sign-in lock of `username` (all sources) and clears its failure counts (an admin's action).
  public func unlockAccount(username: String, by actor: AuditContext) async throws {
    let name = LoginThrottle.normalisedName(username)
    try await backend.write { db in
      guard let row = try await db.query("SELECT id FROM account WHERE username = $1", [.text(name)]).first else {
        throw RegistryError.notFound(entity: Account.entity, id: name.excerpt())
      }
      try await db.execute("DELETE FROM login_throttle WHERE name_key = $1", [.text(Self.digest("login:" + name))])
      try await audit(db, actor, "unlock", Account.entity, try row.text("id"))
    }
  }

  /// Records a refused request (401 unauthenticated, 403 forbidden, 429 throttled) in the audit log: who (if
  /// known), which route (its template, never query values or bodies), which status.
  public func recordRefusal(_ actor: AuditContext, status: Int, route: String, entityID: String? = nil) async throws {
    try await appendAudit(
      actor, "refused", "request", entityID.map { $0.excerpt(limit: 64) },
      detail: "\(status) \(route.excerpt(limit: 120))")
  }

  /// The identity of a session cookie, or nil when it is unknown, expired, idle too long, or its account disabled.
  /// Use refreshes the idle timer (at most once a minute, to keep reads from writing on every request).
  public func identity(sessionToken token: String) async throws -> Identity? {
    let time = now()
    let hash = Self.digest(token)
    let row = try await backend.readStatement(
      """
      SELECT s.csrf_token, s.last_seen_at, s.expires_at, \(Account.allColumns.map { "a.\($0)" }.joined(separator: ", "))
      FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = $1
      """, [.text(hash)]
    ).first
    let found: (Account, String, Int64)? =
      if let row, try row.integer("expires_at") > time,
        try row.integer("last_seen_at") > time - security.idleSessionSeconds * 1000
      {
        (try Account(row: row), try row.text("csrf_token"), try row.integer("last_seen_at"))
      } else { nil }
    guard let (account, csrf, lastSeen) = found, account.deletedAt == nil else { return nil }
    if time - lastSeen > 60_000 {
      try await backend.write { db in
        try await db.execute(
          "UPDATE session SET last_seen_at = $2 WHERE token_hash = $1", [.text(hash), .integer(time)])
      }
    }
    return Identity(account: AccountSummary(account, now: time), csrfToken: csrf)
  }

  /// Ends the session (sign out).
  public func logout(sessionToken token: String, by actor: AuditContext) async throws {
    try await backend.write { db in
      try await db.execute("DELETE FROM session WHERE token_hash = $1", [.text(Self.digest(token))])
      try await audit(db, actor, "logout", Account.entity, actor.accountID)
    }
  }

  // MARK: Helpers

  /// 32 random bytes from the system's secure generator, base64url without padding (session, CSRF and API
  /// tokens, and the server's sign-in form token).
  public static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
      of: "/", with: "_"
    )
    .replacingOccurrences(of: "=", with: "")
  }

  /// SHA-256 in hex: how tokens are stored and looked up.
  static func digest(_ token: String) -> String {
    var hasher = SHA256()
    var token = token
    token.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    return hasher.finalize().withUnsafeBytes { hex($0) }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Lower-case hex of `bytes`, written straight into one string (no formatter per byte: this runs on every
  /// request that carries a token).
  static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
    let digits = hexDigits
    return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
      for (index, byte) in bytes.enumerated() {
        buffer[2 * index] = digits[Int(byte >> 4)]
        buffer[2 * index + 1] = digits[Int(byte & 0x0f)]
      }
      return bytes.count * 2
    }
  }

  /// A bcrypt hash of a random password, for timing-equal failures on unknown names.
  static let dummyHash = Bcrypt.hash(randomToken(), cost: 12)

  /// Runs slow, blocking work (bcrypt) on NIO's thread pool, off the cooperative threads that serve requests.
  static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(work)
  }
}
