import Foundation
import LeioCore
import LeioReport
import LeioStore

/// The case page's picture: one labelled row per diagnosis, treatment, follow-up event and the next visit due, on a
/// time axis scaled to the record — from the first date recorded to today, or to death. Treatments are bars at least
/// a few pixels wide; a next visit due after the end of the axis is drawn at the edge with an arrow. The picture is
/// narrow (a 420-unit viewBox, 13-unit text) so that it stays readable when a phone scales it down. SVG with a text
/// alternative; the same facts are listed in the tables beside it.
enum CaseTimeline {
  static let escape = HTML.escape

  /// One row: a label, and a mark from `start` to `end` (a point when they are equal).
  struct Row {
    enum Mark { case diagnosis, treatment, visit, recurrence, death, due(overdue: Bool) }
    let label: String
    let start: CalendarDate
    let end: CalendarDate
    let mark: Mark
  }

  static let (width, labelWidth, right, rowHeight, top) = (420.0, 200.0, 14.0, 22.0, 40.0)

  static func rows(_ file: PatientFile, today: CalendarDate) -> [Row] {
    func day(_ text: String?) -> CalendarDate? { text.flatMap { try? CalendarDate(parsing: $0, field: "date") } }
    var rows: [Row] = []
    for tumour in file.tumours {
      if let date = day(tumour.diagnosisDate) {
        rows.append(Row(label: "Diagnosis", start: date, end: date, mark: .diagnosis))
      }
    }
    for treatment in file.treatments {
      guard let start = day(treatment.startDate) else { continue }
      rows.append(
        Row(
          label: treatment.kind.capitalized, start: start, end: max(start, day(treatment.endDate) ?? start),
          mark: .treatment))
    }
    for event in file.events {
      guard let date = day(event.date) else { continue }
      let (label, mark): (String, Row.Mark) =
        switch event.kind {
        case .visit: ("Visit", .visit)
        case .imaging: ("Scan", .visit)
        case .lastContact: ("Last contact", .visit)
        case .recurrence: ("Recurrence" + (event.recurrenceType.map { " (\($0))" } ?? ""), .recurrence)
        case .death: ("Death", .death)
        }
      rows.append(Row(label: label, start: date, end: date, mark: mark))
    }
    rows.sort { $0.start < $1.start }
    if !rows.contains(where: { if case .death = $0.mark { true } else { false } }) {
      for date in file.tumours.compactMap(\.nextDueDate) {
        rows.append(Row(label: "Next visit due", start: date, end: date, mark: .due(overdue: date < today)))
      }
    }
    return rows
  }

  static func svg(_ file: PatientFile, today: CalendarDate) -> String {
    let rows = rows(file, today: today)
    let death = rows.first { if case .death = $0.mark { true } else { false } }?.start
    let recorded = rows.filter { if case .due = $0.mark { false } else { true } }
    guard let first = recorded.map(\.start).min() ?? rows.map(\.start).min() else { return "" }
    // The axis: the record, from its first date to today (or death).
    let last = max(death ?? today, recorded.map(\.end).max() ?? first, first.adding(months: 1))
    let (left, axisRight) = (labelWidth, width - right)
    let span = Double(last.dayNumber - first.dayNumber)
    func x(_ date: CalendarDate) -> Double {
      left + min(1, max(0, Double(date.dayNumber - first.dayNumber) / span)) * (axisRight - left)
    }
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    let height = top + Double(rows.count) * rowHeight + 8
    let label =
      "Timeline from \(first) to \(death == nil ? "today, \(today)" : "death, \(last)"): \(file.tumours.count) tumour(s), \(file.treatments.count) treatment(s), \(file.events.count) follow-up event(s)."
    var svg =
      "<svg class=\"timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(label))\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\">"
    // Axis with its two ends and the years in between.
    svg +=
      "<line x1=\"\(f(left))\" y1=\"\(f(top - 8))\" x2=\"\(f(axisRight))\" y2=\"\(f(top - 8))\" stroke=\"#4a5560\"/>"
    svg += "<text x=\"\(f(left))\" y=\"14\" text-anchor=\"start\">\(escape(first.description))</text>"
    svg +=
      "<text x=\"\(f(axisRight))\" y=\"14\" text-anchor=\"end\">\(death == nil ? "today" : "death")</text>"
    for year in (first.year + 1)...max(first.year + 1, last.year) {
      guard let start = CalendarDate(year: year, month: 1, day: 1), start > first, start < last else { continue }
      let position = x(start)
      guard position - left > 70, axisRight - position > 40 else { continue }  // keep clear of the end labels
      svg +=
        "<line x1=\"\(f(position))\" y1=\"\(f(top - 12))\" x2=\"\(f(position))\" y2=\"\(f(height - 4))\" stroke=\"#d5dbe1\"/><text x=\"\(f(position))\" y=\"28\" text-anchor=\"middle\" fill=\"#4a5560\">\(year)</text>"
    }
    if death == nil {
      svg +=
        "<line x1=\"\(f(x(today)))\" y1=\"\(f(top - 12))\" x2=\"\(f(x(today)))\" y2=\"\(f(height - 4))\" stroke=\"#4a5560\" stroke-dasharray=\"2 3\"/>"
    }
    for (index, row) in rows.enumerated() {
      let y = top + Double(index) * rowHeight + rowHeight / 2
      let dates = row.start == row.end ? row.start.description : "\(row.start) to \(row.end)"
      svg += "<g><title>\(escape(row.label)): \(escape(dates))</title>"
      svg +=
        "<text x=\"4\" y=\"\(f(y + 4))\">\(escape(row.label)) <tspan fill=\"#4a5560\">\(escape(String(row.start.description.prefix(7))))</tspan></text>"
      let cx = x(row.start)
      switch row.mark {
      case .diagnosis:
        svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(y))\" r=\"6\" fill=\"#0b5394\"/>"
      case .treatment:
        let barWidth = max(6, x(row.end) - cx)
        svg +=
          "<rect x=\"\(f(min(cx, axisRight - barWidth)))\" y=\"\(f(y - 5))\" width=\"\(f(barWidth))\" height=\"10\" fill=\"#1b7f5a\"/>"
      case .visit:
        svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(y))\" r=\"5\" fill=\"#fff\" stroke=\"#0b5394\" stroke-width=\"2\"/>"
      case .recurrence:
        svg +=
          "<polygon points=\"\(f(cx)),\(f(y - 7)) \(f(cx - 7)),\(f(y + 6)) \(f(cx + 7)),\(f(y + 6))\" fill=\"#b00020\"/>"
      case .death:
        svg +=
          "<path d=\"M\(f(cx - 6)) \(f(y - 6)) L\(f(cx + 6)) \(f(y + 6)) M\(f(cx + 6)) \(f(y - 6)) L\(f(cx - 6)) \(f(y + 6))\" stroke=\"#1b1f24\" stroke-width=\"2\"/>"
      case .due(let overdue):
        let colour = overdue ? "#b00020" : "#8a4b00"
        if row.start > last {
          // After the axis: at its edge, pointing on.
          svg +=
            "<path d=\"M\(f(axisRight - 12)) \(f(y - 6)) L\(f(axisRight)) \(f(y)) L\(f(axisRight - 12)) \(f(y + 6))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        } else {
          svg +=
            "<rect x=\"\(f(cx - 5))\" y=\"\(f(y - 5))\" width=\"10\" height=\"10\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
        }
      }
      svg += "</g>"
    }
    return svg + "</svg>"
  }
}
