import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeioCore
import LeioServer
import LeioStore
import Testing

/// `/outcomes` (issue 16 §1): overall survival of the registry's own patients, by a chosen grouping; registrars,
/// clinicians and admins; the dataset behind it downloadable.
@Suite("Outcomes page", .serialized)
struct OutcomesPageTests {
  @Test("the figure, the table and the test from the live registry; a viewer may not open it")
  func page() async throws {
    try await RegistryHarness.with { harness in
      let test = AuditContext.system("test")
      let before = try await harness.registry.outcomes(OutcomeDataset.Filter(), by: test).rows.count
      for index in 0..<12 {
        let patient = try await harness.registry.createPatient(
          Patient(identifier: "OUT-\(index)", name: "Outcome Example \(index)", sex: "female"), by: test)
        let metastatic = index % 2 == 0
        let tumour = try await harness.registry.createTumour(
          Tumour(
            patientID: patient.id, diagnosisDate: "2020-0\(1 + index % 9)-10",
            facts: CaseInput([
              .site: "extremity", .sizeCm: 4.0, .depth: "deep", .grade: "G1", .nodes: "N0",
              .metastasis: metastatic ? "M1" : "M0",
            ])), by: test)
        if index % 4 == 1 {
          _ = try await harness.registry.createEvent(
            FollowUpEvent(
              patientID: patient.id, tumourID: tumour.id, kind: .recurrence, date: "2020-11-01",
              recurrenceType: index % 8 == 1 ? "local" : "distant"), by: test)
        }
        let kind: FollowUpEventKind = index % 3 == 0 || metastatic ? .death : .lastContact
        _ = try await harness.registry.createEvent(
          FollowUpEvent(patientID: patient.id, kind: kind, date: "202\(1 + index % 4)-06-01"), by: test)
      }
      let clinician = try #require(harness.credentials[.clinician]).apiToken
      let page = try await harness.call(
        .get, "/outcomes?by=summaryStage", headers: [.authorization: "Bearer \(clinician)"])
      #expect(page.status == 200, "\(page.body.prefix(300))")
      #expect(page.body.contains("<svg") && page.body.contains("Overall survival by summary stage"))
      #expect(page.body.contains("<th scope=\"row\">localized</th>") && page.body.contains("Log-rank"))
      #expect(page.body.contains("\(before + 12) tumour(s) with a date of diagnosis"))
      #expect(page.body.contains("<th scope=\"row\">distant</th>"))
      #expect(!page.body.contains("OUT-1"), "no identifiers on the page")
      for (endpoint, title) in [("local", "local recurrence"), ("distant", "distant metastasis")] {
        let incidence = try await harness.call(
          .get, "/outcomes?by=summaryStage&endpoint=\(endpoint)", headers: [.authorization: "Bearer \(clinician)"])
        #expect(incidence.status == 200)
        #expect(incidence.body.contains("Cumulative incidence of \(title) by summary stage"), "\(endpoint)")
        #expect(incidence.body.contains("<svg") && incidence.body.contains("Gray"))
      }
      let csv = try await harness.call(.get, "/outcomes.csv", headers: [.authorization: "Bearer \(clinician)"])
      #expect(csv.status == 200 && csv.body.hasPrefix("patient,tumour,"))
      for query in ["by=name", "endpoint=cure"] {
        let bad = try await harness.call(.get, "/outcomes?\(query)", headers: [.authorization: "Bearer \(clinician)"])
        #expect(bad.status == 400, "\(query)")
      }
      let viewer = try #require(harness.credentials[.viewer]).apiToken
      let refused = try await harness.call(.get, "/outcomes", headers: [.authorization: "Bearer \(viewer)"])
      #expect(refused.status == 403)
    }
  }
}
