import Foundation
public import LeioCore

/// The follow-up plan as an inline SVG timeline: years 0–10 after treatment on
/// one axis, one mark per visit (filled when done or due, outlined otherwise),
/// with an accessible title and description.
public enum FollowUpTimeline {
  /// The plan's visits on a ten-year line, as inline SVG with a text alternative.
  public static func svg(_ plan: FollowUpPlan) -> String {
    let width = 900.0
    let left = 70.0
    let right = 45.0
    let axisY = 70.0
    let span = width - left - right
    func x(_ month: Int) -> Double { left + span * Double(month) / 120 }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) 120\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\">"
    svg += "<title id=\"timeline-title\">Follow-up timeline</title>"
    svg +=
      "<desc id=\"timeline-desc\">\(plan.visits.count) visits over 10 years after treatment ended on \(plan.treatmentEnd).</desc>"
    svg +=
      "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(width - right)\" y2=\"\(axisY)\" stroke=\"#4a5560\" stroke-width=\"2\"/>"
    for year in 0...10 {
      let position = x(year * 12)
      svg += "<line x1=\"\(position)\" y1=\"\(axisY - 6)\" x2=\"\(position)\" y2=\"\(axisY + 6)\" stroke=\"#4a5560\"/>"
      svg +=
        "<text x=\"\(position)\" y=\"\(axisY + 26)\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1b1f24\">\(year == 0 ? "end of treatment" : "year \(year)")</text>"
    }
    for visit in plan.visits {
      let (color, filled): (String, Bool) =
        switch visit.status {
        case .overdue?: ("#b00020", true)
        case .due?: ("#8a4b00", true)
        case .done?: ("#2e7d32", true)
        case .past?, .upcoming?, nil: ("#0b5394", false)
        }
      let radius = visit.isCheckpoint ? 8 : 6
      svg +=
        "<circle cx=\"\(x(visit.month))\" cy=\"\(axisY)\" r=\"\(radius)\" fill=\"\(filled ? color : "#ffffff")\" stroke=\"\(color)\" stroke-width=\"2\">"
      svg +=
        "<title>\(visit.date): \(HTML.escape(visit.tests.joined(separator: "; ")))\(visit.status.map { " (\($0.rawValue))" } ?? "")</title></circle>"
    }
    svg +=
      "<text x=\"\(left)\" y=\"24\" font-size=\"14\" fill=\"#1b1f24\">Each circle is a visit; filled = done, due or overdue; the larger circle is the 10-year review.</text>"
    return svg + "</svg>"
  }
}
