import ArgumentParser
import Foundation
import LeioCore
import LeioReport

/// `leio plan`: the dated follow-up schedule, with an optional calendar file.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract:
      "Dated follow-up visits and imaging after treatment (typical guideline-based schedule; your team may differ).",
    discussion: """
      Takes the same case document as 'leio stage'.
        leio plan --input Examples/extremity-lms.json --treatment-end 2026-01-15
        leio plan --input Examples/uterine-lms.json --treatment-end 2025-06-30 --today 2026-11-23 --last-visit 2026-07-02
        leio plan --input case.json --treatment-end 2026-01-15 --ics follow-up.ics
      With --today, visits are marked due (within 30 days), upcoming, or past; with --last-visit too, past visits
      after the last visit are overdue and earlier ones done. --today defaults to today's date in your time zone.
      """
  )

  @Option(name: .long, help: ArgumentHelp("JSON case document; '-' reads stdin.", valueName: "file")) var input: String
  @Option(name: .customLong("treatment-end"), help: "End of primary treatment, YYYY-MM-DD.") var treatmentEnd: String
  @Option(help: "Reference date for due/overdue, YYYY-MM-DD (default: today).") var today: String?
  @Option(name: .customLong("last-visit"), help: "Date of the last follow-up visit that took place, YYYY-MM-DD.")
  var lastVisit: String?
  @Option(help: ArgumentHelp("Also write an RFC 5545 calendar to this file.", valueName: "file")) var ics: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    let plan = try reportingErrors { () throws -> FollowUpPlan in
      let facts = try CaseFacts(try Console.decode(CaseInput.self, from: input))
      let reference = try today.map { try CalendarDate(parsing: $0, field: "today") } ?? Self.localToday()
      return try FollowUp.plan(
        for: facts, treatmentEnd: try CalendarDate(parsing: treatmentEnd, field: "treatmentEnd"), today: reference,
        lastVisit: try lastVisit.map { try CalendarDate(parsing: $0, field: "lastVisit") })
    }
    if let ics {
      let text = ICalendar.calendar(plan, stamp: plan.today ?? plan.treatmentEnd)
      try reportingErrors { try Console.write(Data(text.utf8), to: ics) }
    }
    if output.json { return Console.print(try Console.json(plan)) }
    var lines = ["Follow-up plan: \(plan.riskGroupLabel) [\(plan.riskGroup.rawValue)]", "Why: \(plan.reason)"]
    if plan.flagged {
      lines.append("! This schedule is a conservative default; confirm the risk group with your team.")
    }
    lines.append(plan.label)
    lines.append("")
    for visit in plan.visits {
      let status = visit.status.map { "[\($0.rawValue)] " } ?? ""
      lines.append(
        "\(visit.date)  month \(String(visit.month).leftPad(3))  \(status)\(visit.tests.joined(separator: "; "))")
      if visit.isCheckpoint { lines.append("            \(plan.endRule)") }
    }
    lines.append("")
    lines.append("Schedule \(plan.scheduleVersion); sources: \(SourceNames.labels(plan.sources)).")
    if let ics { lines.append("Calendar written to \(ics).") }
    lines.append(TextRenderer.disclaimer)
    Console.print(lines.joined(separator: "\n"))
  }

  /// Today's date in the user's time zone.
  static func localToday() -> CalendarDate { CalendarDate.today() }
}

extension String {
  func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
