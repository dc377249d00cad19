import Foundation
import LeioStore
import Testing

/// Accounts, sign-in with lock-out, sessions and API tokens — on every backend.
@Suite("Registry accounts and sessions")
struct AccountTests {
  static let password = "correct horse battery"

  @Test("roles grant exactly their permissions")
  func roles() {
    #expect(Role.admin.permissions == Set(Permission.allCases))
    #expect(Role.clinician.permissions == [.readPatients, .writePatients, .viewOutcomes])
    #expect(
      Role.registrar.permissions == [.readPatients, .writePatients, .exportRegistry, .importRegistry, .viewOutcomes])
    #expect(Role.viewer.permissions == [.readPatients])
  }

  @Test(
    "accounts: names and passwords are checked, names are unique, hashes are never shown",
    arguments: TestBackend.available)
  func creation(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let admin = try await registry.createAccount(
        username: " Ada.Admin ", password: Self.password, role: .admin, by: .system("user create"))
      #expect(admin.username == "ada.admin" && admin.role == .admin && !admin.disabled)
      for (name, password, field) in [
        ("ab", Self.password, "username"), ("bad name", Self.password, "username"), ("bob", "short", "password"),
        ("bob", String(repeating: "é", count: 40), "password"),
      ] {
        do {
          _ = try await registry.createAccount(username: name, password: password, role: .viewer, by: tester)
          Issue.record("\(name) accepted")
        } catch let RegistryError.invalid(found, _) {
          #expect(found == field)
        }
      }
      await #expect(throws: RegistryError.self) {
        try await registry.createAccount(username: "ADA.ADMIN", password: Self.password, role: .viewer, by: tester)
      }
      let backup = try await registry.export(by: tester)
      #expect(backup.accounts.first?.username == "ada.admin")
      let summary = String(decoding: try JSONEncoder().encode(try await registry.accounts(by: tester)), as: UTF8.self)
      #expect(!summary.contains("$2"), "no password hash in account summaries")
    }
  }

  @Test(
    "sign-in: success opens a session; failures lock the account, for longer each time; unknown names look the same",
    arguments: TestBackend.available)
  func signIn(_ kind: TestBackend) async throws {
    try await withClockedRegistry(kind) { registry, clock in
      let account = try await registry.createAccount(
        username: "clara", password: Self.password, role: .clinician, by: tester)
      let grant = try await registry.login(username: "Clara", password: Self.password, remote: "10.0.0.1")
      #expect(grant.account.id == account.id && !grant.token.isEmpty && grant.csrfToken != grant.token)
      #expect(try await registry.identity(sessionToken: grant.token)?.account.username == "clara")
      #expect(try await registry.identity(sessionToken: grant.token + "x") == nil)

      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: "nobody", password: Self.password, remote: nil)
      }
      for _ in 0..<4 {
        await #expect(throws: RegistryError.badCredentials) {
          try await registry.login(username: "clara", password: "wrong password!", remote: nil)
        }
      }
      // The fifth failure locks for 60 s; even the right password is refused until then.
      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: "clara", password: "wrong password!", remote: nil)
      }
      await #expect(throws: RegistryError.locked(retryAfterSeconds: 60)) {
        try await registry.login(username: "clara", password: Self.password, remote: nil)
      }
      clock.advance(seconds: 61)
      // The sixth failure locks for 120 s (doubling).
      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: "clara", password: "wrong password!", remote: nil)
      }
      await #expect(throws: RegistryError.locked(retryAfterSeconds: 120)) {
        try await registry.login(username: "clara", password: Self.password, remote: nil)
      }
      clock.advance(seconds: 121)
      let again = try await registry.login(username: "clara", password: Self.password, remote: nil)
      #expect(again.account.locked == false)

      let log = try await registry.auditLog(limit: 100, by: tester)
      #expect(log.filter { $0.action == "loginFailed" }.count == 9)
      #expect(log.filter { $0.action == "login" }.count == 2)
      #expect(!log.contains { ($0.detail ?? "").contains("wrong") }, "no password in the audit log")
    }
  }

  @Test(
    "sessions end when idle, at their absolute limit, on sign-out, and when the account is disabled",
    arguments: TestBackend.available)
  func sessions(_ kind: TestBackend) async throws {
    try await withClockedRegistry(kind) { registry, clock in
      let account = try await registry.createAccount(
        username: "vera", password: Self.password, role: .viewer, by: tester)
      let idle = try await registry.login(username: "vera", password: Self.password, remote: nil)
      clock.advance(seconds: 29 * 60)
      #expect(try await registry.identity(sessionToken: idle.token) != nil, "used within 30 minutes")
      clock.advance(seconds: 29 * 60)
      #expect(try await registry.identity(sessionToken: idle.token) != nil, "the last use restarted the idle timer")
      clock.advance(seconds: 31 * 60)
      #expect(try await registry.identity(sessionToken: idle.token) == nil, "idle for more than 30 minutes")

      let long = try await registry.login(username: "vera", password: Self.password, remote: nil)
      for _ in 0..<25 {
        clock.advance(seconds: 29 * 60)
        _ = try await registry.identity(sessionToken: long.token)
      }
      #expect(try await registry.identity(sessionToken: long.token) == nil, "past 12 hours, however active")

      let out = try await registry.login(username: "vera", password: Self.password, remote: nil)
      try await registry.logout(sessionToken: out.token, by: tester)
      #expect(try await registry.identity(sessionToken: out.token) == nil)

      let live = try await registry.login(username: "vera", password: Self.password, remote: nil)
      let disabled = try await registry.updateAccount(account.id, version: account.version, disabled: true, by: tester)
      #expect(disabled.disabled)
      #expect(try await registry.identity(sessionToken: live.token) == nil)
      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: "vera", password: Self.password, remote: nil)
      }
    }
  }

  @Test("API tokens identify their account until revoked; only a hash is stored", arguments: TestBackend.available)
  func apiTokens(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let account = try await registry.createAccount(
        username: "rita", password: Self.password, role: .registrar, by: tester)
      let (id, token) = try await registry.createAPIToken(name: "nightly export", for: account.id, by: tester)
      #expect(token.hasPrefix("leio_") && token.count > 40)
      #expect(try await registry.identity(apiToken: token)?.account.role == .registrar)
      #expect(try await registry.identity(apiToken: token)?.csrfToken == nil)
      #expect(try await registry.identity(apiToken: "leio_guess") == nil)
      try await registry.revokeAPIToken(id, by: tester)
      #expect(try await registry.identity(apiToken: token) == nil)
    }
  }
}

/// Runs `body` with a fresh registry whose clock the test moves by hand; always cleans up.
func withClockedRegistry(_ kind: TestBackend, _ body: (Registry, ManualClock) async throws -> Void) async throws {
  let clock = ManualClock()
  let (registry, database) = try await kind.makeRegistry(now: { clock.now })
  do {
    try await body(registry, clock)
    await database.cleanup()
  } catch {
    await database.cleanup()
    throw error
  }
}

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var milliseconds: Int64 = 1_795_000_000_000
  var now: Int64 { lock.withLock { milliseconds } }
  func advance(seconds: Int64) { lock.withLock { milliseconds += seconds * 1000 } }
}
