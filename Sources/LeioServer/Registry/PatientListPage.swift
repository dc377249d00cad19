import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore

/// `/patients` (search and filters) and `/follow-up` (overdue, due in 30 days).
enum PatientListPage {
  static let escape = HTML.escape

  static func list(_ listings: [PatientListing], query: FormBody, identity: Identity, today: CalendarDate) -> Response {
    var body = "<form method=\"get\" action=\"/patients\" role=\"search\"><fieldset><legend>Find patients</legend>"
    body += RegistryPages.field(
      "q", "Name or identifier", value: query["q"], error: nil, hint: "Part of a name or identifier.")
    body += RegistryPages.field(
      "site", "Site group", value: query["site"], error: nil, hint: "Any of the patient's tumours.",
      options: SiteGroup.allCases.map(\.rawValue))
    body += RegistryPages.field(
      "stage", "Stage group (current standard)", value: query["stage"], error: nil,
      hint: "AJCC 8, or FIGO 2009 for the uterus.",
      options: StageGroup.allCases.filter { $0 != .unknown && $0 != .notApplicable }.map(\.rawValue))
    body +=
      "<div class=\"field\"><label for=\"overdue\"><input id=\"overdue\" name=\"overdue\" type=\"checkbox\" value=\"true\"\(query["overdue"] == nil ? "" : " checked")> Only overdue follow-up</label></div>"
    body +=
      "<div class=\"field\"><label for=\"deleted\"><input id=\"deleted\" name=\"deleted\" type=\"checkbox\" value=\"true\"\(query["deleted"] == nil ? "" : " checked")> Include deleted patients (to restore them)</label></div>"
    body += "<button type=\"submit\">Search</button></fieldset></form>"
    if identity.allows(.writePatients) { body += "<p><a href=\"/patients/new\">Add a patient</a></p>" }
    if identity.allows(.exportRegistry) {
      body +=
        "<p><a href=\"/api/v1/export/naaccr\" download=\"leio-registry-naaccr.xml\">Export the registry as NAACCR XML</a></p>"
    }
    body += table(
      listings, today: today, caption: "\(listings.count) patient\(listings.count == 1 ? "" : "s")",
      restore: identity.allows(.writePatients) ? identity : nil)
    return RegistryPages.page(title: "Patients", body: body, identity: identity)
  }

  /// The patient table; with `restore`, deleted patients get a restore button (its version included).
  static func table(_ listings: [PatientListing], today: CalendarDate, caption: String, restore: Identity? = nil)
    -> String
  {
    guard !listings.isEmpty else { return "<p>No patients match.</p>" }
    var html =
      "<table><caption>\(escape(caption))</caption><thead><tr><th scope=\"col\">Patient</th><th scope=\"col\">Identifier</th>"
    html +=
      "<th scope=\"col\">Site</th><th scope=\"col\">Stage</th><th scope=\"col\">Next follow-up</th></tr></thead><tbody>"
    for listing in listings {
      let patient = listing.patient
      var name = "<a href=\"/patients/\(escape(patient.id))\">\(escape(patient.name))</a>"
      if patient.deletedAt != nil {
        name = "\(escape(patient.name)) (deleted)"
        if let restore {
          name +=
            "<form method=\"post\" action=\"/patients/\(escape(patient.id))/restore\">\(RegistryPages.csrf(restore))<input type=\"hidden\" name=\"version\" value=\"\(patient.version)\"><button type=\"submit\">Restore</button></form>"
        }
      }
      html += "<tr><td>\(name)</td>"
      html +=
        "<td>\(escape(patient.identifier))</td><td>\(escape(listing.siteGroups.map(\.rawValue).joined(separator: ", ")))</td>"
      html +=
        "<td>\(escape(listing.stageGroups.map(\.rawValue).joined(separator: ", ")))</td><td>\(due(listing.nextDueDate, today: today))</td></tr>"
    }
    return html + "</tbody></table>"
  }

  /// The date with an overdue or due badge.
  static func due(_ day: CalendarDate?, today: CalendarDate) -> String {
    guard let day else { return "–" }
    if day < today { return "\(day) <span class=\"badge overdue\">overdue</span>" }
    if day.dayNumber - today.dayNumber <= FollowUp.dueWindowDays {
      return "\(day) <span class=\"badge due\">due</span>"
    }
    return day.description
  }

  static func dashboard(overdue: [PatientListing], due: [PatientListing], identity: Identity, today: CalendarDate)
    -> Response
  {
    var body =
      "<p>Today: \(escape(today.description)). A visit is due when it falls in the next \(FollowUp.dueWindowDays) days, overdue when its date has passed without a visit or scan recorded (§9.4 schedules).</p>"
    body += "<h2>Overdue (\(overdue.count))</h2>" + table(overdue, today: today, caption: "Overdue follow-up")
    body +=
      "<h2>Due in the next \(FollowUp.dueWindowDays) days (\(due.count))</h2>"
      + table(due, today: today, caption: "Follow-up due soon")
    return RegistryPages.page(title: "Follow-up due", body: body, identity: identity)
  }
}
