import ArgumentParser
import Foundation
import LeioCore
import LeioReport

/// `leio report`: the care summary of a case.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "A readable care summary of a case for the patient and their team (HTML page or plain text).",
    discussion: """
      Takes the same case document as 'leio stage'.
        leio report --input Examples/uterine-lms.json --format html --output summary.html
        leio report --input Examples/extremity-lms.json --format text --treatment-end 2026-01-15
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable { case html, text }

  @Option(name: .long, help: ArgumentHelp("JSON case document; '-' reads stdin.", valueName: "file")) var input: String
  @Option(help: "html (one self-contained printable page) or text.") var format: Format = .html
  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
  var output: String?
  @Option(help: "A heading line for the summary, e.g. 'Fictional example'.") var label: String?
  @Option(
    name: .customLong("treatment-end"), help: "End of primary treatment, YYYY-MM-DD, to include the follow-up plan.")
  var treatmentEnd: String?
  @Option(help: "Reference date for due/overdue, YYYY-MM-DD (default: today).") var today: String?
  @Option(help: "Margin after surgery: R0, R1, R2 or RX.") var margin: String?

  func run() throws {
    let summary = try reportingErrors { () throws -> CareSummary in
      let facts = try CaseFacts(try Console.decode(CaseInput.self, from: input))
      return try CareSummary(
        facts: facts, label: label,
        treatmentEnd: try treatmentEnd.map { try CalendarDate(parsing: $0, field: "treatmentEnd") },
        today: try today.map { try CalendarDate(parsing: $0, field: "today") } ?? PlanCommand.localToday(),
        margin: try margin.map { try ResectionMargin.parse($0, field: "margin") })
    }
    let text = format == .html ? CareSummaryHTML.render(summary) : CareSummaryText.render(summary)
    guard let output else { return FileHandle.standardOutput.write(Data(text.utf8)) }
    try reportingErrors { try Console.write(Data(text.utf8), to: output) }
  }
}
