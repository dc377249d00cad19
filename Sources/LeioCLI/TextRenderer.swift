import Foundation
import LeioCore
import LeioReport

/// Plain-text rendering of LeioCore results for the terminal.
///
/// It only lays out what the result holds; it derives nothing.
enum TextRenderer {
  static let disclaimer =
    "Educational and registry information, not a medical device: discuss every result with the care team."

  static func report(_ report: StagingReport) -> String {
    var lines: [String] = []
    if let group = report.siteGroup { lines.append("Site group: \(group.rawValue) (\(group.title))") }
    lines.append("Summary stage (SEER 2018): " + summary(report.summaryStage))
    lines += SummaryStageView.textLines(report.summaryStage, indent: "  ", steps: false)
    for result in report.results {
      lines.append("")
      lines += self.result(result)
    }
    lines.append("")
    lines.append(disclaimer)
    return lines.joined(separator: "\n")
  }

  static func summary(_ summary: SummaryStageResult) -> String {
    guard let code = summary.code else { return "not computed: \(summary.label)" }
    return "\(code.rawValue) \(summary.label) (\(summary.category.rawValue))"
      + (summary.estimated ? ", estimated (D-17)" : "")
  }

  static func result(_ result: StagingResult) -> [String] {
    var lines = [result.systemLabel]
    let categories = [result.t?.rawValue, result.n?.rawValue, result.m?.rawValue, result.grade?.rawValue].compactMap {
      $0
    }.joined(separator: " ")
    let group: String =
      switch result.status {
      case .computed: "stage \(result.stageGroup.rawValue)"
      case .substageUnknown: "stage \(result.stageGroup.rawValue), substage unknown"
      case .unknown: "stage unknown"
      case .noGroupDefined: "no stage group defined for this site"
      case .notApplicable: "not applicable"
      case .notImplemented: "not implemented"
      }
    lines.append("  " + (categories.isEmpty ? group : "\(categories)  →  \(group)"))
    if let reason = result.reason { lines.append("  Reason: \(reason)") }
    lines.append("  Why:")
    lines += RuleStepList.text(result.steps, numbered: true, indent: "    ", decisions: true)
    if !result.warnings.isEmpty {
      lines.append("  Warnings:")
      for warning in result.warnings { lines.append("    ! [\(warning.section)] \(warning.message)") }
    }
    if !result.sources.isEmpty { lines.append("  Sources: \(SourceNames.labels(result.sources))") }
    return lines
  }

  static func steps(_ steps: [RuleStep], warnings: [StagingWarning]) -> [String] {
    var lines = RuleStepList.text(steps, numbered: true, indent: "  ")
    lines += warnings.map { "  ! [\($0.section)] \($0.message)" }
    return lines
  }
}
