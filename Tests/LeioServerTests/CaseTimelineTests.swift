import Foundation
import Hummingbird
import LeioCore
import LeioStore
import Testing

@testable import LeioServer

/// Issue 13 item 6: the registry case timeline is scaled to the record (first date to today, or to death), labels
/// each row, keeps short treatments visible, puts a later next visit at the edge, and stays narrow enough for a phone.
@Suite("Registry case timeline")
struct CaseTimelineTests {
  static let system = AuditContext.system("test")

  static func file(_ harness: RegistryHarness, death: Bool) async throws -> PatientFile {
    var input = CaseInput()
    (input[text: .site], input[number: .sizeCm], input[text: .depth], input[text: .grade]) = (
      "extremity", 7.5, "deep", "G3"
    )
    (input[text: .nodes], input[text: .metastasis]) = ("N0", "M0")
    let registry = harness.registry
    let tumour = try await registry.createTumour(
      Tumour(patientID: harness.patientID, diagnosisDate: "2025-11-03", facts: input), by: system)
    _ = try await registry.createTreatment(
      Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-01-15", margin: "R0"), by: system)
    _ = try await registry.createTreatment(
      Treatment(tumourID: tumour.id, kind: "radiation", startDate: "2026-02-10", endDate: "2026-03-20"), by: system)
    _ = try await registry.createEvent(
      FollowUpEvent(patientID: harness.patientID, tumourID: tumour.id, kind: .imaging, date: "2026-04-20"), by: system)
    _ = try await registry.createEvent(
      FollowUpEvent(
        patientID: harness.patientID, tumourID: tumour.id, kind: .recurrence, date: "2026-08-01",
        recurrenceType: "local"),
      by: system)
    if death {
      _ = try await registry.createEvent(
        FollowUpEvent(patientID: harness.patientID, kind: .death, date: "2026-10-01"), by: system)
    }
    return try await registry.file(harness.patientID, by: system)
  }

  /// The numbers of an attribute in the picture, in order.
  static func values(_ svg: String, _ pattern: Regex<(Substring, Substring)>) -> [Double] {
    svg.matches(of: pattern).compactMap { Double($0.1) }
  }

  @Test("alive: axis from diagnosis to today, every row labelled, short treatments visible")
  func alive() async throws {
    try await RegistryHarness.with { harness in
      let file = try await Self.file(harness, death: false)
      let today = try CalendarDate(parsing: "2026-11-30", field: "today")
      let rows = CaseTimeline.rows(file, today: today)
      #expect(
        rows.map(\.label) == ["Diagnosis", "Surgery", "Radiation", "Scan", "Recurrence (local)", "Next visit due"])
      let svg = CaseTimeline.svg(file, today: today)
      #expect(svg.contains(">2025-11-03<") && svg.contains(">today<") && svg.contains("viewBox=\"0 0 420 "))
      for label in ["Diagnosis", "Surgery", "Radiation", "Scan", "Recurrence (local)"] {
        #expect(svg.contains(">\(label) <tspan"), "\(label)")
      }
      // Every x stays within the drawing; the shortest treatment is at least 6 units wide.
      let xs = Self.values(svg, /x1?="([0-9.]+)"/) + Self.values(svg, /cx="([0-9.]+)"/)
      #expect(xs.allSatisfy { $0 >= 0 && $0 <= 420 })
      let widths = Self.values(svg, /width="([0-9.]+)" height="10" fill="#1b7f5a"/)
      #expect(widths.count == 2 && widths.allSatisfy { $0 >= 6 })
      // The radiation bar (38 days of a 392-day record) is visibly longer than the one-day surgery.
      #expect((widths.max() ?? 0) > 15)
    }
  }

  @Test("dead: the axis ends at death, no today line, no next visit")
  func dead() async throws {
    try await RegistryHarness.with { harness in
      let file = try await Self.file(harness, death: true)
      let today = try CalendarDate(parsing: "2026-11-30", field: "today")
      let svg = CaseTimeline.svg(file, today: today)
      #expect(svg.contains(">death<") && !svg.contains(">today<"))
      #expect(!CaseTimeline.rows(file, today: today).contains { $0.label == "Next visit due" })
      #expect(svg.contains("to death, 2026-10-01"))
    }
  }
}

/// Issue 13 item 1 on the registry: the case page of a FIGO IB tumour with cervix involvement says why its summary
/// stage is regional, and shows the summary stage's own rule steps.
@Suite("Registry case page: the summary stage explained")
struct CasePageSummaryStageTests {
  @Test("FIGO IB + cervix: the note and 'Why this summary stage' on the case page")
  func cervixNote() async throws {
    try await RegistryHarness.with { harness in
      var input = CaseInput()
      (input[text: .site], input[number: .sizeCm], input[text: .uterineExtent]) = ("uterus", 9, "confined")
      (input[flag: .cervixInvolved], input[text: .nodes], input[text: .metastasis]) = (true, "N0", "M0")
      _ = try await harness.registry.createTumour(
        Tumour(patientID: harness.patientID, diagnosisDate: "2025-11-03", facts: input), by: .system("test"))
      let clinician = try #require(harness.credentials[.clinician])
      let page = try await harness.call(.get, "/patients/\(harness.patientID)", headers: [.cookie: clinician.cookie])
      #expect(page.status == 200)
      #expect(page.body.contains("data-rule=\"cervix\""))
      #expect(page.body.contains("<summary>Why this summary stage</summary>"))
      #expect(page.body.contains("Cervical stromal or glandular involvement is regional in SS2018"))
    }
  }
}
