import Foundation
import LeioCore
import LeioStore
import Testing

/// Issue 10's findings at the store: each test failed before its fix.
@Suite("Registry hardening (issue 10)")
struct HardeningTests {
  static let password = "correct horse battery"

  /// Expects the first lock (60 s); the real clock may have moved on a second or two on a busy machine.
  static func expectLocked(_ body: () async throws -> SessionGrant, sourceLocation: SourceLocation = #_sourceLocation)
    async
  {
    do {
      _ = try await body()
      Issue.record("signed in while locked", sourceLocation: sourceLocation)
    } catch RegistryError.locked(let seconds) {
      #expect((55...60).contains(seconds), "retry after \(seconds) s", sourceLocation: sourceLocation)
    } catch {
      Issue.record("expected a lock, got \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test(
    "finding 1: N parallel wrong sign-ins count N; only the allowance reaches the password check; a right password in the burst does not get in",
    arguments: TestBackend.available)
  func parallelGuesses(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      _ = try await registry.createAccount(username: "pat", password: Self.password, role: .viewer, by: tester)
      let outcomes = await withTaskGroup(of: String.self) { group in
        for index in 0..<40 {
          group.addTask {
            do {
              _ = try await registry.login(
                username: "pat", password: index == 30 ? Self.password : "wrong password \(index)", remote: "10.1.1.1")
              return "in"
            } catch RegistryError.badCredentials { return "401" } catch RegistryError.locked { return "429" } catch {
              return "error \(error)"
            }
          }
        }
        return await group.reduce(into: [String]()) { $0.append($1) }
      }
      #expect(
        outcomes.filter { $0 == "401" || $0 == "in" }.count == 5,
        "exactly the allowance of 5 attempts reached bcrypt: \(outcomes.sorted())")
      #expect(outcomes.filter { $0 == "429" }.count == 35)
      #expect(!outcomes.contains { $0.hasPrefix("error") })
      // Whatever the burst did, the account is now locked from that source.
      await #expect(throws: RegistryError.self) {
        try await registry.login(username: "pat", password: Self.password, remote: "10.1.1.1")
      }
      let refused = try await registry.auditLog(limit: 1000, by: tester).filter { $0.action == "loginFailed" }.count
      #expect(refused + outcomes.filter { $0 == "in" }.count == 41, "every attempt is in the audit log")
    }
  }

  @Test(
    "finding 5: the lock is per name and source; an admin lifts it; a guesser elsewhere cannot lock the user out",
    arguments: TestBackend.available)
  func lockPerSource(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      _ = try await registry.createAccount(username: "ada", password: Self.password, role: .admin, by: tester)
      for _ in 0..<5 {
        await #expect(throws: RegistryError.badCredentials) {
          try await registry.login(username: "ada", password: "guess guess guess", remote: "203.0.113.9")
        }
      }
      await Self.expectLocked {
        try await registry.login(username: "ada", password: Self.password, remote: "203.0.113.9")
      }
      #expect(try await registry.accounts(by: tester).first?.locked == true)
      // the real admin, elsewhere
      _ = try await registry.login(username: "ada", password: Self.password, remote: "10.0.0.5")
      try await registry.unlockAccount(username: "ADA", by: tester)
      #expect(try await registry.accounts(by: tester).first?.locked == false)
      _ = try await registry.login(username: "ada", password: Self.password, remote: "203.0.113.9")
      #expect(try await registry.auditLog(limit: 100, by: tester).contains { $0.action == "unlock" })
      await #expect(throws: RegistryError.notFound(entity: "account", id: "nobody")) {
        try await registry.unlockAccount(username: "nobody", by: tester)
      }
    }
  }

  @Test("finding 9: unknown names are counted and locked exactly like existing ones", arguments: TestBackend.available)
  func unknownNamesLookTheSame(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      _ = try await registry.createAccount(username: "real", password: Self.password, role: .viewer, by: tester)
      for name in ["real", "ghost"] {
        for _ in 0..<5 {
          await #expect(throws: RegistryError.badCredentials) {
            try await registry.login(username: name, password: "wrong password!", remote: "10.2.2.2")
          }
        }
        await Self.expectLocked {
          try await registry.login(username: name, password: "wrong password!", remote: "10.2.2.2")
        }
      }
    }
  }

  @Test(
    "finding 12: passwords are 12 to 72 bytes, counted in bytes; a longer one never signs in by its first 72 bytes",
    arguments: TestBackend.available)
  func passwordBytes(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let exact = String(repeating: "p", count: 72)
      _ = try await registry.createAccount(username: "long", password: exact, role: .viewer, by: tester)
      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: "long", password: exact + "anything", remote: nil)
      }
      _ = try await registry.login(username: "long", password: exact, remote: nil)
      _ = try await registry.createAccount(
        username: "accents", password: String(repeating: "é", count: 6), role: .viewer, by: tester)  // 12 bytes
      await #expect(
        throws: RegistryError.invalid(field: "password", message: "use at least 12 bytes (12 letters or digits).")
      ) {
        try await registry.createAccount(username: "short", password: "elevenbytes", role: .viewer, by: tester)
      }
      await #expect(throws: RegistryError.self) {
        try await registry.createAccount(username: "toolong", password: exact + "x", role: .viewer, by: tester)
      }
    }
  }

  @Test(
    "finding 13: a failed sign-in records a known account's id, or a short marked excerpt of an unknown name",
    arguments: TestBackend.available)
  func failedNamesInAudit(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let account = try await registry.createAccount(
        username: "vera", password: Self.password, role: .viewer, by: tester)
      let typed = "my secret password " + String(repeating: "x", count: 60_000)
      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: typed, password: "irrelevant!!", remote: nil)
      }
      await #expect(throws: RegistryError.badCredentials) {
        try await registry.login(username: "vera", password: "wrong password!", remote: nil)
      }
      let failed = try await registry.auditLog(limit: 100, by: tester).filter { $0.action == "loginFailed" }
      #expect(failed.count == 2)
      #expect(failed.allSatisfy { $0.username.count < 80 })
      #expect(failed.contains { $0.username.hasPrefix("unknown:") && $0.accountID == nil })
      #expect(failed.contains { $0.username == "vera" && $0.accountID == account.id })
    }
  }

  @Test(
    "finding 2: a clinical export holds no accounts, hashes or audit log; a full one holds them",
    arguments: TestBackend.available)
  func exportScopes(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      try await BackupTests.populate(registry)
      _ = try await registry.createAccount(username: "admin.one", password: Self.password, role: .admin, by: tester)
      let clinical = try await registry.export(scope: .clinical, by: tester)
      let text = String(decoding: try clinical.encoded(), as: UTF8.self)
      #expect(
        clinical.accounts.isEmpty && clinical.audit.isEmpty && clinical.scope == .clinical
          && clinical.patients.count == 2)
      #expect(!text.contains("$2b$") && !text.contains("passwordHash"))
      let full = try await registry.export(scope: .full, by: tester)
      #expect(full.accounts.count == 1 && !full.audit.isEmpty)
      #expect(
        try await registry.auditLog(limit: 10, by: tester).contains {
          $0.action == "export" && $0.detail == "scope clinical"
        })
    }
  }

  @Test(
    "finding 10: nothing under a deleted patient changes until the patient is restored",
    arguments: TestBackend.available)
  func deletedPatientIsFrozen(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(Patient(identifier: "SYN-D1", name: "Fictional"), by: tester)
      let tumour = try await registry.createTumour(
        Tumour(
          patientID: patient.id,
          facts: facts {
            $0[text: .site] = "extremity"
            $0[number: .sizeCm] = 3
          }), by: tester)
      let treatment = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2025-01-02", margin: "R0"), by: tester)
      let event = try await registry.createEvent(
        FollowUpEvent(patientID: patient.id, kind: .visit, date: "2025-03-01"), by: tester)
      let deleted = try await registry.deletePatient(patient.id, version: patient.version, by: tester)
      let frozen = RegistryError.patientDeleted(id: patient.id)
      await #expect(throws: frozen) {
        try await registry.createTreatment(
          Treatment(tumourID: tumour.id, kind: "radiation", startDate: "2025-02-01"), by: tester)
      }
      await #expect(throws: frozen) { try await registry.updateTreatment(treatment, by: tester) }
      await #expect(throws: frozen) {
        try await registry.deleteTreatment(treatment.id, version: treatment.version, by: tester)
      }
      await #expect(throws: frozen) { try await registry.updateTumour(tumour, by: tester) }
      await #expect(throws: frozen) { try await registry.deleteTumour(tumour.id, version: tumour.version, by: tester) }
      await #expect(throws: frozen) { try await registry.deleteEvent(event.id, version: event.version, by: tester) }
      await #expect(throws: RegistryError.self) {
        try await registry.createEvent(
          FollowUpEvent(patientID: patient.id, kind: .visit, date: "2025-04-01"), by: tester)
      }
      _ = try await registry.restorePatient(patient.id, version: deleted.version, by: tester)
      _ = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "radiation", startDate: "2025-02-01"), by: tester)
    }
  }

  @Test("identifiers are unique whatever their case", arguments: TestBackend.available)
  func identifiersIgnoreCase(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      _ = try await registry.createPatient(Patient(identifier: "SYN-C1", name: "Fictional"), by: tester)
      await #expect(throws: RegistryError.self) {
        try await registry.createPatient(Patient(identifier: "syn-c1", name: "Other"), by: tester)
      }
    }
  }

  @Test(
    "finding 8: restore checks every record as the API does and restages; it names each refused record and field",
    arguments: TestBackend.available)
  func restoreTrustsNothing(_ kind: TestBackend) async throws {
    var source: RegistryBackup?
    try await withRegistry(kind) { registry in
      try await BackupTests.populate(registry)
      source = try await registry.export(by: tester)
    }
    let backup = try #require(source)
    let tampered: [(String, (inout RegistryBackup) -> Void, String)] = [
      ("invalid date", { $0.patients[0].birthDate = "1961-02-30" }, "birthDate"),
      ("blank identifier", { $0.patients[0].identifier = "  " }, "identifier"),
      ("control character", { $0.patients[0].name = "Evil\u{7}Name" }, "name"),
      ("contradicting stage", { $0.tumours[0].stageGroup = .ia }, "stageGroup"),
      ("invalid code", { $0.treatments[0].margin = "R9" }, "margin"),
      ("unknown patient", { $0.events[0].patientID = "nobody" }, "patientID"),
      (
        "case-duplicate identifier", { $0.patients[1].identifier = $0.patients[0].identifier.lowercased() },
        "identifier"
      ),
    ]
    for (label, change, field) in tampered {
      var copy = backup
      change(&copy)
      try await withRegistry(kind) { registry in
        do {
          try await registry.restore(copy, by: tester)
          Issue.record("\(label): restored")
        } catch RegistryError.invalidBackup(let reason) {
          #expect(reason.contains(": \(field):"), "\(label): \(reason)")
        }
        #expect(try await registry.counts()["patient"] == 0, "\(label): nothing was written")
      }
    }
    // A stage derived by older rules is derived again by the current ones.
    var older = backup
    older.tumours[0].rulesVersion = "leio-rules-2000.1.1"
    older.tumours[0].stageGroup = .ia
    try await withRegistry(kind) { registry in
      try await registry.restore(older, by: tester)
      #expect(try await registry.export(by: tester).tumours[0].stageGroup == backup.tumours[0].stageGroup)
      #expect(try await registry.check() == [])
    }
  }

  @Test(
    "finding 8: store check derives every derived field again and names each difference",
    arguments: TestBackend.available)
  func checkRecomputes(_ kind: TestBackend) async throws {
    let (registry, database) = try await kind.makeRegistry()
    do {
      try await BackupTests.populate(registry)
      #expect(try await registry.check() == [])
      _ = try await database.backend.write { db in
        try await db.query("UPDATE tumour SET stage_group = 'IA', next_due_date = '2099-01-01'", [])
      }
      let problems = try await registry.check()
      #expect(problems.count == 1)
      #expect(
        problems.first?.contains("stageGroup, nextDueDate") == true && problems.first?.contains("stored 'IA'") == true,
        "\(problems)")
    } catch {
      Issue.record(error)
    }
    await database.cleanup()
  }
}
