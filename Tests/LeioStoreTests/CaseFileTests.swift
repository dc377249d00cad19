import Foundation
import LeioCore
import Testing

@testable import LeioStore

/// The case file on PostgreSQL is one statement; it must read exactly what the four reads read, refuse the same
/// patients, and still write its audit row before it answers.
@Suite("Case file in one statement, prepared statements")
struct CaseFileTests {
  @Test("every demo patient's file is the same read in one statement and in four")
  func sameFile() async throws {
    guard TestBackend.available.contains(.postgres) else { return }
    try await withRegistry(.postgres) { registry in
      _ = try await DemoRegistry.seed(
        registry, patients: 48, today: try CalendarDate(parsing: "2026-06-01", field: "d"))
      let listings = try await registry.patients(PatientQuery(includeDeleted: true, limit: 1000), by: tester)
      var compared = 0
      for listing in listings where listing.patient.deletedAt == nil {
        let id = listing.patient.id
        let steps = try await registry.backend.read { db in try await registry.fileBySteps(id, db) }
        let one = try await registry.fileInOneStatement(id)
        #expect(one == steps, "\(listing.patient.identifier)")
        compared += 1
      }
      #expect(compared >= 40)
    }
  }

  @Test("unknown and deleted patients are not found; the read is audited", arguments: TestBackend.available)
  func refusals(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(Patient(identifier: "CF-1", name: "Case File"), by: tester)
      _ = try await registry.file(patient.id, by: tester)
      let audit = try await registry.auditLog(limit: 10, by: tester)
      #expect(audit.contains { $0.action == "read" && $0.entityID == patient.id && $0.detail == "case file" })
      await #expect(throws: RegistryError.self) { try await registry.file("no-such-id", by: tester) }
      _ = try await registry.deletePatient(patient.id, version: patient.version, by: tester)
      await #expect(throws: RegistryError.self) { try await registry.file(patient.id, by: tester) }
    }
  }

  @Test("the prepared statements answer as the same statements unprepared; other statements are not prepared")
  func prepared() async throws {
    guard TestBackend.available.contains(.postgres) else { return }
    try await withRegistry(.postgres) { registry in
      let backend = try #require(registry.backend as? PostgresBackend)
      let account = try await registry.createAccount(
        username: "prepared.user", password: "correct horse battery", role: .viewer, by: tester)
      let (_, token) = try await registry.createAPIToken(name: "t", for: account.id, by: tester)
      let patient = try await registry.createPatient(Patient(identifier: "CF-2", name: "Prepared"), by: tester)
      for (sql, bind) in [(Registry.tokenAccount, Registry.digest(token)), (Registry.filePostgres, patient.id)] {
        // Several times: PostgreSQL switches a prepared statement to a generic plan after five runs.
        for _ in 0..<7 {
          let prepared = try #require(try await backend.preparedRead(sql, [.text(bind)]))
          let plain = try await backend.withoutTransaction { db in try await db.query(sql, [.text(bind)]) }
          #expect(prepared.count == 1 && prepared.map(\.values) == plain.map(\.values))
        }
      }
      #expect(try await backend.preparedRead("SELECT 1", []) == nil)
      #expect(try await registry.identity(apiToken: token)?.account.username == "prepared.user")
    }
  }

  @Test("JSON rows: text, whole numbers (beyond 2^53 too), reals and nulls; anything else is corrupt")
  func jsonRows() throws {
    let rows = try Registry.jsonRows(
      #"[{"id":"a","n":9223372036854775807,"x":2.5,"z":null,"w":-3}]"#, column: "c")
    #expect(rows.count == 1)
    #expect(try rows[0].text("id") == "a" && rows[0].integer("n") == .max && rows[0].integer("w") == -3)
    #expect(try rows[0].optionalReal("x") == 2.5 && rows[0].optionalText("z") == nil)
    for bad in [#"{"id":"a"}"#, #"[{"id":[1]}]"#, "not json", #"[1]"#] {
      #expect(throws: RegistryError.self, "\(bad)") { try Registry.jsonRows(bad, column: "c") }
    }
    #expect(try Registry.jsonRows("[]", column: "c").isEmpty)
  }
}
