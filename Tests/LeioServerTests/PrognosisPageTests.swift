import Foundation
import HTTPTypes
import LeioCore
import LeioServer
import LeioStore
import LeioSurvival
import Testing

/// Issue 16 §3 on the web: the case page shows what the registry's prognosis model says for each tumour — the
/// statement, the validation figures and the caveat — to clinicians, registrars and admins, not to viewers; a tumour
/// outside the model's data gets the reason instead of a number.
@Suite("Prognosis on the case page", .serialized)
struct PrognosisPageTests {
  /// A model of a synthetic cohort on two outcome-dataset columns (sizeCm 1–25 cm, summaryStage).
  static func model() throws -> PrognosisModel {
    var cohort = try SyntheticCohort(seed: 4)
    let csv = SyntheticCohort.header + "\n" + (1...2_000).map { cohort.row($0) }.joined(separator: "\n")
    let table = try SurvivalTable(
      csv: Array(csv.utf8), time: "months", event: "died", columns: ["sizeCm", "summaryStage"])
    return try PrognosisModel.fit(
      table: table, covariates: ["sizeCm", "summaryStage"],
      options: .init(
        time: "months", timeUnit: "months", event: "died", horizons: [12, 60], bootstrap: 5, seed: 2,
        years: [2016, 2025]))
  }

  @Test("statement, validation and caveat for staff; the reason for a tumour outside the data; nothing for viewers")
  func casePage() async throws {
    let model = try Self.model()
    try await RegistryHarness.with { base in
      var harness = base
      harness.prognosis = model
      let test = AuditContext.system("test")
      for (size, date) in [(8.0, "2021-03-04"), (40.0, "2021-05-06")] {
        _ = try await harness.registry.createTumour(
          Tumour(
            patientID: harness.patientID, diagnosisDate: date,
            facts: CaseInput([
              .site: "extremity", .sizeCm: .number(size), .depth: "deep", .grade: "G3", .nodes: "N0",
              .metastasis: "M0",
            ])), by: test)
      }
      for role in [Role.clinician, .registrar, .admin] {
        let token = try #require(harness.credentials[role]).apiToken
        let page = try await harness.call(
          .get, "/patients/\(harness.patientID)", headers: [.authorization: "Bearer \(token)"])
        #expect(page.status == 200)
        #expect(
          page.body.contains("What this registry&#39;s own data says")
            || page.body.contains("What this registry's own data says"))
        #expect(page.body.contains("patients like this one had"), "\(role)")
        #expect(page.body.contains("Harrell&#39;s C") || page.body.contains("Harrell's C"))
        #expect(page.body.contains("not a prediction for this person"))
        #expect(page.body.contains("outside the model&#39;s data") || page.body.contains("outside the model's data"))
        #expect(page.body.contains("fitted on \(model.data.n) patients"))
      }
      let viewer = try #require(harness.credentials[.viewer]).apiToken
      let page = try await harness.call(
        .get, "/patients/\(harness.patientID)", headers: [.authorization: "Bearer \(viewer)"])
      #expect(page.status == 200 && !page.body.contains("patients like this one"))
      // Without a model, no block.
      harness.prognosis = nil
      let clinician = try #require(harness.credentials[.clinician]).apiToken
      let plain = try await harness.call(
        .get, "/patients/\(harness.patientID)", headers: [.authorization: "Bearer \(clinician)"])
      #expect(!plain.body.contains("patients like this one"))
    }
  }
}
