import Foundation
import LeioCore
import Testing

@testable import LeioStore

/// The registry API's hot paths write their records with `JSONOutput`; the `Encodable` conformances stay the reference
/// (the OpenAPI schemas are checked against them). Byte for byte, with every field set, with every optional field
/// empty, and on every demo patient's file and listing.
@Suite("Registry records as JSON")
struct RecordJSONTests {
  static func encoded(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func written(_ value: some JSONWritable) -> String { String(decoding: value.jsonBytes, as: UTF8.self) }

  static let awkward = "\"quoted\" \\ back/slash é — ≥ 5 cm\n\t\u{01}"

  /// A file with every optional field of every record set, and one with every optional field empty.
  static var files: [PatientFile] {
    var patient = Patient(identifier: "MRN-1 " + awkward, name: awkward, birthDate: "1960-02-29", sex: "female")
    (patient.id, patient.version, patient.createdAt, patient.updatedAt, patient.deletedAt) =
      ("p-1", 12, 1_700_000_000_123, -5, 9_223_372_036_854_775_807)
    var facts = CaseInput()
    facts[text: .site] = "uterus"
    facts[number: .sizeCm] = 12.5
    facts[list: .invadedOrgans] = ["liver", awkward]
    var tumour = Tumour(patientID: "p-1", diagnosisDate: "2024-01-31", facts: facts)
    (tumour.id, tumour.version, tumour.createdAt, tumour.updatedAt, tumour.deletedAt) = ("t-1", 3, 10, 11, 12)
    tumour.recordNumber = "01"
    tumour.reportedStages = [
      ReportedStage(
        system: .figo2009, stageGroup: "IIIA", t: "T3a", n: "N0", m: "M0", leioStageGroup: "IIIA", source: awkward),
      ReportedStage(system: .ajcc8, stageGroup: nil, t: nil, n: nil, m: nil, leioStageGroup: "", source: ""),
    ]
    (tumour.siteGroup, tumour.stagingSystem, tumour.stageGroup) = (.uterineCorpus, .figo2009, .iiia)
    (tumour.stageStatus, tumour.summaryStage, tumour.riskGroup) = (.computed, .regional, .uterine)
    tumour.rulesVersion = "rules " + awkward
    tumour.nextDueDate = try? CalendarDate(parsing: "2025-06-30", field: "date")
    var treatment = Treatment(
      tumourID: "t-1", kind: "surgery", startDate: "2024-02-01", endDate: "2024-02-02", margin: "R0", agent: awkward,
      notes: awkward)
    (treatment.id, treatment.version, treatment.deletedAt) = ("r-1", 2, 7)
    var event = FollowUpEvent(
      patientID: "p-1", tumourID: "t-1", kind: .recurrence, date: "2025-01-01", imagingResult: "progression",
      recurrenceType: "distant", site: "lung", notes: awkward)
    (event.id, event.version, event.deletedAt) = ("e-1", 1, 8)
    let full = PatientFile(patient: patient, tumours: [tumour, tumour], treatments: [treatment], events: [event])

    let bare = PatientFile(
      patient: Patient(identifier: "", name: ""), tumours: [Tumour(patientID: "", facts: CaseInput())],
      treatments: [Treatment(tumourID: "", kind: "", startDate: "")],
      events: [FollowUpEvent(patientID: "", kind: .visit, date: "")])
    return [full, bare, PatientFile(patient: patient, tumours: [], treatments: [], events: [])]
  }

  @Test("patient files: every field set, every optional field empty, no records")
  func patientFiles() throws {
    for file in Self.files {
      #expect(Self.written(file) == (try Self.encoded(file)))
      #expect(Self.written(file.patient) == (try Self.encoded(file.patient)))
      #expect(Self.written(file.tumours) == (try Self.encoded(file.tumours)))
    }
  }

  @Test("patient listings: with and without stages and a due date")
  func listings() throws {
    let patient = Self.files[0].patient
    let due = try CalendarDate(parsing: "2026-12-01", field: "date")
    let listings = [
      PatientListing(
        patient: patient, tumourCount: 2, stageGroups: [.iiia, .ii],
        siteGroups: [.uterineCorpus, .trunkAndExtremities],
        nextDueDate: due),
      PatientListing(patient: Self.files[1].patient, tumourCount: 0, stageGroups: [], siteGroups: [], nextDueDate: nil),
    ]
    #expect(Self.written(listings) == (try Self.encoded(listings)))
    #expect(Self.written([PatientListing]()) == "[]")
  }

  @Test("every demo patient's file and the demo listing match JSONEncoder byte for byte")
  func demoRegistry() async throws {
    try await withRegistry(.sqlite) { registry in
      _ = try await DemoRegistry.seed(
        registry, patients: 48, today: try CalendarDate(parsing: "2026-06-01", field: "d"))
      let listings = try await registry.patients(PatientQuery(includeDeleted: true, limit: 1000), by: tester)
      #expect(listings.count == 48)
      #expect(Self.written(listings) == (try Self.encoded(listings)))
      var tumours = 0
      for listing in listings {
        let file = try await registry.file(listing.patient.id, by: tester)
        tumours += file.tumours.count
        #expect(Self.written(file) == (try Self.encoded(file)), "\(listing.patient.identifier)")
      }
      #expect(tumours >= 48)
    }
  }
}
