import Foundation
import LeioCore
import Testing

@Suite("Follow-up plans (§9.4)")
struct FollowUpTests {
  static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text, field: "date") }

  static func plan(
    _ build: (inout CaseInput) -> Void, end: String = "2025-01-15", today: String? = nil, last: String? = nil
  ) throws -> FollowUpPlan {
    var input = CaseInput()
    build(&input)
    return try FollowUp.plan(
      for: try CaseFacts(input), treatmentEnd: try date(end), today: try today.map(date), lastVisit: try last.map(date))
  }

  @Test(
    "risk groups, first match",
    arguments: [
      (#"{"site":"uterus","uterineExtent":"confined","sizeCm":4}"#, "RG-UT", false),
      (#"{"site":"retroperitoneum","sizeCm":12,"grade":"G1"}"#, "RG-AB", false),
      (#"{"site":"visceral","visceralExtent":"confined"}"#, "RG-AB", false),
      (#"{"site":"extremity","sizeCm":3,"depth":"deep","grade":"G3","nodes":"N0"}"#, "RG-HI", false),
      (#"{"site":"extremity","sizeCm":8,"depth":"deep","grade":"G1","nodes":"N1"}"#, "RG-HI", false),
      (#"{"site":"extremity","sizeCm":8,"depth":"deep","grade":"G1","nodes":"N0"}"#, "RG-LO", false),
      (#"{"site":"extremity","sizeCm":8,"depth":"deep","grade":"low","nodes":"N0"}"#, "RG-LO", false),
      (#"{"site":"extremity","sizeCm":8,"depth":"deep","nodes":"N0"}"#, "RG-HI", true),
    ])
  func riskGroups(_ json: String, _ group: String, _ flagged: Bool) throws {
    let input = try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8))
    let plan = try FollowUp.plan(for: try CaseFacts(input), treatmentEnd: try Self.date("2025-01-15"))
    #expect(plan.riskGroup.rawValue == group, "\(json)")
    #expect(plan.flagged == flagged)
    #expect(plan.label == "Typical guideline-based schedule; your team may differ.")
  }

  static let high: @Sendable (inout CaseInput) -> Void = {
    ($0[text: .site], $0[number: .sizeCm], $0[text: .depth], $0[text: .grade], $0[text: .nodes]) = (
      "extremity", 7, "deep", "G3", "N0"
    )
  }
  static let low: @Sendable (inout CaseInput) -> Void = {
    ($0[text: .site], $0[number: .sizeCm], $0[text: .depth], $0[text: .grade], $0[text: .nodes]) = (
      "extremity", 7, "deep", "G1", "N0"
    )
  }

  @Test("RG-HI months: every 3 to 36, every 6 to 60, yearly to the month-120 checkpoint")
  func highMonths() throws {
    let plan = try Self.plan(Self.high)
    #expect(
      plan.visits.map(\.month) == Array(stride(from: 3, through: 36, by: 3)) + [42, 48, 54, 60] + [
        72, 84, 96, 108, 120,
      ])
    #expect(plan.visits.last?.isCheckpoint == true && plan.visits.dropLast().allSatisfy { !$0.isCheckpoint })
    #expect(plan.visits.first?.tests.contains("chest CT") == true)
    #expect(
      plan.visits.first { $0.month == 72 }?.tests == [
        "history and physical examination", "chest imaging (CT or X-ray)",
      ])
  }

  @Test("RG-LO merges its overlapping rules into one visit per month")
  func lowMonths() throws {
    let plan = try Self.plan(Self.low)
    #expect(plan.visits.map(\.month) == [6, 12, 18, 24, 30, 36, 48, 60, 72, 84, 96, 108, 120])
    #expect(
      plan.visits.first { $0.month == 12 }?.tests == [
        "history and physical examination", "imaging of the primary site if indicated", "chest imaging (CT or X-ray)",
      ])
    #expect(
      plan.visits.first { $0.month == 48 }?.tests == [
        "history and physical examination", "chest imaging (CT or X-ray)",
      ])
  }

  @Test(
    "dates across months, years and leap days",
    arguments: [
      ("2024-02-29", 3, "2024-05-29"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"),
      ("2023-11-30", 3, "2024-02-29"), ("2022-11-30", 3, "2023-02-28"), ("2025-01-31", 3, "2025-04-30"),
      ("2025-12-15", 3, "2026-03-15"), ("2099-12-31", 120, "2109-12-31"),
    ])
  func dates(_ end: String, _ month: Int, _ expected: String) throws {
    let plan = try Self.plan(Self.high, end: end)
    #expect(plan.visits.first { $0.month == month }?.date.description == expected)
  }

  @Test("day arithmetic agrees with Foundation's Gregorian calendar")
  func dayArithmetic() throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let start = try #require(CalendarDate(year: 1999, month: 12, day: 25))
    for offset in stride(from: 0, to: 20_000, by: 37) {
      let ours = start.adding(days: offset)
      let base = try #require(calendar.date(from: DateComponents(year: 1999, month: 12, day: 25)))
      let theirs = calendar.dateComponents(
        [.year, .month, .day], from: try #require(calendar.date(byAdding: .day, value: offset, to: base)))
      #expect(ours.year == theirs.year && ours.month == theirs.month && ours.day == theirs.day, "\(offset)")
      #expect(ours.dayNumber - start.dayNumber == offset)
    }
  }

  @Test("due, upcoming, past, done and overdue")
  func statuses() throws {
    let plain = try Self.plan(Self.high, end: "2025-01-15", today: "2025-10-01")
    #expect(plain.visits.first { $0.month == 6 }?.status?.rawValue == "past")
    #expect(plain.visits.first { $0.month == 9 }?.status?.rawValue == "due")  // 2025-10-15, 14 days ahead
    #expect(plain.visits.first { $0.month == 12 }?.status?.rawValue == "upcoming")
    let tracked = try Self.plan(Self.high, end: "2025-01-15", today: "2025-10-01", last: "2025-04-20")
    #expect(tracked.visits.first { $0.month == 3 }?.status?.rawValue == "done")
    #expect(tracked.visits.first { $0.month == 6 }?.status?.rawValue == "overdue")
    let exact = try Self.plan(Self.high, end: "2025-01-15", today: "2025-04-15")
    #expect(exact.visits.first { $0.month == 3 }?.status?.rawValue == "due")
  }

  @Test(
    "bad dates are field-level errors",
    arguments: [
      ("2025-02-29", nil, nil, "date"), ("2025-13-01", nil, nil, "date"), ("25-01-01", nil, nil, "date"),
      ("2025-01-15", "2025-06-01", "2024-12-01", "lastVisit"), ("2025-01-15", "2025-06-01", "2025-07-01", "lastVisit"),
    ])
  func badDates(_ end: String, _ today: String?, _ last: String?, _ field: String) {
    do {
      _ = try Self.plan(Self.high, end: end, today: today, last: last)
      Issue.record("accepted \(end) \(String(describing: today)) \(String(describing: last))")
    } catch let error as StagingError {
      #expect(error.field == field)
    } catch { Issue.record("\(error)") }
  }
}
