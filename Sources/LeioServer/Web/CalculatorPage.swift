import Hummingbird
import Foundation
import LeioCore

/// The staging calculator: a form of the case fields (the JSON field names), the
/// result of every applicable system with its explanation, and the care summary link.
enum CalculatorPage {
  typealias Option = (value: String, label: String)

  /// The form's fieldsets, in page order: every field whose spec names a fieldset, in declaration order.
  static let fields: [(legend: String, items: [CaseField])] = CaseFieldSpec.FormGroup.allCases.map { group in
    (group.legend, CaseField.allCases.filter { $0.spec.form == group })
  }

  /// The case document the form describes: each field read by its kind (a number accepts a decimal comma; a
  /// non-finite number or a fraction where a whole number is expected is a field error, never a trap).
  static func caseInput(_ form: FormBody) throws(StagingError) -> CaseInput {
    var input = CaseInput()
    for field in CaseField.allCases where field.spec.form != nil {
      let spec = field.spec
      switch spec.kind {
      case .code, .text, .date: input[field] = form[field.name].map(CaseValue.text)
      case .flag: input[field] = form[field.name] == nil ? nil : .flag(true)
      case .list:
        let items = form.all(field.name)
        input[field] = items.isEmpty ? nil : .list(items)
      case .number: input[field] = try number(form, field.name, expected: spec.expected).map(CaseValue.number)
      case .whole: input[field] = try whole(form, field.name, expected: spec.expected).map(CaseValue.whole)
      }
    }
    return input
  }

  /// The form values of a stored case document: the inverse of ``caseInput(_:)``, for edit forms.
  static func form(from input: CaseInput, adding extra: [String: String] = [:]) -> FormBody {
    var values: [String: [String]] = [:]
    for (field, value) in input.given where field.spec.form != nil {
      if case .flag(false) = value { continue }
      values[field.name] = value.formText
    }
    for (name, value) in extra { values[name] = [value] }
    return FormBody(values: values)
  }

  /// A decimal field (comma or point); empty means not given. Non-finite values are refused here, not downstream.
  static func number(_ form: FormBody, _ name: String, expected: String) throws(StagingError) -> Double? {
    guard let text = form[name] else { return nil }
    guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
      throw .invalidValue(field: name, value: text, expected: [expected])
    }
    return value
  }

  /// A whole-number field; a fraction or a number too large for an `Int` is a field error, never a trap.
  static func whole(_ form: FormBody, _ name: String, expected: String) throws(StagingError) -> Int? {
    guard let value = try number(form, name, expected: expected) else { return nil }
    guard let integer = Int(exactly: value) else { throw .invalidValue(field: name, value: form[name] ?? "", expected: [expected]) }
    return integer
  }

  static func render(form: FormBody, report: StagingReport?, error: StagingError?) -> Response {
    var body = "<p class=\"banner\">Enter what is known about the tumour. Unknown values stay unknown: Leio shows TX, NX or GX and says why.</p>"
    if let error {
      body += "<div role=\"alert\" class=\"result\"><p class=\"error\">Please correct this field:</p><ul><li><a href=\"#\(escape(error.field))\">\(escape(error.description))</a></li></ul></div>"
    }
    body += "<form method=\"post\" action=\"/\" novalidate>"
    for group in fields {
      body += "<fieldset><legend>\(escape(group.legend))</legend>"
      for item in group.items { body += field(item, form: form, error: error?.field == item.name ? error : nil) }
      body += "</fieldset>"
    }
    body += "<button type=\"submit\">Stage this case</button></form>"
    if let report { body += result(report, form: form) }
    return PageLayout.page(title: "Staging calculator", body: body)
  }

  static func field(_ field: CaseField, form: FormBody, error: StagingError?) -> String {
    let spec = field.spec
    let name = escape(field.name)
    let describedBy = error == nil ? "\(name)-hint" : "\(name)-hint \(name)-error"
    let invalid = error == nil ? "" : " aria-invalid=\"true\""
    var html = "<div class=\"field\">"
    let control: String
    switch spec.kind {
    case .code(let choices, _, _):
      control = "<select id=\"\(name)\" name=\"\(name)\" aria-describedby=\"\(describedBy)\"\(invalid)><option value=\"\">— not given —</option>"
        + choices.map { option(form[field.name] == $0, ($0, $0)) }.joined() + "</select>"
    case .list(let choices, _):
      let chosen = Set(form.all(field.name))
      control = "<select id=\"\(name)\" name=\"\(name)\" multiple size=\"4\" aria-describedby=\"\(describedBy)\"\(invalid)>"
        + choices.map { option(chosen.contains($0), ($0, $0)) }.joined() + "</select>"
    case .text(let placeholder, _), .number(_, let placeholder, _, _, _), .whole(let placeholder, _, _):
      let mode: String = if case .text = spec.kind { "" } else { " inputmode=\"decimal\"" }
      control = "<input id=\"\(name)\" name=\"\(name)\" type=\"text\"\(mode) placeholder=\"\(escape(placeholder))\" value=\"\(escape(form[field.name] ?? ""))\" aria-describedby=\"\(describedBy)\"\(invalid)>"
    case .date:
      control = "<input id=\"\(name)\" name=\"\(name)\" type=\"text\" placeholder=\"YYYY-MM-DD\" value=\"\(escape(form[field.name] ?? ""))\" aria-describedby=\"\(describedBy)\"\(invalid)>"
    case .flag:
      control = "<input id=\"\(name)\" name=\"\(name)\" type=\"checkbox\" value=\"true\"\(form[field.name] == nil ? "" : " checked") aria-describedby=\"\(describedBy)\">"
    }
    html += "<label for=\"\(name)\">\(escape(spec.label))</label>\(control)<div class=\"hint\" id=\"\(name)-hint\">\(escape(spec.hint))</div>"
    if let error { html += "<p class=\"error\" id=\"\(name)-error\">\(escape(error.description))</p>" }
    return html + "</div>"
  }

  static func option(_ selected: Bool, _ option: Option) -> String {
    "<option value=\"\(escape(option.value))\"\(selected ? " selected" : "")>\(escape(option.label))</option>"
  }

  static func result(_ report: StagingReport, form: FormBody) -> String {
    var html = "<section class=\"result\" aria-labelledby=\"result-title\"><h2 id=\"result-title\">Result</h2>"
    if let group = report.siteGroup { html += "<p>Site group: \(escape(group.title)) (\(group.rawValue))</p>" }
    let summary = report.summaryStage
    html += "<p>Summary stage (SEER 2018): <span class=\"stage\">\(escape(summary.category.rawValue))</span>\(summary.estimated ? " (estimated)" : "")</p>"
    html += "<table><caption>Stage by system</caption><thead><tr><th scope=\"col\">System</th><th scope=\"col\">T</th><th scope=\"col\">N</th><th scope=\"col\">M</th><th scope=\"col\">G</th><th scope=\"col\">Stage</th></tr></thead><tbody>"
    for result in report.results {
      let stage = result.status == .noGroupDefined ? "no stage group" : (result.status == .notApplicable ? "not applicable" : result.stageGroup.rawValue)
      html += "<tr><td>\(escape(result.systemLabel))</td><td>\(escape(result.t?.rawValue ?? "–"))</td><td>\(escape(result.n?.rawValue ?? "–"))</td><td>\(escape(result.m?.rawValue ?? "–"))</td>"
      html += "<td>\(escape(result.grade?.rawValue ?? "–"))</td><td class=\"stage\" data-system=\"\(result.system.rawValue)\">\(escape(stage))</td></tr>"
    }
    html += "</tbody></table>"
    for result in report.results {
      html += "<h3>Why: \(escape(result.systemLabel))</h3>"
      if let reason = result.reason { html += "<p>\(escape(reason))</p>" }
      html += "<ol>" + result.steps.map { "<li>\(escape($0.because))\($0.output.map { " ⇒ <strong>\(escape($0))</strong>" } ?? "") <span class=\"hint\">(reference \(escape($0.section)))</span></li>" }.joined() + "</ol>"
      if !result.warnings.isEmpty { html += "<ul>" + result.warnings.map { "<li class=\"hint\">⚠ \(escape($0.message))</li>" }.joined() + "</ul>" }
      if !result.sources.isEmpty { html += "<p class=\"hint\">Sources: \(escape(result.sources.joined(separator: ", ")))</p>" }
    }
    html += "<form method=\"post\" action=\"/summary\">"
    for (key, values) in form.values.sorted(by: { $0.key < $1.key }) {
      for value in values where !value.isEmpty { html += "<input type=\"hidden\" name=\"\(escape(key))\" value=\"\(escape(value))\">" }
    }
    html += "<button type=\"submit\" id=\"care-summary\">Open the care summary</button></form>"
    return html + "</section>"
  }

  static func escape(_ text: String) -> String { CareSummaryHTML.escape(text) }
}
