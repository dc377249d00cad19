import Foundation
import LeioCore
import LeioNAACCR
import LeioServer
import LeioStore
import Testing

/// Issue 14 part 3: the registry speaks NAACCR. `leio import naaccr` is idempotent, updates by patientIdNumber +
/// tumorRecordNumber, imports nothing from a file with a bad record; `leio export naaccr` reads back to the same
/// records. On SQLite and PostgreSQL.
@Suite("NAACCR import and export")
struct NAACCRImportTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/naaccr").standardized.path

  static func temporary(_ text: String, name: String = "file.xml") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-import-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func importing(_ path: String, _ registry: Registry, dryRun: Bool = false) async throws -> ImportReport {
    try await NAACCRExchange.importFile(path: path, into: registry, dryRun: dryRun, by: tester).report
  }

  @Test("the same file twice changes nothing; a dry run writes nothing", arguments: TestBackend.available)
  func idempotent(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let path = Self.fixtures + "/incidence-230.xml"
      let dry = try await Self.importing(path, registry, dryRun: true)
      #expect(dry.dryRun && dry.patientsCreated == 2 && dry.tumoursCreated == 3)
      #expect(try await registry.counts()["patient"] == 0)
      let first = try await Self.importing(path, registry)
      #expect(first.patientsCreated == 2 && first.tumoursCreated == 3 && first.eventsCreated == 2)
      let before = try await registry.export(scope: .clinical, by: tester)
      let second = try await Self.importing(Self.fixtures + "/incidence-230.xml.gz", registry)
      #expect(second.patientsUnchanged == 2 && second.tumoursUnchanged == 3 && second.eventsCreated == 0)
      #expect(second.patientsCreated + second.patientsUpdated + second.tumoursCreated + second.tumoursUpdated == 0)
      var after = try await registry.export(scope: .clinical, by: tester)
      after.exportedAt = before.exportedAt
      #expect(try after.encoded() == (try before.encoded()))
      // The stored tumours are staged on write, with the NAACCR key.
      let trunk = try #require(before.tumours.first { $0.facts[text: .primarySite] == "C492" })
      #expect(trunk.recordNumber == "01" && trunk.stageGroup == .iiia && trunk.diagnosisDate == "2022-03-15")
      let patient = try #require(before.patients.first { $0.identifier == "00000101" })
      #expect(
        patient.name == "ALPHA & OMEGA TESTPATIENT" && patient.birthDate == "1960-02-14" && patient.sex == "female")
      #expect(before.events.contains { $0.kind == .death && $0.date == "2024-01-02" })
    }
  }

  @Test(
    "a newer file updates the same patient and tumour (a new version) and adds the new contact",
    arguments: TestBackend.available)
  func newerFile(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      _ = try await Self.importing(Self.fixtures + "/incidence-230.xml", registry)
      let original = try String(contentsOfFile: Self.fixtures + "/incidence-230.xml", encoding: .utf8)
      let newer = original.replacingOccurrences(
        of: "<Item naaccrId=\"tumorSizeSummary\">075</Item>", with: "<Item naaccrId=\"tumorSizeSummary\">120</Item>"
      ).replacingOccurrences(of: "20250610", with: "20260115").replacingOccurrences(
        of: "TESTPATIENT", with: "TESTPATIENT-RENAMED")
      let report = try await Self.importing(try Self.temporary(newer), registry)
      #expect(report.patientsUpdated == 1 && report.patientsUnchanged == 1)
      #expect(report.tumoursUpdated == 1 && report.tumoursUnchanged == 2 && report.tumoursCreated == 0)
      #expect(report.eventsCreated == 1)
      let records = try await registry.export(scope: .clinical, by: tester)
      let trunk = try #require(records.tumours.first { $0.facts[text: .primarySite] == "C492" })
      #expect(trunk.version == 2 && trunk.stageGroup == .iiib && trunk.facts[text: .tumorSizeSummary] == "120")
      #expect(records.patients.count == 2 && records.tumours.count == 3)
    }
  }

  @Test("a file with any bad record imports nothing and lists every bad record", arguments: TestBackend.available)
  func badRecords(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let original = try String(contentsOfFile: Self.fixtures + "/incidence-230.xml", encoding: .utf8)
      let bad = original.replacingOccurrences(
        of: "<Item naaccrId=\"eodPrimaryTumor\">550</Item>", with: "<Item naaccrId=\"eodPrimaryTumor\">123</Item>"
      ).replacingOccurrences(
        of: "<Item naaccrId=\"tumorSizeSummary\">060</Item>", with: "<Item naaccrId=\"tumorSizeSummary\">993</Item>")
      do {
        _ = try await Self.importing(try Self.temporary(bad), registry)
        Issue.record("imported")
      } catch RegistryError.invalidImport(let problems) {
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("eodPrimaryTumor") && $0.contains("00000102") })
        #expect(problems.contains { $0.contains("tumorSizeSummary") && $0.hasPrefix("line ") })
      }
      let counts = try await registry.counts()
      #expect(counts["patient"] == 0 && counts["tumour"] == 0 && counts["follow_up_event"] == 0)
    }
  }

  @Test(
    "export → import: the same patients, tumours and vital status; into the same registry, nothing new",
    arguments: TestBackend.available)
  func roundTrip(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      try await BackupTests.populate(registry)
      let patient = try #require(
        try await registry.export(scope: .clinical, by: tester).patients.first { $0.deletedAt == nil })
      _ = try await registry.createEvent(
        FollowUpEvent(patientID: patient.id, kind: .lastContact, date: "2026-01-05"), by: tester)
      _ = try await Self.importing(Self.fixtures + "/incidence-250.xml", registry)
      let original = try await registry.export(scope: .clinical, by: tester)
      let path = try Self.temporary("", name: "export.xml.gz")
      let output = try AtomicOutput(path: path)
      let written = try NAACCRExchange.export(original, to: output)
      try output.commit()
      #expect(written.patients == 3 && written.tumours == 4)

      try await withRegistry(kind) { fresh in
        let report = try await Self.importing(path, fresh)
        #expect(report.patientsCreated == 3 && report.tumoursCreated == 4)
        let copy = try await fresh.export(scope: .clinical, by: tester)
        func patients(_ backup: RegistryBackup) -> [String] {
          backup.patients.filter { $0.deletedAt == nil }.map {
            "\($0.identifier)|\($0.name)|\($0.birthDate ?? "")|\($0.sex ?? "")"
          }
          .sorted()
        }
        func tumours(_ backup: RegistryBackup) -> [String] {
          backup.tumours.filter { $0.deletedAt == nil }.map { tumour in
            let owner = backup.patients.first { $0.id == tumour.patientID }?.identifier ?? ""
            return
              "\(owner)|\(tumour.diagnosisDate ?? "")|\(tumour.stageGroup?.rawValue ?? "")|\(tumour.summaryStage?.rawValue ?? "")"
          }.sorted()
        }
        #expect(patients(copy) == patients(original))
        #expect(tumours(copy) == tumours(original))
        for tumour in original.tumours where tumour.deletedAt == nil {
          #expect(copy.tumours.contains { $0.facts == tumour.facts }, "facts of every tumour come back")
        }
        #expect(
          copy.events.map { "\($0.kind.rawValue) \($0.date)" }.sorted() == [
            "death 2024-01-02", "lastContact 2025-06-10", "lastContact 2026-01-05",
          ])
      }
      // Into the registry it came from: the tumours entered by hand take their record numbers, then nothing changes.
      let adopt = try await Self.importing(path, registry)
      #expect(adopt.patientsCreated == 0 && adopt.tumoursCreated == 0 && adopt.tumoursUpdated == 1)
      let again = try await Self.importing(path, registry)
      #expect(again.tumoursUpdated == 0 && again.patientsUpdated == 0 && again.eventsCreated == 0)
    }
  }
}
