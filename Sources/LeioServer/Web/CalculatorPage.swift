import Foundation
import Hummingbird
import LeioCore
import LeioReport

/// The staging calculator: a form of the case fields (the JSON field names), the
/// result of every applicable system with its explanation, and the care summary link.
enum CalculatorPage {
  static func render(form: FormBody, report: StagingReport?, error: StagingError?) -> Response {
    var body =
      "<p class=\"banner\">Enter what is known about the tumour. Unknown values stay unknown: Leio shows TX, NX or GX and says why.</p>"
    if let error {
      body +=
        "<div role=\"alert\" class=\"result\"><p class=\"error\">Please correct this field:</p><ul><li><a href=\"#\(escape(error.field))\">\(escape(error.description))</a></li></ul></div>"
    }
    body += "<form method=\"post\" action=\"/\" novalidate>"
    for group in CaseForm.fieldsets {
      body += "<fieldset><legend>\(escape(group.legend))</legend>"
      for item in group.items {
        body += CaseForm.field(item, form: form, error: error?.field == item.name ? error : nil)
      }
      body += "</fieldset>"
    }
    body += "<button type=\"submit\">Stage this case</button></form>"
    if let report { body += result(report, form: form) }
    return WebPage.page(title: "Staging calculator", body: body)
  }

  static func result(_ report: StagingReport, form: FormBody) -> String {
    var html = "<section class=\"result\" aria-labelledby=\"result-title\"><h2 id=\"result-title\">Result</h2>"
    if let group = report.siteGroup { html += "<p>Site group: \(escape(group.title)) (\(group.rawValue))</p>" }
    let summary = report.summaryStage
    html += SummaryStageView.html(summary).rendered
    html +=
      "<table><caption>Stage by system</caption><thead><tr><th scope=\"col\">System</th><th scope=\"col\">T</th><th scope=\"col\">N</th><th scope=\"col\">M</th><th scope=\"col\">G</th><th scope=\"col\">Stage</th></tr></thead><tbody>"
    for result in report.results {
      let stage =
        result.status == .noGroupDefined
        ? "no stage group" : (result.status == .notApplicable ? "not applicable" : result.stageGroup.rawValue)
      html +=
        "<tr><td>\(escape(result.systemLabel))</td><td>\(escape(result.t?.rawValue ?? "–"))</td><td>\(escape(result.n?.rawValue ?? "–"))</td><td>\(escape(result.m?.rawValue ?? "–"))</td>"
      html +=
        "<td>\(escape(result.grade?.rawValue ?? "–"))</td><td class=\"stage\" data-system=\"\(result.system.rawValue)\">\(escape(stage))</td></tr>"
    }
    html += "</tbody></table>"
    for result in report.results {
      html += "<h3>Why: \(escape(result.systemLabel))</h3>"
      if let reason = result.reason { html += "<p>\(escape(reason))</p>" }
      html += RuleStepList.html(result.steps).rendered
      if !result.warnings.isEmpty {
        html += "<ul>" + result.warnings.map { "<li class=\"hint\">⚠ \(escape($0.message))</li>" }.joined() + "</ul>"
      }
      if !result.sources.isEmpty {
        html += "<p class=\"hint\">Sources: \(escape(SourceNames.citations(result.sources)))</p>"
      }
    }
    html += "<form method=\"post\" action=\"/summary\">"
    for (key, values) in form.values.sorted(by: { $0.key < $1.key }) {
      for value in values where !value.isEmpty {
        html += "<input type=\"hidden\" name=\"\(escape(key))\" value=\"\(escape(value))\">"
      }
    }
    html += "<button type=\"submit\" id=\"care-summary\">Open the care summary</button></form>"
    return html + "</section>"
  }

  static func escape(_ text: String) -> String { HTML.escape(text) }
}
