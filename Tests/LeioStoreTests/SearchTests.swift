import Foundation
import LeioCore
import Testing

@testable import LeioStore

/// Patient search through the trigram index (issue 17): the same answers as reading every patient, kept in step
/// with every insert, rename, delete and restore, whatever the text holds.
@Suite("Patient search by trigrams")
struct SearchTests {
  static func identifiers(_ registry: Registry, _ text: String, deleted: Bool = false) async throws -> [String] {
    try await registry.patients(PatientQuery(text: text, includeDeleted: deleted), by: tester).map(\.patient.identifier)
      .sorted()
  }

  @Test("search finds what a full read finds, through renames, deletes and a restore", arguments: TestBackend.available)
  func searchStaysInStep(kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let smith = try await registry.createPatient(
        Patient(identifier: "SRCH-001", name: "Anna \"Q\" Smith (fictional)"), by: tester)
      _ = try await registry.createPatient(Patient(identifier: "SRCH-002", name: "Bob Jones (fictional)"), by: tester)
      let third = try await registry.createPatient(
        Patient(identifier: "SRCH-50%_x", name: "Carla Jonsson (fictional)"), by: tester)
      for index in 0..<200 {
        _ = try await registry.createPatient(
          Patient(identifier: "FILL-\(index)", name: "Filler (fictional)"), by: tester)
      }
      #expect(try await Self.identifiers(registry, "smith") == ["SRCH-001"])
      #expect(try await Self.identifiers(registry, "SRCH-00") == ["SRCH-001", "SRCH-002"])
      #expect(try await Self.identifiers(registry, "\"q\" smi") == ["SRCH-001"], "a quote inside the text")
      #expect(try await Self.identifiers(registry, "50%_") == ["SRCH-50%_x"], "LIKE's wildcards are literal")
      #expect(try await Self.identifiers(registry, "jo") == ["SRCH-002", "SRCH-50%_x"], "two letters: no trigram")
      #expect(try await Self.identifiers(registry, "nobody here").isEmpty)
      // Renamed: found by the new name only.
      var renamed = smith
      renamed.name = "Anna Brown (fictional)"
      _ = try await registry.updatePatient(renamed, by: tester)
      #expect(try await Self.identifiers(registry, "smith").isEmpty)
      #expect(try await Self.identifiers(registry, "brown") == ["SRCH-001"])
      // Deleted: only with includeDeleted; restored: found again.
      let deleted = try await registry.deletePatient(third.id, version: third.version, by: tester)
      #expect(try await Self.identifiers(registry, "jonsson").isEmpty)
      #expect(try await Self.identifiers(registry, "jonsson", deleted: true) == ["SRCH-50%_x"])
      _ = try await registry.restorePatient(third.id, version: deleted.version, by: tester)
      #expect(try await Self.identifiers(registry, "jonsson") == ["SRCH-50%_x"])
      // A backup restored into an empty registry is searchable at once.
      let backup = try await registry.export(by: .system("test"))
      try await withRegistry(kind) { copy in
        try await copy.restore(backup, by: .system("test"))
        #expect(try await Self.identifiers(copy, "brown") == ["SRCH-001"])
        #expect(try await Self.identifiers(copy, "fill").count == 100, "the list's default limit")
      }
      if kind == .sqlite {
        // The index holds one row per patient, and its rows are the patients' current names.
        let rows = try await registry.backend.read { db in
          try await db.query("SELECT count(*) AS n FROM patient_search WHERE name LIKE '%Smith%'", [])
        }
        #expect(try rows.first?.integer("n") == 0)
        #expect(try await registry.check().isEmpty)
        _ = try await registry.backend.write { db in
          try await db.query("DELETE FROM patient_search WHERE id = $1", [.text(smith.id)])
        }
        #expect(try await registry.check() == ["patient search index out of step with the patients: 1"])
      }
    }
  }
}
