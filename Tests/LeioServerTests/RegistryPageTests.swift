import Foundation
import Hummingbird
import HummingbirdTesting
import LeioCore
import LeioServer
import LeioStore
import Testing

/// The registry's pages: forms keep what was typed and show errors beside their fields; edits detect conflicts.
@Suite("Registry pages", .serialized)
struct RegistryPageTests {
  static func form(_ credentials: RegistryHarness.Credentials) -> HTTPFields {
    [.cookie: credentials.cookie, .contentType: "application/x-www-form-urlencoded"]
  }

  @Test("adding a patient: field errors beside the field, then the case page")
  func addPatient() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician])
      let bad = try await harness.call(
        .post, "/patients", headers: Self.form(clinician),
        body: "_csrf=\(clinician.csrf)&identifier=SYN-P9&name=Fictional&birthDate=1970-02-30")
      #expect(bad.status == 422 && bad.body.contains("id=\"birthDate-error\"") && bad.body.contains("value=\"SYN-P9\""))
      let duplicate = try await harness.call(
        .post, "/patients", headers: Self.form(clinician),
        body: "_csrf=\(clinician.csrf)&identifier=SYN-H1&name=Fictional")
      #expect(duplicate.status == 422 && duplicate.body.contains("id=\"identifier-error\""))
      let good = try await harness.call(
        .post, "/patients", headers: Self.form(clinician),
        body: "_csrf=\(clinician.csrf)&identifier=SYN-P9&name=%3Cb%3EFictional%3C%2Fb%3E")
      let location = try #require(good.headers[.location])
      let page = try await harness.call(.get, location, headers: [.cookie: clinician.cookie])
      #expect(
        page.status == 200 && page.body.contains("&lt;b&gt;Fictional&lt;/b&gt;") && !page.body.contains("<b>Fictional"))
      #expect(page.headers[.cacheControl] == "no-store", "patient pages are not cached")
    }
  }

  @Test("a tumour is added and edited from the calculator's fields; a stale edit is a conflict, not a lost update")
  func tumourEdit() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician])
      let add = try await harness.call(
        .post, "/patients/\(harness.patientID)/tumours", headers: Self.form(clinician),
        body:
          "_csrf=\(clinician.csrf)&diagnosisDate=2025-11-03&site=extremity&sizeCm=7.5&depth=deep&grade=G3&nodes=N0&metastasis=M0"
      )
      #expect(add.status == 303)
      let file = try await harness.registry.file(harness.patientID, by: .system("test"))
      let tumour = try #require(file.tumours.first)
      #expect(tumour.stageGroup?.rawValue == "IIIA")
      let edit = try await harness.call(.get, "/tumours/\(tumour.id)/edit", headers: [.cookie: clinician.cookie])
      #expect(
        edit.status == 200
          && edit.body.contains("name=\"sizeCm\" type=\"text\" inputmode=\"decimal\" placeholder=\"7.5\" value=\"7.5\"")
          && edit.body.contains("value=\"G3\" selected"))
      let fields =
        "_csrf=\(clinician.csrf)&diagnosisDate=2025-11-03&site=extremity&sizeCm=5&depth=deep&grade=G3&nodes=N0&metastasis=M0"
      let saved = try await harness.call(
        .post, "/tumours/\(tumour.id)/edit", headers: Self.form(clinician), body: fields + "&version=1")
      #expect(saved.status == 303)
      #expect(
        try await harness.registry.tumour(tumour.id, by: .system("test")).stageGroup?.rawValue == "II",
        "5.0 cm is T1: AJCC 8 T1 N0 M0 G3 ⇒ II")
      let stale = try await harness.call(
        .post, "/tumours/\(tumour.id)/edit", headers: Self.form(clinician), body: fields + "&version=1")
      #expect(stale.status == 409 && stale.body.contains("Reload the latest version"))
      let invalid = try await harness.call(
        .post, "/tumours/\(tumour.id)/edit", headers: Self.form(clinician),
        body: fields.replacingOccurrences(of: "sizeCm=5", with: "sizeCm=-2") + "&version=2")
      #expect(invalid.status == 422 && invalid.body.contains("id=\"sizeCm-error\""))
    }
  }

  @Test("treatments and events are edited (stale version: conflict) and deleted from the pages")
  func editAndDeleteTreatmentsAndEvents() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician])
      let system = AuditContext.system("test")
      let tumour = try await harness.registry.createTumour(
        Tumour(
          patientID: harness.patientID,
          facts: {
            var input = CaseInput()
            (
              input[text: .site], input[number: .sizeCm], input[text: .depth], input[text: .grade], input[text: .nodes],
              input[text: .metastasis]
            ) = ("extremity", 7.5, "deep", "G3", "N0", "M0")
            return input
          }()), by: system)
      let surgery = try await harness.registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-01-15", margin: "R1"), by: system)
      let scan = try await harness.registry.createEvent(
        FollowUpEvent(
          patientID: harness.patientID, tumourID: tumour.id, kind: .imaging, date: "2026-04-20",
          imagingResult: "noEvidence"), by: system)
      let casePage = try await harness.call(
        .get, "/patients/\(harness.patientID)", headers: [.cookie: clinician.cookie])
      #expect(
        casePage.body.contains("action=\"/treatments/\(surgery.id)/delete\"")
          && casePage.body.contains("href=\"/events/\(scan.id)/edit\""))

      let edit = try await harness.call(.get, "/treatments/\(surgery.id)/edit", headers: [.cookie: clinician.cookie])
      #expect(
        edit.status == 200 && edit.body.contains("value=\"R1\" selected") && edit.body.contains("value=\"2026-01-15\""))
      let fields = "_csrf=\(clinician.csrf)&kind=surgery&startDate=2026-01-15&margin=R0"
      #expect(
        try await harness.call(
          .post, "/treatments/\(surgery.id)/edit", headers: Self.form(clinician), body: fields + "&version=1"
        ).status == 303)
      #expect(try await harness.registry.treatment(surgery.id, by: system).margin == "R0")
      let stale = try await harness.call(
        .post, "/treatments/\(surgery.id)/edit", headers: Self.form(clinician), body: fields + "&version=1")
      #expect(stale.status == 409 && stale.body.contains("Reload the latest version"))
      let invalid = try await harness.call(
        .post, "/treatments/\(surgery.id)/edit", headers: Self.form(clinician),
        body: "_csrf=\(clinician.csrf)&kind=radiation&startDate=2026-01-15&margin=R0&version=2")
      #expect(invalid.status == 422 && invalid.body.contains("id=\"margin-error\""))

      let before = try await harness.registry.tumour(tumour.id, by: system).nextDueDate
      #expect(
        try await harness.call(
          .post, "/events/\(scan.id)/delete", headers: Self.form(clinician), body: "_csrf=\(clinician.csrf)&version=1"
        ).status == 303)
      #expect(try await harness.registry.file(harness.patientID, by: system).events.isEmpty)
      #expect(
        try await harness.registry.tumour(tumour.id, by: system).nextDueDate != before,
        "without the scan, the first visit is due again")
    }
  }

  @Test("a deleted patient disappears from the list and comes back with Restore")
  func deleteAndRestore() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician])
      #expect(
        try await harness.call(
          .post, "/patients/\(harness.patientID)/delete", headers: Self.form(clinician),
          body: "_csrf=\(clinician.csrf)&version=1"
        ).status == 303)
      #expect(
        !(try await harness.call(.get, "/patients", headers: [.cookie: clinician.cookie]).body.contains(
          "Fictional Harness Patient")))
      #expect(
        try await harness.call(.get, "/patients/\(harness.patientID)", headers: [.cookie: clinician.cookie]).status
          == 404)
      let deleted = try await harness.call(.get, "/patients?deleted=true", headers: [.cookie: clinician.cookie])
      #expect(
        deleted.body.contains("Fictional Harness Patient (deleted)")
          && deleted.body.contains("action=\"/patients/\(harness.patientID)/restore\""))
      #expect(
        try await harness.call(
          .post, "/patients/\(harness.patientID)/restore", headers: Self.form(clinician),
          body: "_csrf=\(clinician.csrf)&version=2"
        ).status == 303)
      #expect(
        try await harness.call(.get, "/patients/\(harness.patientID)", headers: [.cookie: clinician.cookie]).status
          == 200)
    }
  }

  @Test("the follow-up dashboard and the audit page render for their roles; the CSV export is a download")
  func dashboardAndAudit() async throws {
    try await RegistryHarness.with { harness in
      let viewer = try #require(harness.credentials[.viewer])
      let board = try await harness.call(.get, "/follow-up", headers: [.cookie: viewer.cookie])
      #expect(board.status == 200 && board.body.contains("Overdue") && board.body.contains("Due in the next 30 days"))
      let admin = try #require(harness.credentials[.admin])
      let audit = try await harness.call(.get, "/audit", headers: [.cookie: admin.cookie])
      #expect(audit.status == 200 && audit.body.contains("test.viewer") && audit.body.contains("<td>list</td>"))
      let csv = try await harness.call(.get, "/audit.csv", headers: [.cookie: admin.cookie])
      #expect(
        csv.status == 200 && csv.body.hasPrefix("seq,at_utc,account_id,username,action")
          && (csv.headers[.contentDisposition] ?? "").contains("attachment"))
    }
  }
}
