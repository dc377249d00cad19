import Foundation
import LeioCore
import LeioStore
import Testing

/// Integrity: concurrent writers, the append-only audit log, migrations from every earlier schema, backups.
@Suite("Registry integrity")
struct IntegrityTests {
  @Test(
    "two people saving the same version: one wins, the other gets a conflict, nothing is lost",
    arguments: TestBackend.available)
  func concurrentWriters(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      for round in 0..<10 {
        let patient = try await registry.createPatient(
          Patient(identifier: "SYN-C\(round)", name: "Fictional"), by: tester)
        let outcomes = await withTaskGroup(of: Result<Patient, any Error>.self) { group in
          for writer in 0..<2 {
            group.addTask {
              var edit = patient
              edit.name = "Edited by writer \(writer)"
              do { return .success(try await registry.updatePatient(edit, by: tester)) } catch {
                return .failure(error)
              }
            }
          }
          var all: [Result<Patient, any Error>] = []
          for await outcome in group { all.append(outcome) }
          return all
        }
        let saved = outcomes.compactMap { try? $0.get() }
        #expect(saved.count == 1, "round \(round): exactly one write wins")
        let conflicts = outcomes.compactMap { outcome -> RegistryError? in
          if case .failure(let error) = outcome { return error as? RegistryError }
          return nil
        }
        #expect(conflicts == [.conflict(entity: "patient", id: patient.id, expected: 1, current: 2)], "round \(round)")
        #expect(
          try await registry.patient(patient.id, by: tester).name == saved.first?.name, "the winner's change is stored")
      }
    }
  }

  @Test("many concurrent creations all land, each with its audit row", arguments: TestBackend.available)
  func concurrentCreations(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<40 {
          group.addTask {
            _ = try await registry.createPatient(
              Patient(identifier: "SYN-P\(index)", name: "Fictional \(index)"), by: tester)
          }
        }
        try await group.waitForAll()
      }
      #expect(try await registry.patients(PatientQuery(limit: 1000), by: tester).count == 40)
      let creations = try await registry.auditLog(limit: 1000, by: tester).filter { $0.action == "create" }
      #expect(creations.count == 40)
    }
  }

  @Test(
    "every read and change is in the audit log, with who, what, when and from where", arguments: TestBackend.available)
  func auditTrail(_ kind: TestBackend) async throws {
    let clock = TestClock()
    let (registry, database) = try await kind.makeRegistry(now: { clock.tick() })
    do {
      try await Self.auditTrail(registry, database)
      await database.cleanup()
    } catch {
      await database.cleanup()
      throw error
    }
  }

  static func auditTrail(_ registry: Registry, _ database: TestDatabase) async throws {
    let patient = try await registry.createPatient(Patient(identifier: "SYN-A1", name: "Fictional"), by: tester)
    _ = try await registry.patient(patient.id, by: tester)
    var edit = patient
    edit.sex = "unknown"
    _ = try await registry.updatePatient(edit, by: tester)
    _ = try await registry.deletePatient(patient.id, version: 2, by: tester)
    _ = try await registry.restorePatient(patient.id, version: 3, by: tester)
    _ = try await registry.patients(PatientQuery(text: "fict"), by: tester)
    let log = try await registry.auditLog(by: tester).reversed()
    #expect(log.map(\.action) == ["create", "read", "update", "delete", "restore", "list"])
    #expect(log.allSatisfy { $0.username == "tester" && $0.accountID == "acct-test" && $0.remote == "127.0.0.1" })
    #expect(log.prefix(5).allSatisfy { $0.entity == "patient" && $0.entityID == patient.id })
    #expect(zip(log, log.dropFirst()).allSatisfy { $0.seq < $1.seq && $0.at < $1.at })
    #expect(log.last?.detail == "1 rows; filters: text", "a listing records the filter kinds, not the search words")
    #expect(!log.contains { ($0.detail ?? "").contains("Fictional") }, "no patient data in the log")

    // Append-only: the database itself refuses to change or remove a row.
    await #expect(throws: (any Error).self) {
      try await database.backend.write { try await $0.query("UPDATE audit_event SET username = 'someone else'", []) }
    }
    await #expect(throws: (any Error).self) {
      try await database.backend.write { try await $0.query("DELETE FROM audit_event", []) }
    }
    #expect(try await registry.auditLog(limit: 1000, by: tester).count == 7)
  }

  @Test(
    "identifiers that differ only in case stop the migration with a message naming the step; nothing is lost",
    arguments: TestBackend.available)
  func caseDuplicateIdentifiers(_ kind: TestBackend) async throws {
    let database = try await kind.makeBackend()
    do {
      try await Registry.migrate(database.backend, steps: 3)
      _ = try await database.backend.write { db in
        try await db.query(
          "INSERT INTO patient (id, version, created_at, updated_at, identifier, name) VALUES ('p-1', 1, 1, 1, 'SYN-1', 'A'), ('p-2', 1, 1, 1, 'syn-1', 'B')",
          [])
      }
      do {
        _ = try await Registry(backend: database.backend)
        Issue.record("migrated")
      } catch RegistryError.migrationFailed(let step, let reason) {
        #expect(step == Registry.schemaSteps[3] && reason.contains("differ only in case"))
      }
      let rows = try await database.backend.read { db in try await db.query("SELECT id FROM patient", []).count }
      #expect(rows == 2, "both patients are still there")
      await database.cleanup()
    } catch {
      await database.cleanup()
      throw error
    }
  }

  @Test("migrating from every earlier schema keeps the data", arguments: TestBackend.available)
  func migrationsFromEveryStep(_ kind: TestBackend) async throws {
    let steps = Registry.schemaSteps
    #expect(steps.count >= 2)
    for start in 0..<steps.count {
      let database = try await kind.makeBackend()
      do {
        let applied = try await Registry.migrate(database.backend, steps: start)
        #expect(applied == Array(steps.prefix(start)))
        if start >= 1 {  // the patient table exists: a row written as an older Leio would have written it
          _ = try await database.backend.write { db in
            try await db.query(
              "INSERT INTO patient (id, version, created_at, updated_at, identifier, name) VALUES ('p-old', 1, 1, 1, 'SYN-OLD', 'Fictional')",
              [])
          }
        }
        let registry = try await Registry(backend: database.backend)
        #expect(try await registry.appliedMigrations() == steps, "from step \(start)")
        if start >= 1 { #expect(try await registry.patient("p-old", by: tester).identifier == "SYN-OLD") }
        #expect(try await Registry.migrate(database.backend).isEmpty, "migrating again does nothing")
        await database.cleanup()
      } catch {
        await database.cleanup()
        throw error
      }
    }
  }

  @Test(
    "the integrity check passes on a sound registry and names what is wrong otherwise", arguments: TestBackend.available
  )
  func integrityCheck(_ kind: TestBackend) async throws {
    let (registry, database) = try await kind.makeRegistry()
    do {
      try await BackupTests.populate(registry)
      #expect(try await registry.check() == [])
      let backup = try await registry.export(by: tester)
      let other = try await registry.createPatient(Patient(identifier: "SYN-I2", name: "Other"), by: tester)
      let tumour = try #require(backup.tumours.first)
      // An event on another patient's tumour can only get in by going around the registry.
      _ = try await database.backend.write { db in
        try await db.query(
          "INSERT INTO follow_up_event (id, version, created_at, updated_at, patient_id, tumour_id, kind, event_date) VALUES ('e-bad', 1, 1, 1, $1, $2, 'visit', '2026-01-01')",
          [.text(other.id), .text(tumour.id)])
      }
      let problems = try await registry.check()
      #expect(problems.contains("event on another patient's tumour: 1"))
      #expect(
        problems.contains { $0.hasPrefix("event e-bad: tumourID:") },
        "the record-level check names the record and the field")
    } catch {
      Issue.record(error)
    }
    await database.cleanup()
  }

  @Test("a database migrated by a newer Leio is refused, not damaged", arguments: TestBackend.available)
  func newerSchema(_ kind: TestBackend) async throws {
    let database = try await kind.makeBackend()
    do {
      _ = try await Registry(backend: database.backend)
      _ = try await database.backend.write {
        try await $0.query("INSERT INTO schema_migration (id, applied_at) VALUES ('2099-01-01 future', 1)", [])
      }
      await #expect(throws: RegistryError.schemaTooNew(found: "2099-01-01 future")) {
        _ = try await Registry(backend: database.backend)
      }
    } catch {
      Issue.record(error)
    }
    await database.cleanup()
  }
}

/// A clock that moves 1 ms per reading, so audit times are strictly increasing.
final class TestClock: Sendable {
  private let start = Int64(1_795_000_000_000)
  private let counter = Counter()
  func tick() -> Int64 { start + counter.next() }
}

final class Counter: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var value: Int64 = 0
  func next() -> Int64 {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
