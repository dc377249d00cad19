import Foundation
import Testing

@testable import LeioCore
@testable import LeioReport

/// Issue 13 item 5: without an end of treatment the care summary still draws the schedule, in months after the end
/// of treatment; with a date it draws the dated plan. Both are the same visits.
@Suite("Follow-up picture with and without a date")
struct FollowUpTimelineTests {
  static func facts() throws -> CaseFacts {
    var input = CaseInput()
    (input[text: .site], input[number: .sizeCm], input[text: .depth], input[text: .grade]) = (
      "extremity", 7.5, "deep", "G3"
    )
    (input[text: .nodes], input[text: .metastasis]) = ("N0", "M0")
    return try CaseFacts(input)
  }

  @Test("no date: relative ticks, the schedule's visits, no dates anywhere")
  func relative() throws {
    let summary = try CareSummary(facts: try Self.facts())
    #expect(summary.plan == nil)
    let html = CareSummaryHTML.render(summary)
    let svg = FollowUpTimeline.svg(summary.schedule)
    #expect(html.contains(svg))
    #expect(svg.contains(">months after the end of treatment<") && svg.contains(">12 mo<") && svg.contains(">120 mo<"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == summary.schedule.visits.count)
    #expect(!svg.contains(try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")))
    #expect(html.contains("Give the end date of treatment to see the dates."))
    let text = CareSummaryText.render(summary)
    #expect(text.contains("- month 3: "))
  }

  @Test("with a date: the same visits, ticks at the dates")
  func dated() throws {
    let end = try CalendarDate(parsing: "2026-01-15", field: "d")
    let summary = try CareSummary(facts: try Self.facts(), treatmentEnd: end)
    let plan = try #require(summary.plan)
    #expect(plan.visits.map(\.month) == summary.schedule.visits.map(\.month))
    #expect(plan.visits.map(\.tests) == summary.schedule.visits.map(\.tests))
    let svg = FollowUpTimeline.svg(plan)
    #expect(CareSummaryHTML.render(summary).contains(svg))
    #expect(svg.contains(">2026-01-15<") && svg.contains(">2027<") && svg.contains(">2036<"))
    #expect(!svg.contains(" mo<"))
  }
}
