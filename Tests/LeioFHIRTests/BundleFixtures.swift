import Foundation
import LeioCore
import LeioFHIR
import LeioStore

/// Patient files built in memory (no database): the worked examples of the reference, and one rich patient with
/// every kind of record the bundle maps.
enum BundleFixtures {
  static let system = "https://hospital.example/fhir/mrn"

  /// A record with id, version and times set as the store would.
  static let time: Int64 = 1_764_547_200_000
  static func stored<R: Stamped>(_ record: R, id: String, version: Int64 = 1) -> R {
    var record = record
    (record.id, record.version, record.createdAt, record.updatedAt) = (id, version, time, time)
    return record
  }

  /// The worked examples (reference §12) that stage without an error.
  static func workedExamples() throws -> [(id: String, input: CaseInput)] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Fixtures/worked-examples.json").standardized
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    let examples = object?["examples"] as? [[String: Any]] ?? []
    return try examples.compactMap { example in
      guard let id = example["id"] as? String, let input = example["input"] else { return nil }
      let data = try JSONSerialization.data(withJSONObject: input)
      guard let facts = try? JSONDecoder().decode(CaseInput.self, from: data), (try? Staging.stage(facts)) != nil
      else { return nil }
      return (id, facts)
    }
  }

  /// A one-tumour file of `facts`.
  static func file(_ facts: CaseInput, identifier: String = "MRN-1", diagnosisDate: String? = "2024-03-01")
    -> PatientFile
  {
    let patient = stored(
      Patient(identifier: identifier, name: "Ada Example", birthDate: "1960-05-01", sex: "female"), id: "p1")
    let tumour = stored(Tumour(patientID: "p1", diagnosisDate: diagnosisDate, facts: facts), id: "t1")
    return PatientFile(patient: patient, tumours: [tumour], treatments: [], events: [])
  }

  /// A patient with an extremity tumour (pathological basis, FNCLCC grade G3, laterality) treated with surgery,
  /// radiation and chemotherapy, a local and a distant recurrence, imaging results, and death; and a uterine tumour
  /// (FIGO 2009).
  static func rich() -> PatientFile {
    let patient = stored(
      Patient(identifier: "MRN-0042", name: "Example, Ada Grace", birthDate: "1958-11-30", sex: "female"), id: "p42")
    let extremity = stored(
      Tumour(
        patientID: "p42", diagnosisDate: "2023-02-10",
        facts: CaseInput([
          .topography: "C49.2", .laterality: "left", .histology: "8890/3", .sizeCm: 7.5, .depth: "deep",
          .grade: "G3", .nodes: "N0", .metastasis: "M0", .basis: "pathological",
        ])), id: "t-ext", version: 3)
    var uterine = stored(
      Tumour(
        patientID: "p42", diagnosisDate: "2025-06-01",
        facts: CaseInput([
          .site: "uterus", .topography: "C54.9", .histology: "8890/3", .sizeCm: 12.0, .uterineExtent: "adnexa",
          .nodes: "N0", .metastasis: "M0",
        ])), id: "t-ut")
    uterine.recordNumber = "02"
    let treatments = [
      stored(Treatment(tumourID: "t-ext", kind: "surgery", startDate: "2023-03-01", margin: "R1"), id: "s1"),
      stored(
        Treatment(tumourID: "t-ext", kind: "radiation", startDate: "2023-04-01", endDate: "2023-05-10", notes: "50 Gy"),
        id: "r1"),
      stored(
        Treatment(tumourID: "t-ext", kind: "systemic", startDate: "2024-01-05", agent: "doxorubicin"), id: "c1"),
      stored(Treatment(tumourID: "t-ut", kind: "systemic", startDate: "2025-07-01", endDate: "2025-09-01"), id: "c2"),
    ]
    let events = [
      stored(
        FollowUpEvent(
          patientID: "p42", tumourID: "t-ext", kind: .imaging, date: "2023-08-01", imagingResult: "noEvidence"),
        id: "e1"),
      stored(
        FollowUpEvent(
          patientID: "p42", tumourID: "t-ext", kind: .imaging, date: "2023-11-01", imagingResult: "suspicious"),
        id: "e2"),
      stored(
        FollowUpEvent(
          patientID: "p42", tumourID: "t-ext", kind: .recurrence, date: "2023-12-01", recurrenceType: "local",
          site: "left thigh", notes: "biopsy-proven"), id: "e3"),
      stored(
        FollowUpEvent(
          patientID: "p42", tumourID: "t-ext", kind: .recurrence, date: "2024-06-01", recurrenceType: "distant",
          site: "lung"), id: "e4"),
      stored(FollowUpEvent(patientID: "p42", kind: .visit, date: "2024-07-01"), id: "e5"),
      stored(FollowUpEvent(patientID: "p42", kind: .death, date: "2025-12-01"), id: "e6"),
    ]
    return PatientFile(patient: patient, tumours: [extremity, uterine], treatments: treatments, events: events)
  }

  /// The bundle of `file`, written and read back (what a receiver sees).
  static func bundle(_ file: PatientFile) throws -> FHIRJSON {
    try FHIRJSON.parse(Data(PatientBundle.build(file, identifierSystem: system).serialized().utf8))
  }

  /// The resources of a bundle of a type (and profile id, when given).
  static func resources(_ bundle: FHIRJSON, _ type: String, profile: String? = nil) -> [FHIRJSON] {
    (bundle["entry"]?.items ?? []).compactMap { $0["resource"] }.filter {
      $0["resourceType"]?.text == type
        && (profile == nil
          || ($0["meta"]?["profile"]?.items.contains { $0.text?.hasSuffix("/" + profile!) == true } ?? false))
    }
  }
}

/// The bookkeeping fields every registry record has.
protocol Stamped {
  var id: String { get set }
  var version: Int64 { get set }
  var createdAt: Int64 { get set }
  var updatedAt: Int64 { get set }
}

extension Patient: Stamped {}
extension Tumour: Stamped {}
extension Treatment: Stamped {}
extension FollowUpEvent: Stamped {}
