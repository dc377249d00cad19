import Foundation
public import LeioCore

/// The care summary as one self-contained, printable HTML page: inline CSS and
/// SVG, no scripts, no external resources; all text escaped.
public enum CareSummaryHTML {
  /// Escapes text for HTML (``HTML/escape(_:)``).
  static func escape(_ text: String) -> String { HTML.escape(text) }

  /// The stylesheet of the summary page (inline; allowed by hash in the server's Content-Security-Policy).
  public static let style = """
    :root{--ink:#1b1f24;--muted:#4a5560;--line:#c9d1d9;--accent:#0b5394;--warn:#8a4b00;--bg:#ffffff}
    *{box-sizing:border-box}body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg);margin:0}
    main{max-width:60rem;margin:0 auto;padding:1.5rem}h1{font-size:1.8rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
    h3{font-size:1.05rem;margin:1.2rem 0 .3rem}.banner{border-left:6px solid var(--warn);background:#fff6e8;padding:.7rem 1rem;margin:1rem 0}
    .label{color:var(--muted)}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
    th{background:#eef3f8}.stage{font-size:1.4rem;font-weight:700;color:var(--accent)}ol.steps li{margin:.15rem 0}.small{font-size:.9rem;color:var(--muted)}
    td.date{white-space:nowrap}.warn{color:var(--warn)}svg{max-width:100%;height:auto}dt{font-weight:700}dd{margin:0 0 .5rem 0}
    @media print{body{font-size:11pt}main{padding:0}h2{break-after:avoid}.banner{background:none}a{color:inherit}}
    @media (max-width:40rem){main{padding:.8rem}th,td{padding:.25rem}}
    """

  /// The page.
  public static func render(_ summary: CareSummary) -> String {
    var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    html +=
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">"
    html += "<title>Leiomyosarcoma care summary</title><style>\(style)</style></head><body><main>"
    html += "<header><h1>Leiomyosarcoma care summary</h1>"
    if let label = summary.label { html += "<p class=\"label\">\(escape(label))</p>" }
    html += "<p class=\"banner\" role=\"note\"><strong>Educational information, not medical advice.</strong> "
    html +=
      "This summary is produced by software from the information entered. Discuss every part of it with your care team.</p></header>"
    html += diagnosis(summary) + prognosis(summary) + options(summary) + followUp(summary)
    html += list(
      "Symptoms that should prompt an earlier visit",
      summary.symptoms.map { "<strong>\(escape($0.title)).</strong> \(escape($0.text))" })
    html += list("Questions to ask your care team", CareSummary.questions.map(escape))
    html += list("Support", summary.support.map { "<strong>\(escape($0.title)).</strong> \(escape($0.text))" })
    html +=
      "<section><h2>Glossary</h2><dl>"
      + CareSummary.glossary.map { "<dt>\(escape($0.term))</dt><dd>\(escape($0.meaning))</dd>" }.joined()
      + "</dl></section>"
    html += "<section><h2>Sources</h2><ol class=\"small\">"
    html += summary.sources.map {
      "<li>[\(escape(summary.label(source: $0)))] \(escape(summary.describe(source: $0)))</li>"
    }.joined()
    html += "</ol></section><footer class=\"small\"><p>Knowledge base \(escape(summary.knowledgeBase.version))"
    if let plan = summary.plan { html += "; follow-up schedule \(escape(plan.scheduleVersion))" }
    html +=
      ". Leio is not a medical device; decisions about care belong to your sarcoma team.</p></footer></main></body></html>\n"
    return html
  }

  static func diagnosis(_ summary: CareSummary) -> String {
    var html = "<section><h2>Diagnosis and stage</h2>"
    if let group = summary.staging.siteGroup { html += "<p>Site: \(escape(group.title))</p>" }
    let stage = summary.staging.summaryStage
    html += SummaryStageView.html(stage, style: .document).rendered
    html +=
      "<table><thead><tr><th scope=\"col\">System</th><th scope=\"col\">T</th><th scope=\"col\">N</th><th scope=\"col\">M</th><th scope=\"col\">Grade</th><th scope=\"col\">Stage</th></tr></thead><tbody>"
    for result in summary.staging.results {
      let stageText =
        result.status == .noGroupDefined
        ? "no stage group for this site"
        : (result.status == .notApplicable ? "not applicable" : result.stageGroup.rawValue)
      html +=
        "<tr><td>\(escape(result.systemLabel))</td><td>\(escape(result.t?.rawValue ?? "–"))</td><td>\(escape(result.n?.rawValue ?? "–"))</td>"
      html +=
        "<td>\(escape(result.m?.rawValue ?? "–"))</td><td>\(escape(result.grade?.rawValue ?? "not used"))</td><td><strong>\(escape(stageText))</strong></td></tr>"
    }
    html += "</tbody></table>"
    for result in summary.staging.results where !result.steps.isEmpty {
      html += "<h3>How the \(escape(result.systemLabel)) result was reached</h3>"
      html += RuleStepList.html(result.steps, style: .document, classes: "steps small").rendered
      if !result.warnings.isEmpty {
        html +=
          "<ul class=\"warn small\">" + result.warnings.map { "<li>\(escape($0.message))</li>" }.joined() + "</ul>"
      }
    }
    html +=
      "<p class=\"small\">Stage IV does not always mean the cancer has spread far (for example FIGO IVA is local growth into the bladder or rectum).</p>"
    return html + "</section>"
  }

  static func prognosis(_ summary: CareSummary) -> String {
    let report = summary.prognosis
    var html = "<section><h2>Outlook: population figures</h2><p>Population: \(escape(report.population)).</p>"
    if let note = report.note { html += "<p>\(escape(note))</p>" }
    html +=
      "<table><thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">Figure</th><th scope=\"col\">Measure and period</th><th scope=\"col\">Source (see Sources)</th></tr></thead><tbody>"
    for figure in report.figures {
      html +=
        "<tr><td>\(escape(figure.stage))</td><td>\(escape(figure.value))</td><td>\(escape(figure.measure ?? "5-year relative survival")), \(escape(figure.period))</td>"
      html += "<td>\(escape(figure.sources.map(summary.label(source:)).joined(separator: ", ")))</td></tr>"
    }
    html += "</tbody></table>"
    if !report.reportedByPatientMaterials.isEmpty {
      html += "<h3>What patient materials report</h3><ul>"
      for figure in report.reportedByPatientMaterials {
        let names = figure.sources.map { summary.knowledgeBase.sources[$0]?.citation ?? $0 }.joined(separator: "; ")
        html +=
          "<li>\(escape(figure.stage)): \(escape(figure.value)) — \(escape(summary.knowledgeBase.unverifiedLabel.replacingOccurrences(of: "{source}", with: names)))</li>"
      }
      html += "</ul>"
    }
    html +=
      "<h3>Coming back (recurrence)</h3><ul>"
      + report.recurrence.map { "<li><strong>\(escape($0.title)).</strong> \(escape($0.text))</li>" }.joined() + "</ul>"
    html += "<ul class=\"small\">" + report.caveats.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
    return html + "</section>"
  }

  static func options(_ summary: CareSummary) -> String {
    var html =
      "<section><h2>Treatment options in the guidelines</h2><p class=\"banner\">\(escape(summary.options.banner))</p>"
    html += "<p class=\"small\">Listed in no order of preference.</p><ul>"
    html += summary.options.options.map { option in
      "<li><strong>\(escape(option.title)).</strong> \(escape(option.what))"
        + (option.approval.map { " <em>\(escape($0)).</em>" } ?? "") + "</li>"
    }.joined()
    html += "</ul><p>\(escape(summary.options.clinicalTrials))</p>"
    return html + "</section>"
  }

  static func followUp(_ summary: CareSummary) -> String {
    guard let plan = summary.plan else {
      let schedule = summary.schedule
      var html =
        "<section><h2>Follow-up schedule</h2><p>\(escape(schedule.riskGroupLabel)). \(escape(schedule.label))</p>"
      html +=
        "<p>Counted in months after the end of treatment. Give the end date of treatment to see the dates.</p>"
      html += FollowUpTimeline.svg(schedule)
      html += "<table><thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Tests</th></tr></thead><tbody>"
      html += schedule.visits.map {
        "<tr><td>\($0.month)</td><td>\(escape($0.tests.joined(separator: "; ")))</td></tr>"
      }.joined()
      return html + "</tbody></table><p class=\"small\">\(escape(schedule.endRule))</p></section>"
    }
    var html = "<section><h2>Follow-up schedule</h2><p>\(escape(plan.riskGroupLabel)). \(escape(plan.label))</p>"
    html += FollowUpTimeline.svg(plan)
    html +=
      "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Month</th><th scope=\"col\">Tests</th><th scope=\"col\">Status</th></tr></thead><tbody>"
    html += plan.visits.map {
      "<tr><td class=\"date\">\($0.date)</td><td>\($0.month)</td><td>\(escape($0.tests.joined(separator: "; ")))</td><td>\(escape($0.status?.rawValue ?? ""))</td></tr>"
    }.joined()
    html += "</tbody></table><p class=\"small\">\(escape(plan.endRule))</p>"
    return html + "</section>"
  }

  static func list(_ title: String, _ items: [String]) -> String {
    "<section><h2>\(escape(title))</h2><ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul></section>"
  }
}
