import Foundation
import LeioCore
import Testing

@testable import LeioStore

/// Several servers on one database (issue 17 §2): they start at once, and what one does the others see.
@Suite("Several registries on one database")
struct ScaleOutTests {
  /// `count` backends opened at once on one new database (one SQLite file, or one PostgreSQL schema).
  static func openTogether(_ kind: TestBackend, count: Int) async throws -> (
    backends: [any SQLBackend], cleanup: @Sendable () async -> Void
  ) {
    switch kind {
    case .sqlite:
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-scale-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let path = directory.appendingPathComponent("registry.sqlite").path
      let backends = try await withThrowingTaskGroup(of: (any SQLBackend).self) { group in
        for _ in 0..<count { group.addTask { try await SQLiteBackend.open(path: path) } }
        return try await group.reduce(into: [any SQLBackend]()) { $0.append($1) }
      }
      return (
        backends,
        {
          for backend in backends { try? await backend.close() }
          try? FileManager.default.removeItem(at: directory)
        }
      )
    case .postgres:
      let url = try #require(TestBackend.pooledURL)
      let schema = "leio_scale_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
      let admin = try await PostgresBackend.connect(url: url)
      _ = try await admin.write { try await $0.query("CREATE SCHEMA \(schema)", []) }
      let backends = try await withThrowingTaskGroup(of: (any SQLBackend).self) { group in
        for _ in 0..<count { group.addTask { try await PostgresBackend.connect(url: url, searchPath: schema) } }
        return try await group.reduce(into: [any SQLBackend]()) { $0.append($1) }
      }
      return (
        backends,
        {
          for backend in backends { try? await backend.close() }
          _ = try? await admin.write { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
          try? await admin.close()
        }
      )
    }
  }

  /// PostgreSQL only: in one process the SQLite backends share one thread pool, which a connection that waits for
  /// the file's lock occupies (separate processes do not), so `scripts/scale-out-test.py` starts several real
  /// servers on one SQLite file instead.
  @Test(
    "servers starting at once on a new database: one applies each step, the others wait and go on",
    .enabled(if: TestBackend.postgresURL != nil))
  func concurrentMigrations() async throws {
    let kind = TestBackend.postgres
    let (backends, cleanup) = try await Self.openTogether(kind, count: 6)
    do {
      let fast = SecurityPolicy(bcryptCost: 4)
      let registries = try await withThrowingTaskGroup(of: Registry.self) { group in
        for backend in backends { group.addTask { try await Registry(backend: backend, security: fast) } }
        return try await group.reduce(into: [Registry]()) { $0.append($1) }
      }
      #expect(registries.count == 6)
      for registry in registries {
        #expect(try await registry.appliedMigrations() == Registry.schemaSteps, "each step applied exactly once")
      }
      await cleanup()
    } catch {
      await cleanup()
      throw error
    }
  }

  @Test(
    "two registries on one database share sessions, lock-outs, versions and the audit log",
    arguments: TestBackend.available)
  func sharedState(kind: TestBackend) async throws {
    let (backends, cleanup) = try await Self.openTogether(kind, count: 2)
    do {
      let policy = SecurityPolicy(bcryptCost: 4)
      let first = try await Registry(backend: backends[0], security: policy)
      let second = try await Registry(backend: backends[1], security: policy)
      _ = try await first.createAccount(
        username: "shared.registrar", password: "a long enough password", role: .registrar, by: .system("test"))
      // Signed in on one, known on the other; signed out on the other, unknown on both.
      let grant = try await first.login(
        username: "shared.registrar", password: "a long enough password", remote: "10.0.0.1")
      #expect(try await second.identity(sessionToken: grant.token)?.csrfToken == grant.csrfToken)
      try await second.logout(sessionToken: grant.token, by: .system("test"))
      #expect(try await first.identity(sessionToken: grant.token) == nil)
      // Failures counted on one lock the name out on the other.
      for _ in 0..<policy.failuresBeforeLock {
        await #expect(throws: RegistryError.self) {
          _ = try await first.login(username: "shared.registrar", password: "wrong password here", remote: "10.0.0.2")
        }
      }
      do {
        _ = try await second.login(username: "shared.registrar", password: "a long enough password", remote: "10.0.0.2")
        Issue.record("the lock-out on the first registry did not hold on the second")
      } catch RegistryError.locked {}
      // One version, two editors on two servers: one wins, the other gets a conflict.
      let patient = try await first.createPatient(
        Patient(identifier: "SHARED-1", name: "Shared (fictional)"), by: tester)
      var edit = patient
      edit.name = "Edited on the second (fictional)"
      _ = try await second.updatePatient(edit, by: tester)
      edit.name = "Edited on the first (fictional)"
      await #expect(throws: RegistryError.self) { _ = try await first.updatePatient(edit, by: tester) }
      // Both write one audit log, in one sequence.
      let log = try await second.auditLog(limit: 1000, by: .system("test"))
      #expect(log.contains { $0.action == "create" && $0.entityID == patient.id })
      #expect(log.contains { $0.action == "logout" })
      #expect(Set(log.map(\.seq)).count == log.count)
      await cleanup()
    } catch {
      await cleanup()
      throw error
    }
  }
}
