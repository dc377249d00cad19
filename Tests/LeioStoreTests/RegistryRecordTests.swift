import Foundation
import LeioCore
import LeioStore
import Testing

/// Records: create, read, versioned update, conflict, soft delete and restore, validation — on every backend.
@Suite("Registry records")
struct RegistryRecordTests {
  @Test(
    "a patient is created as version 1, updated to 2, deleted softly and restored", arguments: TestBackend.available)
  func patientLifecycle(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let created = try await registry.createPatient(
        Patient(identifier: " SYN-0001 ", name: "Fictional Patient", birthDate: "1970-02-28", sex: "female"), by: tester
      )
      #expect(
        created.version == 1 && created.identifier == "SYN-0001" && created.deletedAt == nil && !created.id.isEmpty)
      #expect(try await registry.patient(created.id, by: tester) == created)

      var edited = created
      edited.name = "Fictional Patient Renamed"
      let saved = try await registry.updatePatient(edited, by: tester)
      #expect(saved.version == 2 && saved.name == "Fictional Patient Renamed" && saved.createdAt == created.createdAt)

      // The first edit was made from version 1; saving it again is a conflict, not a lost update.
      await #expect(throws: RegistryError.conflict(entity: "patient", id: created.id, expected: 1, current: 2)) {
        try await registry.updatePatient(edited, by: tester)
      }
      await #expect(throws: RegistryError.conflict(entity: "patient", id: created.id, expected: 1, current: 2)) {
        try await registry.deletePatient(created.id, version: 1, by: tester)
      }

      let deleted = try await registry.deletePatient(created.id, version: 2, by: tester)
      #expect(deleted.version == 3 && deleted.deletedAt != nil)
      await #expect(throws: RegistryError.notFound(entity: "patient", id: created.id)) {
        try await registry.patient(created.id, by: tester)
      }
      #expect(
        try await registry.patient(created.id, includeDeleted: true, by: tester).name == "Fictional Patient Renamed")
      #expect(try await registry.patients(PatientQuery(), by: tester).isEmpty)
      #expect(try await registry.patients(PatientQuery(includeDeleted: true), by: tester).count == 1)

      let restored = try await registry.restorePatient(created.id, version: 3, by: tester)
      #expect(restored.version == 4 && restored.deletedAt == nil)
      #expect(try await registry.patient(created.id, by: tester).version == 4)
    }
  }

  @Test("invalid fields are refused with the field named", arguments: TestBackend.available)
  func validation(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let cases: [(Patient, String)] = [
        (Patient(identifier: "", name: "A"), "identifier"), (Patient(identifier: "X", name: "  "), "name"),
        (Patient(identifier: "X", name: "A", birthDate: "1970-02-30"), "birthDate"),
        (Patient(identifier: "X", name: "A", sex: "f"), "sex"),
        (Patient(identifier: "X", name: "A\u{0}B"), "name"),
        (Patient(identifier: String(repeating: "9", count: 65), name: "A"), "identifier"),
      ]
      for (patient, field) in cases {
        do {
          _ = try await registry.createPatient(patient, by: tester)
          Issue.record("\(field) accepted")
        } catch let RegistryError.invalid(found, _) {
          #expect(found == field)
        }
      }
      #expect(try await registry.patients(PatientQuery(includeDeleted: true), by: tester).isEmpty, "nothing was stored")
    }
  }

  @Test("one patient per identifier", arguments: TestBackend.available)
  func duplicateIdentifier(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      _ = try await registry.createPatient(Patient(identifier: "SYN-0002", name: "First"), by: tester)
      do {
        _ = try await registry.createPatient(Patient(identifier: "SYN-0002", name: "Second"), by: tester)
        Issue.record("duplicate accepted")
      } catch let error as RegistryError {
        guard case .duplicate = error else {
          Issue.record("\(error)")
          return
        }
        #expect(error.description.contains("patient identifier"))
      }
    }
  }

  @Test(
    "a tumour's facts are validated and staged by LeioCore, with the rules version", arguments: TestBackend.available)
  func tumourStaged(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(Patient(identifier: "SYN-0003", name: "Fictional"), by: tester)
      let tumour = try await registry.createTumour(
        Tumour(patientID: patient.id, diagnosisDate: "2025-11-03", facts: extremityG3), by: tester)
      #expect(
        tumour.stagingSystem?.rawValue == "ajcc8" && tumour.stageGroup?.rawValue == "IIIA"
          && tumour.summaryStage?.rawValue == "localized" && tumour.siteGroup?.rawValue == "TE")
      #expect(tumour.rulesVersion == Staging.rulesVersion)
      #expect(try await registry.tumour(tumour.id, by: tester).facts == extremityG3)

      var smaller = tumour
      smaller.facts[number: .sizeCm] = 5.0  // exactly 5.0 cm is T1 (≤ 5 cm); AJCC 8 T1 N0 M0 G3 ⇒ II (reference §2)
      let restaged = try await registry.updateTumour(smaller, by: tester)
      #expect(restaged.version == 2 && restaged.stageGroup?.rawValue == "II")

      var bad = restaged
      bad.facts[number: .sizeCm] = -1
      do {
        _ = try await registry.updateTumour(bad, by: tester)
        Issue.record("negative size accepted")
      } catch let RegistryError.invalid(field, _) {
        #expect(field == "sizeCm")
      }
      await #expect(throws: RegistryError.notFound(entity: "patient", id: "nope")) {
        try await registry.createTumour(Tumour(patientID: "nope", facts: extremityG3), by: tester)
      }
    }
  }

  @Test("treatments and events are checked field by field", arguments: TestBackend.available)
  func clinicalValidation(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(Patient(identifier: "SYN-0004", name: "Fictional"), by: tester)
      let tumour = try await registry.createTumour(Tumour(patientID: patient.id, facts: extremityG3), by: tester)
      let treatments: [(Treatment, String)] = [
        (Treatment(tumourID: tumour.id, kind: "laser", startDate: "2026-01-01"), "kind"),
        (Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-13-01"), "startDate"),
        (Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-02-01", endDate: "2026-01-01"), "endDate"),
        (Treatment(tumourID: tumour.id, kind: "radiation", startDate: "2026-01-01", margin: "R0"), "margin"),
        (Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-01-01", margin: "R3"), "margin"),
        (Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-01-01", agent: "doxorubicin"), "agent"),
      ]
      for (treatment, field) in treatments {
        do {
          _ = try await registry.createTreatment(treatment, by: tester)
          Issue.record("\(field) accepted")
        } catch let RegistryError.invalid(found, _) {
          #expect(found == field)
        }
      }
      // An unknown kind never reaches the store: the edge that reads it refuses it, naming the field.
      for text in ["party", "", nil] as [String?] {
        do {
          _ = try FollowUpEvent.kind(text)
          Issue.record("kind \(text ?? "nil") accepted")
        } catch {
          guard case RegistryError.invalid(let field, _) = error else {
            Issue.record("\(error)")
            continue
          }
          #expect(field == "kind")
        }
      }
      let events: [(FollowUpEvent, String)] = [
        (FollowUpEvent(patientID: patient.id, kind: .recurrence, date: "2026-01-01"), "recurrenceType"),
        (
          FollowUpEvent(patientID: patient.id, kind: .visit, date: "2026-01-01", imagingResult: "noEvidence"),
          "imagingResult"
        ),
        (FollowUpEvent(patientID: patient.id, kind: .imaging, date: "yesterday"), "date"),
      ]
      for (event, field) in events {
        do {
          _ = try await registry.createEvent(event, by: tester)
          Issue.record("\(field) accepted")
        } catch let RegistryError.invalid(found, _) {
          #expect(found == field)
        }
      }
      let other = try await registry.createPatient(Patient(identifier: "SYN-0005", name: "Other"), by: tester)
      do {
        _ = try await registry.createEvent(
          FollowUpEvent(patientID: other.id, tumourID: tumour.id, kind: .visit, date: "2026-03-01"), by: tester)
        Issue.record("an event on another patient's tumour was accepted")
      } catch let RegistryError.invalid(field, _) {
        #expect(field == "tumourID")
      }
    }
  }
}
