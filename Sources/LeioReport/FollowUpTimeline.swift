import Foundation
public import LeioCore

/// The follow-up schedule as an inline SVG timeline: ten years after treatment on one axis, one mark per visit
/// (filled when done or due, outlined otherwise), with an accessible title and description. The same picture serves
/// the dated plan (ticks at the calendar dates) and the schedule without a date (ticks in months after the end of
/// treatment).
public enum FollowUpTimeline {
  /// One visit on the line.
  struct Mark {
    let month: Int
    let title: String
    let status: VisitStatus?
    let isCheckpoint: Bool
  }

  /// The dated plan's visits: ticks at the end of treatment and each anniversary, marks coloured by status.
  public static func svg(_ plan: FollowUpPlan) -> String {
    render(
      plan.visits.map {
        Mark(
          month: $0.month,
          title: "\($0.date): \($0.tests.joined(separator: "; "))\($0.status.map { " (\($0.rawValue))" } ?? "")",
          status: $0.status, isCheckpoint: $0.isCheckpoint)
      },
      description: "\(plan.visits.count) visits over 10 years after treatment ended on \(plan.treatmentEnd).",
      tick: { year in year == 0 ? "\(plan.treatmentEnd)" : String(plan.treatmentEnd.adding(months: year * 12).year) })
  }

  /// The schedule without a date: ticks in months after the end of treatment.
  public static func svg(_ schedule: FollowUpSchedule) -> String {
    render(
      schedule.visits.map {
        Mark(
          month: $0.month, title: "month \($0.month): \($0.tests.joined(separator: "; "))", status: nil,
          isCheckpoint: $0.isCheckpoint)
      },
      description:
        "\(schedule.visits.count) visits over 10 years, counted in months after the end of treatment (no date given).",
      tick: { year in year == 0 ? "0" : "\(year * 12) mo" }, caption: "months after the end of treatment")
  }

  static func render(_ marks: [Mark], description: String, tick: (Int) -> String, caption: String? = nil) -> String {
    let width = 900.0
    let left = 70.0
    let right = 45.0
    let axisY = 70.0
    let span = width - left - right
    func x(_ month: Int) -> Double { left + span * Double(month) / 120 }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(caption == nil ? 120 : 140)\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
    svg += "<title id=\"timeline-title\">Follow-up timeline</title>"
    svg += "<desc id=\"timeline-desc\">\(HTML.escape(description))</desc>"
    svg +=
      "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(width - right)\" y2=\"\(axisY)\" stroke=\"#4a5560\" stroke-width=\"2\"/>"
    for year in 0...10 {
      let position = x(year * 12)
      svg += "<line x1=\"\(position)\" y1=\"\(axisY - 6)\" x2=\"\(position)\" y2=\"\(axisY + 6)\" stroke=\"#4a5560\"/>"
      svg +=
        "<text x=\"\(position)\" y=\"\(axisY + 26)\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1f24\">\(HTML.escape(tick(year)))</text>"
    }
    if let caption {
      svg +=
        "<text x=\"\(left + span / 2)\" y=\"\(axisY + 50)\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1f24\">\(HTML.escape(caption))</text>"
    }
    for mark in marks {
      let (color, filled): (String, Bool) =
        switch mark.status {
        case .overdue?: ("#b00020", true)
        case .due?: ("#8a4b00", true)
        case .done?: ("#2e7d32", true)
        case .past?, .upcoming?, nil: ("#0b5394", false)
        }
      let radius = mark.isCheckpoint ? 8 : 6
      svg +=
        "<circle cx=\"\(x(mark.month))\" cy=\"\(axisY)\" r=\"\(radius)\" fill=\"\(filled ? color : "#ffffff")\" stroke=\"\(color)\" stroke-width=\"2\">"
      svg += "<title>\(HTML.escape(mark.title))</title></circle>"
    }
    svg +=
      "<text x=\"\(left)\" y=\"24\" font-size=\"14\" fill=\"#1b1f24\">Each circle is a visit; filled = done, due or overdue; the larger circle is the 10-year review.</text>"
    return svg + "</svg>"
  }
}
