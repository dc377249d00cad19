import ArgumentParser
import Foundation
import LeioCore

/// `leio prognosis`: population figures for a case, with sources and caveats.
struct PrognosisCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prognosis",
    abstract:
      "Population survival and recurrence figures for a case's summary stage and cohort, with sources and caveats.",
    discussion: """
      Takes the same case document as 'leio stage'.
        leio prognosis --input Examples/uterine-lms.json
        leio prognosis --input Examples/extremity-lms.json --json
      These are population figures, not a prediction for one person.
      """
  )

  @Option(name: .long, help: ArgumentHelp("JSON case document; '-' reads stdin.", valueName: "file")) var input: String
  @OptionGroup var output: OutputOptions

  func run() throws {
    let (report, kb) = try reportingErrors { () throws -> (PrognosisReport, KnowledgeBase) in
      let facts = try CaseFacts(try Console.decode(CaseInput.self, from: input))
      return (try Prognosis.report(for: facts), try KnowledgeBase.shipped())
    }
    if output.json { return Console.print(try Console.json(report)) }
    Console.print(Self.text(report, kb))
  }

  static func text(_ report: PrognosisReport, _ kb: KnowledgeBase) -> String {
    func sources(_ keys: [String]) -> String { keys.map { kb.sources[$0]?.citation ?? $0 }.joined(separator: "; ") }
    var lines = [
      "Population: \(report.population)",
      "Summary stage: \(report.summaryStage)" + (report.summaryStageEstimated ? " (estimated)" : ""),
    ]
    if let note = report.note { lines.append(note) }
    lines.append("")
    lines.append("Five-year survival (population figures):")
    for figure in report.figures {
      let measure = figure.measure ?? "5-year relative survival"
      lines.append(
        "  • \(figure.stage): \(figure.value) — \(measure), \(figure.period). Source: \(sources(figure.sources))")
    }
    if !report.reportedByPatientMaterials.isEmpty {
      lines.append("What patient materials report:")
      for figure in report.reportedByPatientMaterials {
        let label = kb.unverifiedLabel.replacingOccurrences(of: "{source}", with: sources(figure.sources))
        lines.append("  • \(figure.stage): \(figure.value) (\(figure.period)) — \(label)")
      }
    }
    lines.append("")
    lines.append("Recurrence:")
    for fact in report.recurrence {
      lines.append("  • \(fact.title): \(fact.text)")
      lines += (fact.values ?? []).map { "      – " + kb.label($0) }
    }
    lines.append("")
    lines += report.caveats.map { "Note: " + $0 }
    lines.append(TextRenderer.disclaimer)
    return lines.joined(separator: "\n")
  }
}
