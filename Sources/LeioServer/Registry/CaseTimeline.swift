import Foundation
import LeioCore
import LeioReport
import LeioStore

/// The case page's picture: diagnosis, treatments (bars), visits and scans, recurrences, death and the next visit
/// due, on one time axis. SVG with a text alternative; the same facts are listed in the tables beside it.
enum CaseTimeline {
  static let escape = HTML.escape

  static func svg(_ file: PatientFile, today: CalendarDate) -> String {
    var dates: [CalendarDate] = [today]
    func day(_ text: String?) -> CalendarDate? { text.flatMap { try? CalendarDate(parsing: $0, field: "date") } }
    dates += file.tumours.compactMap { day($0.diagnosisDate) } + file.tumours.compactMap(\.nextDueDate)
    dates +=
      file.treatments.compactMap { day($0.startDate) } + file.treatments.compactMap { day($0.endDate) }
      + file.events.compactMap { day($0.date) }
    guard let first = dates.min(), let last = dates.max() else { return "" }
    let (width, left, right) = (760.0, 20.0, 20.0)
    let span = Double(max(30, last.dayNumber - first.dayNumber))
    func x(_ date: CalendarDate) -> Double {
      left + (Double(date.dayNumber - first.dayNumber) / span) * (width - left - right)
    }
    let label =
      "Timeline from \(first) to \(last): \(file.tumours.count) tumour(s), \(file.treatments.count) treatment(s), \(file.events.count) follow-up event(s)."
    var svg =
      "<svg class=\"timeline\" viewBox=\"0 0 \(Int(width)) 150\" width=\"100%\" role=\"img\" aria-label=\"\(escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">"
    svg += "<line x1=\"\(left)\" y1=\"110\" x2=\"\(width - right)\" y2=\"110\" stroke=\"#4a5560\"/>"
    for year in (first.year...last.year) {
      guard let start = CalendarDate(year: year, month: 1, day: 1), start >= first, start <= last else { continue }
      svg +=
        "<line x1=\"\(x(start))\" y1=\"106\" x2=\"\(x(start))\" y2=\"114\" stroke=\"#4a5560\"/><text x=\"\(x(start))\" y=\"128\" font-size=\"11\" text-anchor=\"middle\">\(year)</text>"
    }
    for tumour in file.tumours {
      if let date = day(tumour.diagnosisDate) {
        svg +=
          "<g><title>Diagnosis \(escape(date.description))</title><circle cx=\"\(x(date))\" cy=\"110\" r=\"6\" fill=\"#0b5394\"/></g>"
      }
      if let date = tumour.nextDueDate {
        let colour = date < today ? "#b00020" : "#8a4b00"
        svg += "<g><title>Next follow-up due \(escape(date.description))\(date < today ? " (overdue)" : "")</title>"
        svg +=
          "<line x1=\"\(x(date))\" y1=\"60\" x2=\"\(x(date))\" y2=\"110\" stroke=\"\(colour)\" stroke-dasharray=\"4 3\"/><text x=\"\(x(date))\" y=\"55\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(colour)\">next due</text></g>"
      }
    }
    for (index, treatment) in file.treatments.enumerated() {
      guard let start = day(treatment.startDate) else { continue }
      let end = day(treatment.endDate) ?? start
      let y = 70 + Double(index % 3) * 10
      svg +=
        "<g><title>\(escape(treatment.kind)) \(escape(treatment.startDate))\(treatment.endDate.map { " to \(escape($0))" } ?? "")</title>"
      svg +=
        "<rect x=\"\(x(start))\" y=\"\(y)\" width=\"\(max(4, x(end) - x(start)))\" height=\"8\" fill=\"#1b7f5a\"/></g>"
    }
    for event in file.events {
      guard let date = day(event.date) else { continue }
      let cx = x(date)
      let title =
        "<title>\(escape(event.kind.rawValue)) \(escape(event.date))\(event.recurrenceType.map { " (\(escape($0)))" } ?? "")</title>"
      switch event.kind {
      case .recurrence:
        svg += "<g>\(title)<polygon points=\"\(cx),88 \(cx - 6),100 \(cx + 6),100\" fill=\"#b00020\"/></g>"
      case .death:
        svg +=
          "<g>\(title)<path d=\"M\(cx - 5) 87 L\(cx + 5) 97 M\(cx + 5) 87 L\(cx - 5) 97\" stroke=\"#1b1f24\" stroke-width=\"2\"/></g>"
      case .visit, .imaging, .lastContact:
        svg +=
          "<g>\(title)<circle cx=\"\(cx)\" cy=\"110\" r=\"4\" fill=\"#fff\" stroke=\"#0b5394\" stroke-width=\"2\"/></g>"
      }
    }
    svg += "<text x=\"\(x(today))\" y=\"145\" font-size=\"11\" text-anchor=\"middle\">today</text>"
    return svg + "</svg>"
  }
}
