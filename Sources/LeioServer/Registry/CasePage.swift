import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore
import LeioSurvival

/// `/patients/{id}`: the case page — the patient, each tumour's stage with its explanation, next follow-up due with
/// its badge, treatments and events (table and timeline picture), the care summary link, and the forms to add more.
enum CasePage {
  static let escape = HTML.escape

  static func render(
    _ file: PatientFile, identity: Identity, today: CalendarDate, prognosis: PrognosisModel? = nil,
    error: RegistryError? = nil, status: HTTPResponse.Status = .ok
  ) -> Response {
    let patient = file.patient
    var body = RegistryPages.errorSummary(error)
    body +=
      "<p class=\"banner\">Registry record. Educational and registry software, not a medical device: discuss every result with the care team.</p>"
    body +=
      "<dl class=\"facts\"><dt>Identifier</dt><dd>\(escape(patient.identifier))</dd><dt>Born</dt><dd>\(escape(patient.birthDate ?? "–"))</dd>"
    body += "<dt>Sex</dt><dd>\(escape(patient.sex ?? "–"))</dd><dt>Record version</dt><dd>\(patient.version)</dd></dl>"
    body +=
      "<p><a href=\"/api/v1/patients/\(escape(patient.id))/fhir\" download=\"\(escape(patient.identifier))-mcode.json\">Download the mCODE bundle (FHIR R4 JSON)</a></p>"
    if identity.allows(.writePatients) {
      body +=
        "<p><a href=\"/patients/\(escape(patient.id))/edit\">Edit patient</a> · <a href=\"/patients/\(escape(patient.id))/tumours/new\">Add a tumour</a></p>"
    }
    body += "<h2>Timeline</h2>" + CaseTimeline.svg(file, today: today)
    body +=
      "<p class=\"legend\" aria-hidden=\"true\"><span>● diagnosis</span><span>▬ treatment</span><span>○ visit or scan</span><span>▲ recurrence</span><span>✕ death</span><span>□ next visit due (› after today)</span></p>"
    for tumour in file.tumours {
      body += section(tumour, file: file, identity: identity, today: today, prognosis: prognosis)
    }
    body += events(file, identity: identity)
    if identity.allows(.writePatients) {
      body +=
        "<form method=\"post\" action=\"/patients/\(escape(patient.id))/delete\">\(RegistryPages.csrf(identity))<input type=\"hidden\" name=\"version\" value=\"\(patient.version)\">"
      body += "<button type=\"submit\">Delete this patient (can be restored)</button></form>"
    }
    return RegistryPages.page(title: patient.name, body: body, identity: identity, status: status)
  }

  static func section(
    _ tumour: Tumour, file: PatientFile, identity: Identity, today: CalendarDate, prognosis: PrognosisModel? = nil
  ) -> String {
    var html =
      "<section class=\"result\" aria-labelledby=\"t-\(escape(tumour.id))\"><h2 id=\"t-\(escape(tumour.id))\">Tumour: \(escape(tumour.facts.text(.site) ?? tumour.facts.text(.topography) ?? "site not given"))"
    html += (tumour.diagnosisDate.map { ", diagnosed \(escape($0))" } ?? "") + "</h2>"
    html +=
      "<p>Stage (\(escape(tumour.stagingSystem?.rawValue ?? "–"))): <span class=\"stage\">\(escape(tumour.stageGroup?.rawValue ?? "–"))</span> · summary stage \(escape(tumour.summaryStage?.rawValue ?? "–"))"
    html += " · rules \(escape(tumour.rulesVersion))</p>"
    html += reported(tumour)
    html +=
      "<p>Next follow-up: \(PatientListPage.due(tumour.nextDueDate, today: today))\(tumour.riskGroup.map { " · schedule \(escape($0.rawValue))" } ?? "")</p>"
    if let report = try? Staging.stage(tumour.facts) {
      html += SummaryStageView.html(report.summaryStage).rendered
      html += "<details><summary>Why this stage (rule steps and sources)</summary>"
      for result in report.results {
        html += "<h3>\(escape(result.systemLabel)): \(escape(result.stageGroup.rawValue))</h3>"
        html +=
          RuleStepList.html(result.steps).rendered
          + result.warnings.map { "<p class=\"hint\">⚠ \(escape($0.message))</p>" }.joined()
        if !result.sources.isEmpty {
          html += "<p class=\"hint\">Sources: \(escape(SourceNames.citations(result.sources)))</p>"
        }
      }
      html += "</details>"
    }
    if let prognosis, identity.allows(.viewOutcomes) {
      html += PrognosisSection.html(prognosis, tumour: tumour, file: file)
    }
    html += "<p><a href=\"/tumours/\(escape(tumour.id))/summary\">Care summary for the patient and their team</a>"
    if identity.allows(.writePatients) { html += " · <a href=\"/tumours/\(escape(tumour.id))/edit\">Edit tumour</a>" }
    html += "</p>"
    let treatments = file.treatments.filter { $0.tumourID == tumour.id }
    html += "<h3>Treatment</h3>"
    html +=
      treatments.isEmpty
      ? "<p>None recorded: the follow-up schedule starts at the end of treatment.</p>"
      : "<table><thead><tr><th scope=\"col\">Treatment</th><th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Detail</th>\(identity.allows(.writePatients) ? "<th scope=\"col\">Change</th>" : "")</tr></thead><tbody>"
        + treatments.map {
          "<tr><td>\(escape($0.kind))</td><td>\(escape($0.startDate))</td><td>\(escape($0.endDate ?? "–"))</td><td>\(escape([$0.margin, $0.agent, $0.notes].compactMap { $0 }.joined(separator: "; ")))</td>\(changeCell("treatments", $0.id, $0.version, identity))</tr>"
        }.joined()
        + "</tbody></table>"
    if identity.allows(.writePatients) { html += treatmentForm(tumour, identity: identity) }
    return html + "</section>"
  }

  /// The stages an imported FHIR bundle reported where they differ from Leio's: both shown, never one chosen.
  static func reported(_ tumour: Tumour) -> String {
    guard let stages = tumour.reportedStages, !stages.isEmpty else { return "" }
    var html =
      "<div class=\"disagreement\" role=\"note\"><h3>The sender's stage differs from Leio's</h3><ul>"
    for stage in stages {
      html +=
        "<li>The \(escape(stage.source)) reported <strong>\(escape(stage.summary))</strong>; Leio computes <strong>\(escape(stage.system.shortTitle)) \(escape(stage.leioStageGroup))</strong> from the facts.</li>"
    }
    return html
      + "</ul><p class=\"hint\">Both are kept. Check the facts (size, depth, grade, extent) with the care team; saving the tumour again keeps this note until the next import.</p></div>"
  }

  /// Edit link and delete button (soft delete, restorable through the API) for a row, for accounts that may write.
  static func changeCell(_ collection: String, _ id: String, _ version: Int64, _ identity: Identity) -> String {
    guard identity.allows(.writePatients) else { return "" }
    return
      "<td><a href=\"/\(collection)/\(escape(id))/edit\">Edit</a> <form class=\"inline\" method=\"post\" action=\"/\(collection)/\(escape(id))/delete\">"
      + "\(RegistryPages.csrf(identity))<input type=\"hidden\" name=\"version\" value=\"\(version)\"><button type=\"submit\">Delete</button></form></td>"
  }

  static func treatmentForm(
    _ tumour: Tumour, identity: Identity, values: FormBody = FormBody(""), error: RegistryError? = nil
  ) -> String {
    let prefix = "tr-\(tumour.id.prefix(8))"
    var html =
      "<details\(error == nil ? "" : " open")><summary>Add a treatment</summary><form method=\"post\" action=\"/tumours/\(escape(tumour.id))/treatments\">\(RegistryPages.csrf(identity))"
    html += RegistryPages.errorSummary(error)
    html += RegistryPages.field(
      "kind", "Treatment", value: values["kind"], error: error, options: Treatment.kinds, id: "\(prefix)-kind")
    for (name, label, hint, type) in [
      ("startDate", "Start date", "YYYY-MM-DD", "date"), ("endDate", "End date", "Empty for a single day.", "date"),
      ("agent", "Agent (systemic therapy)", "", "text"), ("notes", "Notes", "", "text"),
    ] {
      html += RegistryPages.field(
        name, label, value: values[name], error: error, hint: hint, type: type, id: "\(prefix)-\(name)")
    }
    html += RegistryPages.field(
      "margin", "Margin (surgery)", value: values["margin"], error: error, options: Treatment.margins,
      id: "\(prefix)-margin")
    return html + "<button type=\"submit\">Add treatment</button></form></details>"
  }

  static func events(_ file: PatientFile, identity: Identity) -> String {
    var html = "<h2>Follow-up events</h2>"
    html +=
      file.events.isEmpty
      ? "<p>None recorded.</p>"
      : "<table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Event</th><th scope=\"col\">Detail</th>\(identity.allows(.writePatients) ? "<th scope=\"col\">Change</th>" : "")</tr></thead><tbody>"
        + file.events.map {
          "<tr><td>\(escape($0.date))</td><td>\(escape($0.kind.rawValue))</td><td>\(escape([$0.imagingResult, $0.recurrenceType, $0.site, $0.notes].compactMap { $0 }.joined(separator: "; ")))</td>\(changeCell("events", $0.id, $0.version, identity))</tr>"
        }.joined()
        + "</tbody></table>"
    guard identity.allows(.writePatients) else { return html }
    html += "<details><summary>Record a visit, scan, recurrence, last contact or death</summary>"
    html +=
      "<form method=\"post\" action=\"/patients/\(escape(file.patient.id))/events\">\(RegistryPages.csrf(identity))"
    html += RegistryPages.field("kind", "Event", value: nil, error: nil, options: FollowUpEvent.kinds)
    html += RegistryPages.field("date", "Date", value: nil, error: nil, hint: "YYYY-MM-DD", type: "date")
    if file.tumours.count > 1 {
      html += RegistryPages.field(
        "tumourID", "Tumour", value: nil, error: nil, hint: "Which tumour it concerns, if one.",
        options: file.tumours.map(\.id))
    } else if let only = file.tumours.first {
      html += "<input type=\"hidden\" name=\"tumourID\" value=\"\(escape(only.id))\">"
    }
    html += RegistryPages.field(
      "imagingResult", "Imaging result", value: nil, error: nil, options: FollowUpEvent.imagingResults)
    html += RegistryPages.field(
      "recurrenceType", "Recurrence", value: nil, error: nil, options: FollowUpEvent.recurrenceTypes)
    html += RegistryPages.field("site", "Recurrence site", value: nil, error: nil, hint: "For example lung.")
    html += RegistryPages.field("notes", "Notes", value: nil, error: nil)
    return html + "<button type=\"submit\">Record event</button></form></details>"
  }
}
