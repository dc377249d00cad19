import Foundation
import LeioCore
import LeioReport
import Testing

@Suite("iCalendar export")
struct ICalendarTests {
  static func plan() throws -> FollowUpPlan {
    var input = CaseInput()
    (input[text: .site], input[number: .sizeCm], input[text: .depth], input[text: .grade], input[text: .nodes]) = (
      "extremity", 7, "deep", "G3", "N0"
    )
    return try FollowUp.plan(
      for: try CaseFacts(input), treatmentEnd: try CalendarDate(parsing: "2025-01-15", field: "d"))
  }

  @Test("structure: CRLF, folded lines, one event per visit, all-day dates")
  func structure() throws {
    let plan = try Self.plan()
    let text = ICalendar.calendar(plan, stamp: try CalendarDate(parsing: "2026-11-23", field: "d"))
    #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
    let lines = text.components(separatedBy: "\r\n").dropLast()
    #expect(lines.allSatisfy { $0.utf8.count <= 75 })
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == plan.visits.count)
    #expect(text.contains("DTSTART;VALUE=DATE:20250415\r\nDTEND;VALUE=DATE:20250416"))
  }

  @Test("UIDs are stable across exports on different days, so re-export updates events")
  func stableUIDs() throws {
    let plan = try Self.plan()
    func uids(_ day: String) throws -> [String] {
      ICalendar.calendar(plan, stamp: try CalendarDate(parsing: day, field: "d")).components(separatedBy: "\r\n").filter
      { $0.hasPrefix("UID:") }
    }
    #expect(try uids("2026-01-01") == uids("2027-06-30"))
    #expect(Set(try uids("2026-01-01")).count == plan.visits.count)
  }

  @Test("text escaping (RFC 5545 §3.3.11)")
  func escaping() throws {
    let stamp = try #require(CalendarDate(year: 2026, month: 1, day: 1))
    let unfolded = ICalendar.calendar(try Self.plan(), stamp: stamp).replacingOccurrences(of: "\r\n ", with: "")
    #expect(unfolded.contains("chest CT\\; imaging"))
    #expect(unfolded.contains("Month 3 after treatment: history and physical examination\\; chest CT"))
  }
}
