import ArgumentParser
import Foundation
import LeioCore
import LeioReport

/// `leio options`: treatment options for a case's situation (educational).
struct OptionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "options",
    abstract:
      "Treatment options the published guidelines list for a case's situation — information, never a recommendation.",
    discussion: """
      Takes the same case document as 'leio stage'. The situation is metastatic when metastasis is M1, otherwise
      localized; --situation overrides it (unresectable, recurrent).
        leio options --input Examples/extremity-lms.json --margin R1
        leio options --input Examples/uterine-lms.json --json
        leio options --input case.json --situation recurrent
      """
  )

  @Option(name: .long, help: ArgumentHelp("JSON case document; '-' reads stdin.", valueName: "file")) var input: String
  @Option(help: "Margin after surgery: R0, R1, R2 or RX (localized disease).") var margin: String?
  @Option(help: "localized, unresectable, metastatic or recurrent.") var situation: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    let report = try reportingErrors { () throws -> TreatmentOptionsReport in
      let facts = try CaseFacts(try Console.decode(CaseInput.self, from: input))
      return try TreatmentOptions.report(
        for: facts, situation: try situation.map { try TreatmentSituation.parse($0, field: "situation") },
        margin: try margin.map { try ResectionMargin.parse($0, field: "margin") })
    }
    if output.json { return Console.print(try Console.json(report)) }
    var lines = [
      report.banner, "",
      "Situation: \(report.situation.rawValue)" + (report.siteGroup.map { ", \($0.title)" } ?? "")
        + (report.margin.map { ", margin \($0.rawValue)" } ?? ""),
      "Options listed in the guidelines (in no order of preference):",
    ]
    for option in report.options {
      lines.append("")
      lines.append("• \(option.title)")
      lines.append("  What it is: \(option.what)")
      lines.append("  When it is used: \(option.when)")
      if let approval = option.approval { lines.append("  Status: \(approval)") }
      if let conflict = option.conflict { lines.append("  Sources differ (\(conflict)).") }
      lines.append("  Sources: \(SourceNames.labels(option.sources)) (reference \(option.section))")
    }
    lines += ["", "Clinical trials: \(report.clinicalTrials)", "Sarcoma centres: \(report.sarcomaCentres)"]
    lines += report.notes.map { "Note: " + $0 }
    lines.append(TextRenderer.disclaimer)
    Console.print(lines.joined(separator: "\n"))
  }
}
