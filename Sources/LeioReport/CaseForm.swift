import Foundation
public import LeioCore

/// The case form of the staging calculator and the registry's tumour form, derived from the case schema
/// (``CaseField``) in both directions: the controls of every field a spec places on the form, and the case document
/// a submitted form describes.
public enum CaseForm {

  /// The form's fieldsets, in page order: every field whose spec names a fieldset, in declaration order.
  public static let fieldsets: [(legend: String, items: [CaseField])] = CaseFieldSpec.FormGroup.allCases.map { group in
    (group.legend, CaseField.allCases.filter { $0.spec.form == group })
  }

  /// The case document the form describes: each field read by its kind (a number accepts a decimal comma; a
  /// non-finite number or a fraction where a whole number is expected is a field error, never a trap).
  public static func caseInput(_ form: FormValues) throws(StagingError) -> CaseInput {
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
  public static func values(from input: CaseInput, adding extra: [String: String] = [:]) -> FormValues {
    var values: [String: [String]] = [:]
    for (field, value) in input.given where field.spec.form != nil {
      if case .flag(false) = value { continue }
      values[field.name] = value.formText
    }
    for (name, value) in extra { values[name] = [value] }
    return FormValues(values: values)
  }

  /// A decimal field (comma or point); empty means not given. Non-finite values are refused here, not downstream.
  public static func number(_ form: FormValues, _ name: String, expected: String) throws(StagingError) -> Double? {
    guard let text = form[name] else { return nil }
    guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
      throw .invalidValue(field: name, value: text, expected: [expected])
    }
    return value
  }

  /// A whole-number field; a fraction or a number too large for an `Int` is a field error, never a trap.
  public static func whole(_ form: FormValues, _ name: String, expected: String) throws(StagingError) -> Int? {
    guard let value = try number(form, name, expected: expected) else { return nil }
    guard let integer = Int(exactly: value) else {
      throw .invalidValue(field: name, value: form[name] ?? "", expected: [expected])
    }
    return integer
  }

  /// The labelled control of `field`, with its hint, its current value and its error.
  public static func field(_ field: CaseField, form: FormValues, error: StagingError?) -> String {
    let spec = field.spec
    let name = HTML.escape(field.name)
    let describedBy = error == nil ? "\(name)-hint" : "\(name)-hint \(name)-error"
    let invalid = error == nil ? "" : " aria-invalid=\"true\""
    var html = "<div class=\"field\">"
    let control: String
    switch spec.kind {
    case .code(let choices, _, _):
      control =
        "<select id=\"\(name)\" name=\"\(name)\" aria-describedby=\"\(describedBy)\"\(invalid)><option value=\"\">— not given —</option>"
        + choices.map { Controls.option(form[field.name] == $0, value: $0, label: $0) }.joined() + "</select>"
    case .list(let choices, _):
      let chosen = Set(form.all(field.name))
      control =
        "<select id=\"\(name)\" name=\"\(name)\" multiple size=\"4\" aria-describedby=\"\(describedBy)\"\(invalid)>"
        + choices.map { Controls.option(chosen.contains($0), value: $0, label: $0) }.joined() + "</select>"
    case .text(let placeholder, _), .number(_, let placeholder, _, _, _), .whole(let placeholder, _, _):
      let mode: String = if case .text = spec.kind { "" } else { " inputmode=\"decimal\"" }
      control =
        "<input id=\"\(name)\" name=\"\(name)\" type=\"text\"\(mode) placeholder=\"\(HTML.escape(placeholder))\" value=\"\(HTML.escape(form[field.name] ?? ""))\" aria-describedby=\"\(describedBy)\"\(invalid)>"
    case .date:
      control =
        "<input id=\"\(name)\" name=\"\(name)\" type=\"date\" value=\"\(HTML.escape(form[field.name] ?? ""))\" aria-describedby=\"\(describedBy)\"\(invalid)>"
    case .flag:
      control =
        "<input id=\"\(name)\" name=\"\(name)\" type=\"checkbox\" value=\"true\"\(form[field.name] == nil ? "" : " checked") aria-describedby=\"\(describedBy)\">"
    }
    html +=
      "<label for=\"\(name)\">\(HTML.escape(spec.label))</label>\(control)<div class=\"hint\" id=\"\(name)-hint\">\(HTML.escape(spec.hint))</div>"
    if let error { html += "<p class=\"error\" id=\"\(name)-error\">\(HTML.escape(error.description))</p>" }
    return html + "</div>"
  }

}
