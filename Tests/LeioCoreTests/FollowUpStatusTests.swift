import Foundation
import LeioCore
import Testing

/// The registry's follow-up decision, now in LeioCore on typed dates (reference §9.4).
@Suite("Follow-up status of a registry record")
struct FollowUpStatusTests {
  static let facts: CaseFacts = {
    var input = CaseInput([
      .site: "extremity", .sizeCm: 7, .depth: "deep", .grade: "G3", .nodes: "N0", .metastasis: "M0",
    ])
    return try! CaseFacts(input)  // a fixed valid case of this test
  }()
  static func day(_ text: String) -> CalendarDate { CalendarDate(text: text)! }

  @Test("no treatment date: no schedule")
  func noTreatment() throws {
    #expect(try FollowUp.status(for: Self.facts, treatmentEnds: [], events: [(.visit, Self.day("2026-03-01"))]) == nil)
  }

  @Test(
    "month 0 is the latest treatment end; the next due is the first visit after the last visit or scan on or after it")
  func nextDue() throws {
    let end = Self.day("2026-01-15")
    let plan = try FollowUp.plan(for: Self.facts, treatmentEnd: end)
    let cases: [([(FollowUpEventKind, CalendarDate)], CalendarDate?)] = [
      ([], plan.visits[0].date),
      ([(.visit, Self.day("2025-12-01"))], plan.visits[0].date),  // before month 0: not a follow-up visit
      ([(.recurrence, plan.visits[0].date), (.lastContact, plan.visits[0].date)], plan.visits[0].date),  // not visits
      ([(.imaging, plan.visits[0].date)], plan.visits[1].date),
      ([(.visit, plan.visits[1].date), (.visit, plan.visits[0].date)], plan.visits[2].date),
      ([(.visit, plan.visits[0].date), (.death, Self.day("2026-09-01"))], nil),
    ]
    for (events, expected) in cases {
      let status = try #require(
        try FollowUp.status(
          for: Self.facts, treatmentEnds: [Self.day("2025-11-01"), end], events: events.map { ($0.0, $0.1) }))
      #expect(status.riskGroup == .higher && status.nextDue == expected, "\(events)")
    }
  }
}
