import Foundation
public import LeioCore

/// The one renderer of the rule steps behind an answer ("Explain every answer"): every page, the care summary and the
/// CLI show them through it.
public enum RuleStepList {
  /// How the section reference is marked up in HTML: `page` (with the page's hint class) or `document` (the
  /// self-contained care summary, which styles plain spans).
  public enum Style: Sendable {
    case page, document
  }

  /// The steps as list items (without the surrounding `<ol>`): why, what it gave, and the reference section.
  public static func items(_ steps: [RuleStep], style: Style = .page) -> HTML {
    let span: HTML = style == .page ? "<span class=\"hint\">" : "<span>"
    return steps.map { step -> HTML in
      let output: HTML = step.output.map { " ⇒ <strong>\($0)</strong>" } ?? ""
      return "<li>\(step.because)\(output) \(span)(reference \(step.section))</span></li>"
    }.joined()
  }

  /// The steps as an ordered list.
  public static func html(_ steps: [RuleStep], style: Style = .page, classes: String? = nil) -> HTML {
    let open = HTML(trusted: classes.map { "<ol class=\"\(HTML.escape($0))\">" } ?? "<ol>")
    return open + items(steps, style: style) + "</ol>"
  }

  /// The steps as text lines: `numbered` with the section first (the CLI), or `bulleted` with the reference last
  /// (the care summary). `decisions` adds the DECISION ids a step applied.
  public static func text(_ steps: [RuleStep], numbered: Bool, indent: String, decisions: Bool = false) -> [String] {
    steps.enumerated().map { index, step in
      guard numbered else {
        return "\(indent)· \(step.because)\(step.output.map { " ⇒ \($0)" } ?? "") (reference \(step.section))"
      }
      let ids = decisions && !step.decisions.isEmpty ? " [\(step.decisions.joined(separator: ", "))]" : ""
      return "\(indent)\(index + 1). [\(step.section)] \(step.because)" + (step.output.map { "  ⇒ \($0)" } ?? "") + ids
    }
  }
}
