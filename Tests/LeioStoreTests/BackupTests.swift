import Foundation
import LeioCore
import LeioStore
import Testing

/// `leio backup` / `leio restore`: a registry exported and restored into either database gives the same records.
@Suite("Registry backup and restore")
struct BackupTests {
  /// A small registry with every kind of record, deleted ones and edits included.
  static func populate(_ registry: Registry) async throws {
    let first = try await registry.createPatient(
      Patient(
        identifier: "SYN-B1", name: "Fictional Ünïcødé \"Quote\" Patient", birthDate: "1961-07-04", sex: "female"),
      by: tester)
    let tumour = try await registry.createTumour(
      Tumour(
        patientID: first.id, diagnosisDate: "2025-03-02",
        facts: facts {
          $0[text: .site] = "uterus"
          $0[number: .sizeCm] = 9.25
          $0[text: .uterineExtent] = "adnexa"
          $0[text: .nodes] = "N0"
          $0[text: .metastasis] = "M0"
          $0[text: .histology] = "8890/3"
        }), by: tester)
    _ = try await registry.createTreatment(
      Treatment(
        tumourID: tumour.id, kind: "surgery", startDate: "2025-04-01", margin: "R0", notes: "line one\nline two"),
      by: tester)
    _ = try await registry.createEvent(
      FollowUpEvent(
        patientID: first.id, tumourID: tumour.id, kind: .imaging, date: "2025-07-03", imagingResult: "noEvidence"),
      by: tester)
    let second = try await registry.createPatient(Patient(identifier: "SYN-B2", name: "Deleted Fictional"), by: tester)
    _ = try await registry.deletePatient(second.id, version: 1, by: tester)
    var renamed = first
    renamed.name = "Fictional Patient, renamed"
    _ = try await registry.updatePatient(renamed, by: tester)
  }

  static func records(_ backup: RegistryBackup) throws -> Data {
    var copy = backup
    copy.exportedAt = 0
    copy.audit = []
    return try copy.encoded()
  }

  @Test(
    "export → restore into an empty registry → export: the same records, byte for byte",
    arguments: TestBackend.available.flatMap { from in TestBackend.available.map { (from, $0) } })
  func roundTrip(_ from: TestBackend, _ to: TestBackend) async throws {
    var original: RegistryBackup?
    try await withRegistry(from) { registry in
      try await Self.populate(registry)
      original = try await registry.export(by: .system("backup"))
    }
    let backup = try #require(original)
    let file = try backup.encoded()
    #expect(
      backup.patients.count == 2 && backup.tumours.count == 1 && backup.treatments.count == 1
        && backup.events.count == 1)
    #expect(backup.patients.contains { $0.deletedAt != nil }, "deleted records are in the backup")

    try await withRegistry(to) { registry in
      try await registry.restore(try RegistryBackup.decode(file), by: .system("restore"))
      let again = try await registry.export(by: .system("backup"))
      #expect(try Self.records(again) == (try Self.records(backup)), "\(from) → \(to)")
      #expect(Array(again.audit.prefix(backup.audit.count)) == backup.audit, "the audit log comes back as it was")
      #expect(again.audit.dropFirst(backup.audit.count).map(\.action) == ["import", "export"])
      // The restored registry works: the next audit row follows the restored ones, edits go on from the stored version.
      let patient = try #require(again.patients.first { $0.identifier == "SYN-B1" })
      var edit = patient
      edit.sex = "unknown"
      #expect(try await registry.updatePatient(edit, by: tester).version == patient.version + 1)
      await #expect(throws: RegistryError.self) { try await registry.restore(backup, by: .system("restore")) }
    }
  }

  @Test("a file that is not a backup is refused with a reason")
  func notABackup() throws {
    #expect(throws: RegistryError.self) { try RegistryBackup.decode(Data("{\"format\":\"something\"}".utf8)) }
    #expect(throws: RegistryError.self) { try RegistryBackup.decode(Data("not json".utf8)) }
  }
}
