import Foundation
public import LeioCore

/// The one renderer of a summary stage for people: the category (and whether it is estimated), what it means, the
/// plain explanation wherever it seems to disagree with a system's stage (``SummaryStageNote``, with its reference
/// section), and its own rule steps ("Why this summary stage"). The calculator, the registry case page, the care
/// summary and the CLI all show it through here.
public enum SummaryStageView {
  /// The heading of one note: what it compares.
  public static func heading(_ note: SummaryStageNote) -> String {
    guard !note.systems.isEmpty else { return "About this summary stage" }
    let names = note.systems.map(\.shortTitle)
    let joined = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    return "Why the summary stage and the \(joined) \(names.count == 1 ? "stage" : "stages") seem to differ"
  }

  /// The summary stage as HTML: notes are paragraphs with a strong lead; the rule steps sit in a `<details>` element.
  public static func html(_ summary: SummaryStageResult, style: RuleStepList.Style = .page) -> HTML {
    let estimated: HTML =
      summary.estimated ? " <span class=\"\(style == .page ? "hint" : "small")\">(estimated)</span>" : ""
    var html: HTML =
      "<div class=\"summary-stage\"><p>Summary stage (SEER 2018): <span class=\"stage\">\(summary.category.rawValue)</span>\(estimated)</p>"
    guard summary.code != nil else {
      return html + "<p>\(summary.label)</p></div>"
    }
    html += "<p>\(CareSummary.meaning(ofSummaryStage: summary.code == .unknown ? .unknown : summary.category))</p>"
    for note in summary.notes {
      html +=
        "<p class=\"stage-note\" data-rule=\"\(note.rule)\"><strong>\(heading(note)):</strong> \(note.text) <span class=\"\(style == .page ? "hint" : "small")\">(reference \(note.section))</span></p>"
    }
    if !summary.steps.isEmpty {
      html += "<details class=\"summary-steps\"><summary>Why this summary stage</summary>"
      html += RuleStepList.html(summary.steps, style: style, classes: style == .document ? "steps small" : nil)
      html += "</details>"
    }
    return html + "</div>"
  }

  /// The summary stage as text lines: the stage line is the caller's; these are the notes and, when `steps`, the
  /// rule steps under "Why this summary stage:".
  public static func textLines(_ summary: SummaryStageResult, indent: String, steps: Bool) -> [String] {
    var lines: [String] = []
    for note in summary.notes {
      lines.append("\(indent)\(heading(note)): \(note.text) (reference \(note.section))")
    }
    if steps, !summary.steps.isEmpty {
      lines.append("\(indent)Why this summary stage:")
      lines += RuleStepList.text(summary.steps, numbered: false, indent: indent + "  ")
    }
    return lines
  }
}
