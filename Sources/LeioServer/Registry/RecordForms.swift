import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore

/// The add/edit forms of the registry, with field-level messages.
enum RecordForms {
  static let escape = HTML.escape

  /// New patient (`patient` nil) or edit (with its version, so a concurrent edit is a conflict, not a lost update).
  static func patient(
    _ patient: Patient?, values: FormBody, identity: Identity, error: RegistryError? = nil,
    status: HTTPResponse.Status = .ok
  ) -> Response {
    let action = patient.map { "/patients/\(escape($0.id))/edit" } ?? "/patients"
    func value(_ name: String, _ stored: String?) -> String? { values[name] ?? stored }
    var body = RegistryPages.errorSummary(error)
    if case .conflict? = error, let patient {
      body +=
        "<p class=\"banner\">Someone saved this patient while you were editing. <a href=\"/patients/\(escape(patient.id))/edit\">Reload the latest version</a> and apply your change again.</p>"
    }
    body +=
      "<p class=\"banner\">Use the minimum needed to find the patient. Demo registries hold fictional data only.</p>"
    body += "<form method=\"post\" action=\"\(action)\" novalidate>\(RegistryPages.csrf(identity))"
    if let patient {
      body +=
        "<input type=\"hidden\" name=\"version\" value=\"\(escape(values["version"] ?? String(patient.version)))\">"
    }
    body += RegistryPages.field(
      "identifier", "Identifier (medical record number)", value: value("identifier", patient?.identifier), error: error,
      hint: "Unique in the registry; up to 64 characters.")
    body += RegistryPages.field("name", "Name", value: value("name", patient?.name), error: error)
    body += RegistryPages.field(
      "birthDate", "Birth date", value: value("birthDate", patient?.birthDate), error: error, hint: "YYYY-MM-DD",
      type: "date")
    body += RegistryPages.field("sex", "Sex", value: value("sex", patient?.sex), error: error, options: Patient.sexes)
    body += "<button type=\"submit\">\(patient == nil ? "Add patient" : "Save changes")</button></form>"
    return RegistryPages.page(
      title: patient == nil ? "Add a patient" : "Edit \(patient?.name ?? "")", body: body, identity: identity,
      status: status)
  }

  static func patientValues(_ form: FormBody) -> Patient {
    Patient(
      identifier: form["identifier"] ?? "", name: form["name"] ?? "", birthDate: form["birthDate"], sex: form["sex"])
  }

  /// New tumour (or, with `editing`, a stored one and its version): the staging calculator's case fields plus the
  /// diagnosis date; staged by LeioCore on save.
  static func tumour(
    _ patient: Patient, editing: Tumour? = nil, values: FormBody, identity: Identity, error: String? = nil,
    field: String? = nil,
    status: HTTPResponse.Status = .ok
  ) -> Response {
    var body = ""
    if error?.contains("changed by someone else") == true, let editing {
      body +=
        "<p class=\"banner\">Someone saved this tumour while you were editing. <a href=\"/tumours/\(escape(editing.id))/edit\">Reload the latest version</a> and apply your change again.</p>"
    }
    if let error {
      body +=
        "<div role=\"alert\" class=\"result\"><p class=\"error\">Please correct this:</p><p>\(field.map { "<a href=\"#\(escape($0))\">\(escape(error))</a>" } ?? escape(error))</p></div>"
    }
    body +=
      "<p class=\"banner\">The facts are checked and staged with the same rules as the staging calculator. Unknown values stay unknown.</p>"
    let action = editing.map { "/tumours/\(escape($0.id))/edit" } ?? "/patients/\(escape(patient.id))/tumours"
    body += "<form method=\"post\" action=\"\(action)\" novalidate>\(RegistryPages.csrf(identity))"
    if let editing {
      body +=
        "<input type=\"hidden\" name=\"version\" value=\"\(escape(values["version"] ?? String(editing.version)))\">"
    }
    body += "<fieldset><legend>Diagnosis</legend>"
    body += RegistryPages.field(
      "diagnosisDate", "Diagnosis date", value: values["diagnosisDate"],
      error: field == "diagnosisDate" ? .invalid(field: "diagnosisDate", message: error ?? "") : nil,
      hint: "YYYY-MM-DD", type: "date")
    body += "</fieldset>"
    for group in CaseForm.fieldsets {
      body += "<fieldset><legend>\(escape(group.legend))</legend>"
      for item in group.items {
        body += CaseForm.field(
          item, form: values,
          error: field == item.name
            ? StagingError.invalidValue(field: item.name, value: "", expected: [error ?? ""]) : nil)
      }
      body += "</fieldset>"
    }
    body += "<button type=\"submit\">\(editing == nil ? "Add tumour" : "Save and restage")</button></form>"
    return RegistryPages.page(
      title: "\(editing == nil ? "Add a tumour for" : "Edit a tumour of") \(patient.name)", body: body,
      identity: identity, status: status)
  }

  /// Edit a treatment or a follow-up event (with its version); the same fields as the forms on the case page.
  static func edit(
    treatment: Treatment? = nil, event: FollowUpEvent? = nil, values: FormBody, identity: Identity,
    error: RegistryError? = nil,
    status: HTTPResponse.Status = .ok
  ) -> Response {
    let (kind, id, version, patientLink) =
      treatment.map { ("treatment", $0.id, $0.version, "") } ?? (
        "event", event?.id ?? "", event?.version ?? 0, event?.patientID ?? ""
      )
    func value(_ name: String, _ stored: String?) -> String? { values[name] ?? stored }
    var body = RegistryPages.errorSummary(error)
    if case .conflict? = error {
      body +=
        "<p class=\"banner\">Someone saved this \(kind) while you were editing. <a href=\"/\(kind)s/\(escape(id))/edit\">Reload the latest version</a> and apply your change again.</p>"
    }
    body += "<form method=\"post\" action=\"/\(kind)s/\(escape(id))/edit\" novalidate>\(RegistryPages.csrf(identity))"
    body += "<input type=\"hidden\" name=\"version\" value=\"\(escape(values["version"] ?? String(version)))\">"
    if let treatment {
      body += RegistryPages.field(
        "kind", "Treatment", value: value("kind", treatment.kind), error: error, options: Treatment.kinds)
      body += RegistryPages.field(
        "startDate", "Start date", value: value("startDate", treatment.startDate), error: error, hint: "YYYY-MM-DD",
        type: "date")
      body += RegistryPages.field(
        "endDate", "End date", value: value("endDate", treatment.endDate), error: error,
        hint: "Empty for a single day.",
        type: "date")
      body += RegistryPages.field(
        "margin", "Margin (surgery)", value: value("margin", treatment.margin), error: error, options: Treatment.margins
      )
      body += RegistryPages.field(
        "agent", "Agent (systemic therapy)", value: value("agent", treatment.agent), error: error)
      body += RegistryPages.field("notes", "Notes", value: value("notes", treatment.notes), error: error)
    } else if let event {
      body += RegistryPages.field(
        "kind", "Event", value: value("kind", event.kind.rawValue), error: error, options: FollowUpEvent.kinds)
      body += RegistryPages.field(
        "date", "Date", value: value("date", event.date), error: error, hint: "YYYY-MM-DD", type: "date")
      if let tumourID = event.tumourID {
        body += "<input type=\"hidden\" name=\"tumourID\" value=\"\(escape(tumourID))\">"
      }
      body += RegistryPages.field(
        "imagingResult", "Imaging result", value: value("imagingResult", event.imagingResult), error: error,
        options: FollowUpEvent.imagingResults)
      body += RegistryPages.field(
        "recurrenceType", "Recurrence", value: value("recurrenceType", event.recurrenceType), error: error,
        options: FollowUpEvent.recurrenceTypes)
      body += RegistryPages.field("site", "Recurrence site", value: value("site", event.site), error: error)
      body += RegistryPages.field("notes", "Notes", value: value("notes", event.notes), error: error)
    }
    body += "<button type=\"submit\">Save changes</button></form>"
    if !patientLink.isEmpty { body += "<p><a href=\"/patients/\(escape(patientLink))\">Back to the patient</a></p>" }
    return RegistryPages.page(title: "Edit \(kind)", body: body, identity: identity, status: status)
  }

  static func treatmentValues(_ form: FormBody, tumourID: String) -> Treatment {
    Treatment(
      tumourID: tumourID, kind: form["kind"] ?? "", startDate: form["startDate"] ?? "", endDate: form["endDate"],
      margin: form["margin"],
      agent: form["agent"], notes: form["notes"])
  }

  static func eventValues(_ form: FormBody, patientID: String) throws(RegistryError) -> FollowUpEvent {
    FollowUpEvent(
      patientID: patientID, tumourID: form["tumourID"], kind: try FollowUpEvent.kind(form["kind"]),
      date: form["date"] ?? "",
      imagingResult: form["imagingResult"], recurrenceType: form["recurrenceType"], site: form["site"],
      notes: form["notes"])
  }
}

/// `/audit`: the append-only audit log for admins, newest first, with paging and a CSV export.
enum AuditPage {
  static let escape = HTML.escape

  static func render(_ events: [AuditEvent], identity: Identity, before: Int64?) -> Response {
    var body =
      "<p>Every read and change of a record, every sign-in and export: who, what, when and from where. The log cannot be edited or deleted.</p>"
    body += "<p><a href=\"/audit.csv\">Download the whole log (CSV)</a></p>"
    body +=
      "<table><caption>Audit log\(before.map { " before entry \($0)" } ?? "")</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th>"
    body +=
      "<th scope=\"col\">Action</th><th scope=\"col\">Record</th><th scope=\"col\">From</th><th scope=\"col\">Detail</th></tr></thead><tbody>"
    for event in events {
      body +=
        "<tr><td>\(event.seq)</td><td>\(escape(RegistryPages.time(event.at)))</td><td>\(escape(event.username))</td><td>\(escape(event.action))</td>"
      body +=
        "<td>\(escape(event.entity))\(event.entityID.map { " \(escape($0))" } ?? "")</td><td>\(escape(event.remote ?? "–"))</td><td>\(escape(event.detail ?? ""))</td></tr>"
    }
    body += "</tbody></table>"
    if let last = events.last, last.seq > 1 { body += "<p><a href=\"/audit?before=\(last.seq)\">Older entries</a></p>" }
    return RegistryPages.page(title: "Audit log", body: body, identity: identity)
  }

  /// RFC 4180 CSV of the log, oldest first.
  /// A cell a spreadsheet will show as text, never run: one that starts with `=`, `+`, `-`, `@`, a tab, a carriage
  /// return or a line feed — also after leading spaces, which spreadsheets skip — gets a leading apostrophe
  /// (OWASP's CSV injection advice).
  static func spreadsheetSafe(_ text: String) -> String {
    let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n"]
    guard let first = text.first(where: { $0 != " " }),
      triggers.contains(first) || text.first.map(triggers.contains) == true
    else { return text }
    return "'" + text
  }

  static func csv(_ events: [AuditEvent]) -> String {
    func cell(_ text: String?) -> String {
      guard let text else { return "" }
      let safe = spreadsheetSafe(text)
      return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }
    var text = "seq,at_utc,account_id,username,action,entity,entity_id,remote,detail\r\n"
    for event in events.sorted(by: { $0.seq < $1.seq }) {
      text +=
        [
          String(event.seq), RegistryPages.time(event.at), event.accountID, event.username, event.action, event.entity,
          event.entityID, event.remote, event.detail,
        ]
        .map(cell).joined(separator: ",") + "\r\n"
    }
    return text
  }
}
