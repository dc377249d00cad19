import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeioCore
import LeioServer
import LeioStore
import Testing

/// `GET /api/v1/export/outcomes` (issue 16 §1): registrars and admins only, CSV, filters checked.
@Suite("Outcomes dataset over the API", .serialized)
struct OutcomesAPITests {
  @Test("a registrar gets the CSV; a clinician is refused; a bad filter is 400")
  func export() async throws {
    try await RegistryHarness.with { harness in
      let patient = try await harness.registry.createPatient(
        Patient(identifier: "MRN-11", name: "Ada Example", sex: "female"), by: .system("test"))
      _ = try await harness.registry.createTumour(
        Tumour(
          patientID: patient.id, diagnosisDate: "2021-03-04",
          facts: CaseInput([.site: "extremity", .sizeCm: 4.0, .depth: "deep", .grade: "G1"])), by: .system("test"))
      let registrar = try #require(harness.credentials[.registrar]).apiToken
      let csv = try await harness.call(
        .get, "/api/v1/export/outcomes?site=TE", headers: [.authorization: "Bearer \(registrar)"])
      #expect(csv.status == 200 && csv.headers[.contentType] == "text/csv; charset=utf-8")
      #expect(csv.body.hasPrefix(OutcomeDataset.columns.joined(separator: ",") + "\n"))
      #expect(csv.body.contains(",TE,") && !csv.body.contains("MRN-11") && !csv.body.contains("Ada"))
      let clinician = try #require(harness.credentials[.clinician]).apiToken
      let refused = try await harness.call(
        .get, "/api/v1/export/outcomes", headers: [.authorization: "Bearer \(clinician)"])
      #expect(refused.status == 403)
      for query in ["from=2021-02-30", "site=XX"] {
        let bad = try await harness.call(
          .get, "/api/v1/export/outcomes?\(query)", headers: [.authorization: "Bearer \(registrar)"])
        #expect(bad.status == 400 && bad.headers[.contentType] == "application/problem+json", "\(query)")
      }
    }
  }
}
