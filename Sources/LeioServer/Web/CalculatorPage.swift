import Hummingbird
import Foundation
import LeioCore

/// The staging calculator: a form of the case fields (the JSON field names), the
/// result of every applicable system with its explanation, and the care summary link.
enum CalculatorPage {
  typealias Option = (value: String, label: String)

  static func choices(_ values: [String]) -> [Option] { values.map { ($0, $0) } }

  /// The form's fields, in order: (name, label, hint, kind).
  enum Kind { case select([Option]), text(String), number(String), check, multi([Option]) }

  static let fields: [(legend: String, items: [(name: String, label: String, hint: String, kind: Kind)])] = [
    ("Tumour", [
      ("site", "Primary site", "Where the tumour started.", .select(Site.allCases.map { ($0.rawValue, $0.rawValue) })),
      ("topography", "ICD-O-3 topography (optional)", "For example C49.2; used instead of the site when given.", .text("C49.2")),
      ("trunkLocation", "Trunk structure location", "Only for C47.3, C47.5, C49.3–C49.5.", .select(choices(TrunkLocation.allCases.map(\.rawValue)))),
      ("histology", "ICD-O-3 histology (optional)", "For example 8890/3.", .text("8890/3")),
      ("primaryTumor", "Primary tumour", "Leave empty when a primary tumour is present.", .select(choices(PrimaryTumor.allCases.map(\.rawValue)))),
      ("sizeCm", "Greatest dimension (cm)", "Leave empty if unknown (T becomes TX).", .number("7.5")),
      ("depth", "Depth", "Relative to the superficial fascia.", .select(choices(Depth.allCases.map(\.rawValue)))),
      ("grade", "Grade", "FNCLCC grade, or low/high when only that is reported. Empty = not assessable (GX).", .select(choices(["G1", "G2", "G3", "GX", "low", "high"]))),
    ]),
    ("FNCLCC components (instead of the grade)", [
      ("subtype", "LMS subtype", "Gives the differentiation score (myxoid and NOS need the pathologist's score).", .select(choices(LMSSubtype.allCases.map(\.rawValue)))),
      ("differentiationScore", "Differentiation score (1–3)", "From the pathology report, if given.", .number("2")),
      ("mitoticCount", "Mitoses counted", "Per 10 high-power fields, or in the area below.", .number("12")),
      ("mitoticAreaMm2", "Counting area (mm²)", "Optional; the count is normalised to 1.734 mm².", .number("1.734")),
      ("necrosis", "Necrosis", "Or give the percentage below.", .select(choices(NecrosisExtent.allCases.map(\.rawValue)))),
      ("necrosisPercent", "Necrosis (% of tumour)", "0 to 100.", .number("30")),
    ]),
    ("Spread", [
      ("nodes", "Regional lymph nodes", "Empty = not recorded (NX, with a prompt).", .select(choices(NCategory.allCases.map(\.rawValue)))),
      ("metastasis", "Distant metastasis", "Empty = M0 assumed, with a warning.", .select(choices(MCategory.allCases.map(\.rawValue)))),
      ("extension", "Extension (for summary stage)", "Beyond the site of origin.", .select(choices(Extension.allCases.filter { $0 != .notRecorded }.map(\.rawValue)))),
    ]),
    ("Site-specific extent", [
      ("uterineExtent", "Uterine extent", "Uterus only.", .select(choices(UterineExtent.allCases.filter { $0 != .notRecorded }.map(\.rawValue)))),
      ("cervixInvolved", "Cervical involvement", "Uterus only.", .check),
      ("peritonealCytology", "Peritoneal cytology", "Uterus only.", .select(choices(PeritonealCytology.allCases.map(\.rawValue)))),
      ("visceralExtent", "Visceral extent", "Visceral organs only.", .select(choices(VisceralExtent.allCases.filter { $0 != .notRecorded }.map(\.rawValue)))),
      ("multifocalSites", "Number of tumour sites", "Visceral organs: 1 if not multifocal.", .number("1")),
      ("headAndNeckInvasion", "Head and neck structures invaded", "Hold Ctrl or Cmd to choose several.", .multi(choices(HeadAndNeckStructure.allCases.map(\.rawValue)))),
      ("invadedOrgans", "Organs invaded (retroperitoneum/peritoneum)", "Hold Ctrl or Cmd to choose several.", .multi(choices(RetroperitonealOrgan.allCases.map(\.rawValue)))),
    ]),
  ]

  /// The case document the form describes.
  static func caseInput(_ form: FormBody) throws(StagingError) -> CaseInput {
    var input = CaseInput()
    input.site = form["site"]
    input.topography = form["topography"]
    input.trunkLocation = form["trunkLocation"]
    input.histology = form["histology"]
    input.primaryTumor = form["primaryTumor"]
    input.depth = form["depth"]
    input.grade = form["grade"]
    input.nodes = form["nodes"]
    input.metastasis = form["metastasis"]
    input.extension = form["extension"]
    input.uterineExtent = form["uterineExtent"]
    input.cervixInvolved = form["cervixInvolved"] == nil ? nil : true
    input.peritonealCytology = form["peritonealCytology"]
    input.visceralExtent = form["visceralExtent"]
    let structures = form.all("headAndNeckInvasion")
    input.headAndNeckInvasion = structures.isEmpty ? nil : structures
    let organs = form.all("invadedOrgans")
    input.invadedOrgans = organs.isEmpty ? nil : organs
    input.sizeCm = try number(form, "sizeCm", expected: "a number of centimetres such as 7.5")
    input.multifocalSites = try whole(form, "multifocalSites", expected: "a whole number")
    let components = ["subtype", "differentiationScore", "mitoticCount", "mitoticAreaMm2", "necrosis", "necrosisPercent"]
    if components.contains(where: { form[$0] != nil }) {
      input.fnclcc = FNCLCCInput(differentiationScore: try whole(form, "differentiationScore", expected: "a whole number 1, 2 or 3"), subtype: form["subtype"],
                                 mitoticCount: try number(form, "mitoticCount", expected: "a number of mitoses"),
                                 mitoticAreaMm2: try number(form, "mitoticAreaMm2", expected: "an area in mm²"),
                                 necrosis: form["necrosis"], necrosisPercent: try number(form, "necrosisPercent", expected: "a percentage 0 to 100"))
    }
    return input
  }

  /// The form values of a stored case document: the inverse of ``caseInput(_:)``, for edit forms.
  static func form(from input: CaseInput, adding extra: [String: String] = [:]) -> FormBody {
    var values: [String: [String]] = [:]
    func put(_ name: String, _ value: String?) { if let value { values[name] = [value] } }
    func put(_ name: String, _ number: Double?) { if let number { values[name] = [number.clinicalText] } }
    put("site", input.site); put("topography", input.topography); put("trunkLocation", input.trunkLocation)
    put("histology", input.histology); put("primaryTumor", input.primaryTumor); put("sizeCm", input.sizeCm)
    put("depth", input.depth); put("grade", input.grade); put("nodes", input.nodes); put("metastasis", input.metastasis)
    put("extension", input.extension); put("uterineExtent", input.uterineExtent); put("peritonealCytology", input.peritonealCytology)
    put("visceralExtent", input.visceralExtent); put("multifocalSites", input.multifocalSites.map(String.init))
    if input.cervixInvolved == true { values["cervixInvolved"] = ["true"] }
    if let structures = input.headAndNeckInvasion { values["headAndNeckInvasion"] = structures }
    if let organs = input.invadedOrgans { values["invadedOrgans"] = organs }
    if let fnclcc = input.fnclcc {
      put("subtype", fnclcc.subtype); put("differentiationScore", fnclcc.differentiationScore.map(String.init))
      put("mitoticCount", fnclcc.mitoticCount); put("mitoticAreaMm2", fnclcc.mitoticAreaMm2)
      put("necrosis", fnclcc.necrosis); put("necrosisPercent", fnclcc.necrosisPercent)
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

  static func field(_ item: (name: String, label: String, hint: String, kind: Kind), form: FormBody, error: StagingError?) -> String {
    let name = escape(item.name)
    let describedBy = error == nil ? "\(name)-hint" : "\(name)-hint \(name)-error"
    let invalid = error == nil ? "" : " aria-invalid=\"true\""
    var html = "<div class=\"field\">"
    let control: String
    switch item.kind {
    case .select(let options):
      control = "<select id=\"\(name)\" name=\"\(name)\" aria-describedby=\"\(describedBy)\"\(invalid)><option value=\"\">— not given —</option>"
        + options.map { option(form[item.name] == $0.value, $0) }.joined() + "</select>"
    case .multi(let options):
      let chosen = Set(form.all(item.name))
      control = "<select id=\"\(name)\" name=\"\(name)\" multiple size=\"4\" aria-describedby=\"\(describedBy)\"\(invalid)>"
        + options.map { option(chosen.contains($0.value), $0) }.joined() + "</select>"
    case .text(let placeholder), .number(let placeholder):
      let mode: String = if case .number = item.kind { " inputmode=\"decimal\"" } else { "" }
      control = "<input id=\"\(name)\" name=\"\(name)\" type=\"text\"\(mode) placeholder=\"\(escape(placeholder))\" value=\"\(escape(form[item.name] ?? ""))\" aria-describedby=\"\(describedBy)\"\(invalid)>"
    case .check:
      control = "<input id=\"\(name)\" name=\"\(name)\" type=\"checkbox\" value=\"true\"\(form[item.name] == nil ? "" : " checked") aria-describedby=\"\(describedBy)\">"
    }
    html += "<label for=\"\(name)\">\(escape(item.label))</label>\(control)<div class=\"hint\" id=\"\(name)-hint\">\(escape(item.hint))</div>"
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
    html += "<p>Summary stage (SEER 2018): <span class=\"stage\">\(escape(summary.category))</span>\(summary.estimated ? " (estimated)" : "")</p>"
    html += "<table><caption>Stage by system</caption><thead><tr><th scope=\"col\">System</th><th scope=\"col\">T</th><th scope=\"col\">N</th><th scope=\"col\">M</th><th scope=\"col\">G</th><th scope=\"col\">Stage</th></tr></thead><tbody>"
    for result in report.results {
      let stage = result.status == .noGroupDefined ? "no stage group" : (result.status == .notApplicable ? "not applicable" : result.stageGroup.rawValue)
      html += "<tr><td>\(escape(result.systemLabel))</td><td>\(escape(result.t ?? "–"))</td><td>\(escape(result.n ?? "–"))</td><td>\(escape(result.m ?? "–"))</td>"
      html += "<td>\(escape(result.grade ?? "–"))</td><td class=\"stage\" data-system=\"\(result.system.rawValue)\">\(escape(stage))</td></tr>"
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
