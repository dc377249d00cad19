import Foundation
import LeioCore
import LeioStore
import Testing

/// The databases the store suite runs on: SQLite always; PostgreSQL when `LEIO_TEST_POSTGRES_URL` is set
/// (`.ci/run` installs and starts PostgreSQL and sets it, so CI runs every store test on both).
enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case sqlite, postgres

  static let postgresURL = ProcessInfo.processInfo.environment["LEIO_TEST_POSTGRES_URL"]
  /// The test database with a pool of 4 connections per backend: the suites run in parallel, and PostgreSQL's
  /// default 100 connections must hold them all.
  static let pooledURL = postgresURL.map { $0 + ($0.contains("?") ? "&" : "?") + "pool=4" }
  static var available: [TestBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
  var testDescription: String { rawValue }

  /// A new, empty database of this kind (its own file, or its own PostgreSQL schema), opened raw.
  func makeBackend(commitMode: CommitMode = .grouped) async throws -> TestDatabase {
    switch self {
    case .sqlite:
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-store-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let backend = try await SQLiteBackend.open(
        path: directory.appendingPathComponent("registry.sqlite").path, commitMode: commitMode)
      return TestDatabase(backend: backend) {
        try? await backend.close()
        try? FileManager.default.removeItem(at: directory)
      }
    case .postgres:
      guard let url = Self.pooledURL else {
        throw RegistryError.unavailable(location: "LEIO_TEST_POSTGRES_URL", reason: "not set")
      }
      let schema = "leio_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
      let admin = try await PostgresBackend.connect(url: url)
      _ = try await admin.write { try await $0.query("CREATE SCHEMA \(schema)", []) }
      let backend = try await PostgresBackend.connect(url: url, searchPath: schema, commitMode: commitMode)
      return TestDatabase(backend: backend) {
        try? await backend.close()
        _ = try? await admin.write { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
        try? await admin.close()
      }
    }
  }

  /// A new registry (migrated) on a new database.
  func makeRegistry(now: (@Sendable () -> Int64)? = nil, commitMode: CommitMode = .grouped) async throws -> (
    Registry, TestDatabase
  ) {
    let database = try await makeBackend(commitMode: commitMode)
    do {
      // the lowest bcrypt cost: the tests check the rules, not the hash's strength
      let fast = SecurityPolicy(bcryptCost: 4)
      let registry =
        if let now { try await Registry(backend: database.backend, security: fast, now: now) } else {
          try await Registry(backend: database.backend, security: fast)
        }
      return (registry, database)
    } catch {
      await database.cleanup()
      throw error
    }
  }
}

struct TestDatabase: Sendable {
  let backend: any SQLBackend
  let cleanup: @Sendable () async -> Void
}

/// Runs `body` with a fresh registry and always cleans up.
func withRegistry(
  _ kind: TestBackend, commitMode: CommitMode = .grouped, _ body: (Registry) async throws -> Void
) async throws {
  let (registry, database) = try await kind.makeRegistry(commitMode: commitMode)
  do {
    try await body(registry)
    await database.cleanup()
  } catch {
    await database.cleanup()
    throw error
  }
}

let tester = AuditContext(accountID: "acct-test", username: "tester", remote: "127.0.0.1")

/// A case document built field by field.
func facts(_ fill: (inout CaseInput) -> Void) -> CaseInput {
  var input = CaseInput()
  fill(&input)
  return input
}

/// 7.5 cm, deep, G3, N0 M0 extremity LMS: AJCC 8 stage IIIA, summary stage localized, follow-up risk group RG-HI.
let extremityG3 = facts {
  $0[text: .site] = "extremity"
  $0[number: .sizeCm] = 7.5
  $0[text: .depth] = "deep"
  $0[text: .grade] = "G3"
  $0[text: .nodes] = "N0"
  $0[text: .metastasis] = "M0"
}

@Suite("Store test backends")
struct TestBackendTests {
  @Test("CI runs the store tests on PostgreSQL as well as SQLite")
  func postgresInCI() {
    #expect(
      ProcessInfo.processInfo.environment["CI"] == nil || TestBackend.available.contains(.postgres),
      "CI must set LEIO_TEST_POSTGRES_URL (.ci/run starts PostgreSQL)")
  }
}
