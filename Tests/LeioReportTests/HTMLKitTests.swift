import Foundation
import LeioCore
import LeioReport
import Testing

/// The HTML kit: escaping by construction, one rule-step renderer, labelled controls, the derived case form.
@Suite("HTML kit")
struct HTMLKitTests {
  @Test(
    "interpolated text is escaped; literal markup and HTML values are not",
    arguments: [
      "<script>alert(1)</script>", "\" onmouseover=\"x", "a & b", "'quoted'", "é — ≥ 🙂",
    ])
  func escaping(_ text: String) {
    let html: HTML = "<p title=\"\(text)\">\(text)</p>"
    #expect(html.rendered == "<p title=\"\(HTML.escape(text))\">\(HTML.escape(text))</p>")
    #expect(!html.rendered.dropFirst(3).dropLast(4).contains("<") || !text.contains("<"))
    let nested: HTML = "<div>\(html)</div>"
    #expect(nested.rendered == "<div>" + html.rendered + "</div>")
    for forbidden in ["<script", "\" onmouseover"] { #expect(!html.rendered.contains(forbidden)) }
  }

  @Test("rule steps: one renderer, with the output and the reference, escaped")
  func ruleSteps() throws {
    let report = try Staging.stage(
      CaseInput([.site: "extremity", .sizeCm: 7.5, .depth: "deep", .grade: "G3", .nodes: "N0", .metastasis: "M0"]))
    let steps = try #require(report.results.first?.steps)
    let html = RuleStepList.html(steps).rendered
    #expect(html.hasPrefix("<ol><li>") && html.hasSuffix("</li></ol>"))
    #expect(html.components(separatedBy: "<li>").count - 1 == steps.count)
    for step in steps { #expect(html.contains("(reference \(HTML.escape(step.section)))")) }
    #expect(RuleStepList.html(steps, style: .document).rendered.contains("<span>(reference"))
    let text = RuleStepList.text(steps, numbered: true, indent: "  ")
    #expect(text.count == steps.count && text[0].hasPrefix("  1. [\(steps[0].section)] "))
  }

  @Test("the case form shows every field its spec places on the form, and reads back what it shows")
  func caseForm() throws {
    let shown = CaseForm.fieldsets.flatMap(\.items)
    #expect(Set(shown) == Set(CaseField.allCases.filter { $0.spec.form != nil }))
    let input = CaseInput([
      .site: "uterus", .sizeCm: 9.5, .uterineExtent: "adnexa", .cervixInvolved: true, .nodes: "N0",
      .invadedOrgans: ["kidney", "liver"], .mitoticCount: 12.5, .laterality: "midline",
    ])
    #expect(try CaseForm.caseInput(CaseForm.values(from: input)) == input)
    let control = CaseForm.field(
      .sizeCm, form: FormValues("sizeCm=%3Cb%3E"),
      error: .invalidValue(field: "sizeCm", value: "<b>", expected: ["a number"]))
    #expect(
      control.contains("value=\"&lt;b&gt;\"") && control.contains("aria-invalid=\"true\"")
        && control.contains("<label for=\"sizeCm\">"))
  }
}
