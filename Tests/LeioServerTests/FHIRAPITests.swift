import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeioCore
import LeioServer
import LeioStore
import Testing

/// `GET /api/v1/patients/{id}/fhir` and `POST /api/v1/fhir` (issue 15): role-checked, audited, problems with
/// FHIRPath locations; the case page shows a differing stage.
@Suite("FHIR over the API", .serialized)
struct FHIRAPITests {
  static let facts = CaseInput([
    .topography: "C49.2", .histology: "8890/3", .sizeCm: 7.5, .depth: "deep", .grade: "G3", .nodes: "N0",
    .metastasis: "M0",
  ])

  @Test("any reader gets the bundle (audited); a clinician imports it back; a viewer may not import")
  func exportAndImport() async throws {
    try await RegistryHarness.with { harness in
      let patient = try await harness.registry.createPatient(
        Patient(identifier: "MRN-9", name: "Ada Example", sex: "female"), by: .system("test"))
      _ = try await harness.registry.createTumour(
        Tumour(patientID: patient.id, diagnosisDate: "2024-01-02", facts: Self.facts), by: .system("test"))
      let viewer = try #require(harness.credentials[.viewer]).apiToken
      let get = try await harness.call(
        .get, "/api/v1/patients/\(patient.id)/fhir", headers: [.authorization: "Bearer \(viewer)"])
      #expect(get.status == 200 && get.headers[.contentType] == "application/fhir+json")
      #expect(get.body.contains(#""resourceType": "Bundle""#) && get.body.contains("mcode-primary-cancer-condition"))
      let audit = try await harness.registry.auditLog(limit: 5, by: .system("test"))
      #expect(audit.contains { $0.action == "read" && $0.entityID == patient.id })
      let missing = try await harness.call(
        .get, "/api/v1/patients/nobody/fhir", headers: [.authorization: "Bearer \(viewer)"])
      #expect(missing.status == 404)

      let refused = try await harness.call(
        .post, "/api/v1/fhir", headers: [.authorization: "Bearer \(viewer)", .contentType: "application/fhir+json"],
        body: get.body)
      #expect(refused.status == 403)
      let clinician = try #require(harness.credentials[.clinician]).apiToken
      let headers: HTTPFields = [.authorization: "Bearer \(clinician)", .contentType: "application/fhir+json"]
      let again = try await harness.call(.post, "/api/v1/fhir", headers: headers, body: get.body)
      #expect(again.status == 200, "\(again.body)")
      #expect(again.body.contains(#""patientsUnchanged":1"#) && again.body.contains(#""warnings":[]"#))
      // The sender's AJCC 8 stage differs: kept, and shown on the case page.
      let changed = get.body.replacingOccurrences(of: #""text": "IIIA""#, with: #""text": "IIIB""#)
      let differing = try await harness.call(.post, "/api/v1/fhir", headers: headers, body: changed)
      #expect(differing.status == 200 && differing.body.contains(#""tumoursUpdated":1"#), "\(differing.body)")
      let page = try await harness.call(
        .get, "/patients/\(patient.id)", headers: [.authorization: "Bearer \(clinician)"])
      #expect(
        page.body.contains("The sender&#39;s stage differs from Leio&#39;s") || page.body.contains("stage differs"))
      #expect(page.body.contains("AJCC 8 IIIB"))
    }
  }

  @Test("a bundle Leio cannot use is 422 with every problem and its location; nothing is written")
  func problems() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician]).apiToken
      let headers: HTTPFields = [.authorization: "Bearer \(clinician)", .contentType: "application/fhir+json"]
      let patients = try await harness.registry.counts()["patient"]
      let notBundle = try await harness.call(
        .post, "/api/v1/fhir", headers: headers, body: #"{"resourceType":"Patient"}"#)
      #expect(notBundle.status == 422 && notBundle.headers[.contentType] == "application/problem+json")
      #expect(notBundle.body.contains(#""location":"Bundle.resourceType""#), "\(notBundle.body)")
      let notJSON = try await harness.call(.post, "/api/v1/fhir", headers: headers, body: "{")
      #expect(notJSON.status == 422 && notJSON.body.contains("not valid JSON"))
      let noHistology = """
        {"resourceType":"Bundle","type":"collection","entry":[
         {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","identifier":[{"system":"urn:x","value":"A1"}],"name":[{"family":"Example"}],"gender":"female"}},
         {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Condition","meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition"]},
          "bodySite":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/icd-o-3","code":"C49.2"}]}],"subject":{"reference":"urn:uuid:1"}}}]}
        """
      let refused = try await harness.call(.post, "/api/v1/fhir", headers: headers, body: noHistology)
      #expect(refused.status == 422)
      #expect(
        refused.body.contains(#""field":"Bundle.entry[1].resource.ofType(Condition).extension""#), "\(refused.body)")
      #expect(refused.body.contains("Leio needs the histology"))
      #expect(try await harness.registry.counts()["patient"] == patients)
      let empty = try await harness.call(.post, "/api/v1/fhir", headers: headers, body: "")
      #expect(empty.status == 400)
      let dryRun = try await harness.call(.post, "/api/v1/fhir?dryRun=maybe", headers: headers, body: "{}")
      #expect(dryRun.status == 400)
    }
  }
}
