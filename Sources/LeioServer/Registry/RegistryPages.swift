import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore

/// The registry's web pages (server-rendered, no JavaScript): sign-in, the patient list, the case page, the forms,
/// the follow-up dashboard and the audit log. All text is escaped; every form carries the session's CSRF token.
public enum RegistryPages {
  static let escape = HTML.escape

  /// The web routes, each with the permission it needs (`nil`: any signed-in account). `/login` is public.
  public static let routes: [RegistryRoute] = [
    .init(method: "POST", path: "/logout", permission: nil, web: { try await $0.postLogout() }),
    .init(method: "GET", path: "/import", permission: .importRegistry, web: { try await $0.getImport() }),
    .init(method: "POST", path: "/import", permission: .importRegistry, web: { try await $0.postImport() }),
    .init(
      method: "POST", path: "/import/confirm", permission: .importRegistry, web: { try await $0.postImportConfirm() }),
    .init(method: "GET", path: "/patients", permission: .readPatients, web: { try await $0.getPatients() }),
    .init(method: "GET", path: "/patients/new", permission: .writePatients, web: { try await $0.getPatientsNew() }),
    .init(method: "POST", path: "/patients", permission: .writePatients, web: { try await $0.postPatients() }),
    .init(method: "GET", path: "/patients/{id}", permission: .readPatients, web: { try await $0.getPatientsByID() }),
    .init(
      method: "GET", path: "/patients/{id}/edit", permission: .writePatients,
      web: { try await $0.getPatientsByIDEdit() }),
    .init(
      method: "POST", path: "/patients/{id}/edit", permission: .writePatients,
      web: { try await $0.postPatientsByIDEdit() }),
    .init(
      method: "POST", path: "/patients/{id}/delete", permission: .writePatients,
      web: { try await $0.postPatientsByIDDelete() }),
    .init(
      method: "POST", path: "/patients/{id}/restore", permission: .writePatients,
      web: { try await $0.postPatientsByIDRestore() }),
    .init(
      method: "GET", path: "/patients/{id}/tumours/new", permission: .writePatients,
      web: { try await $0.getPatientsByIDTumoursNew() }),
    .init(
      method: "POST", path: "/patients/{id}/tumours", permission: .writePatients,
      web: { try await $0.postPatientsByIDTumours() }),
    .init(
      method: "POST", path: "/patients/{id}/events", permission: .writePatients,
      web: { try await $0.postPatientsByIDEvents() }),
    .init(
      method: "GET", path: "/tumours/{id}/edit", permission: .writePatients, web: { try await $0.getTumoursByIDEdit() }),
    .init(
      method: "POST", path: "/tumours/{id}/edit", permission: .writePatients,
      web: { try await $0.postTumoursByIDEdit() }),
    .init(
      method: "POST", path: "/tumours/{id}/treatments", permission: .writePatients,
      web: { try await $0.postTumoursByIDTreatments() }),
    .init(
      method: "GET", path: "/treatments/{id}/edit", permission: .writePatients,
      web: { try await $0.getTreatmentsByIDEdit() }),
    .init(
      method: "POST", path: "/treatments/{id}/edit", permission: .writePatients,
      web: { try await $0.postTreatmentsByIDEdit() }),
    .init(
      method: "POST", path: "/treatments/{id}/delete", permission: .writePatients,
      web: { try await $0.postTreatmentsByIDDelete() }),
    .init(
      method: "GET", path: "/events/{id}/edit", permission: .writePatients, web: { try await $0.getEventsByIDEdit() }),
    .init(
      method: "POST", path: "/events/{id}/edit", permission: .writePatients, web: { try await $0.postEventsByIDEdit() }),
    .init(
      method: "POST", path: "/events/{id}/delete", permission: .writePatients,
      web: { try await $0.postEventsByIDDelete() }),
    .init(
      method: "GET", path: "/tumours/{id}/summary", permission: .readPatients,
      web: { try await $0.getTumoursByIDSummary() }),
    .init(method: "GET", path: "/follow-up", permission: .readPatients, web: { try await $0.getFollowUp() }),
    .init(method: "GET", path: "/outcomes", permission: .viewOutcomes, web: { try await $0.getOutcomes() }),
    .init(method: "GET", path: "/outcomes.csv", permission: .viewOutcomes, web: { try await $0.getOutcomesCSV() }),
    .init(method: "GET", path: "/audit", permission: .readAudit, web: { try await $0.getAudit() }),
    .init(method: "GET", path: "/audit.csv", permission: .readAudit, web: { try await $0.getAuditCSV() }),
    .init(method: "GET", path: "/accounts", permission: .manageAccounts, web: { try await $0.getAccounts() }),
    .init(
      method: "POST", path: "/accounts/{id}/unlock", permission: .manageAccounts,
      web: { try await $0.postAccountsByIDAction() }),
    .init(
      method: "POST", path: "/accounts/{id}/disable", permission: .manageAccounts,
      web: { try await $0.postAccountsByIDAction() }),
    .init(
      method: "POST", path: "/accounts/{id}/enable", permission: .manageAccounts,
      web: { try await $0.postAccountsByIDAction() }),
    .init(
      method: "POST", path: "/tokens/{id}/revoke", permission: .manageAccounts,
      web: { try await $0.postTokensByIDRevoke() }),
  ]

  static func forbidden(_ identity: Identity, _ permission: Permission) -> Response {
    RegistryPages.page(
      title: "Not allowed",
      body:
        "<p class=\"banner\">Your account (\(escape(identity.account.role.rawValue))) may not open this page. Ask an administrator if you need it.</p>",
      identity: identity, status: .forbidden)
  }

  static func notFound(_ identity: Identity?) -> Response {
    RegistryPages.page(
      title: "Not found",
      body:
        "<p>There is no such record, or it was deleted.</p><p><a href=\"/patients\">Back to the patient list</a></p>",
      identity: identity, status: .notFound)
  }

  /// Routes that take a `multipart/form-data` file upload (their handler checks the CSRF token in the form).
  static let uploadPaths: Set<String> = ["/import"]

  /// The registry's navigation for a signed-in account: what its role may open, and sign-out.
  static func registryNavigation(_ identity: Identity) -> String {
    var links = [("/patients", "Patients"), ("/follow-up", "Follow-up due")]
    if identity.allows(.viewOutcomes) { links.append(("/outcomes", "Outcomes")) }
    if identity.allows(.readAudit) { links.append(("/audit", "Audit log")) }
    if identity.allows(.manageAccounts) { links.append(("/accounts", "Accounts")) }
    if identity.allows(.importRegistry) { links.append(("/import", "Import NAACCR")) }
    var html = links.map { "<a href=\"\($0.0)\">\(HTML.escape($0.1))</a>" }.joined()
    html +=
      "<form class=\"signout\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(identity.csrfToken ?? ""))\">"
    html += "<button type=\"submit\">Sign out \(HTML.escape(identity.account.username))</button></form>"
    return html
  }

  /// A registry page: the site navigation shows what the signed-in account may open (the sign-in page has none).
  static func page(title: String, body: String, identity: Identity? = nil, status: HTTPResponse.Status = .ok)
    -> Response
  {
    let navigation = HTML(
      trusted: identity.map { "<div class=\"registry-nav\">" + registryNavigation($0) + "</div>" }
        ?? "<a href=\"/patients\">Registry</a>")
    return WebPage.response(
      PageLayout.document(title: title, body: body, navigation: navigation), status: status, private: identity != nil)
  }

  /// A hidden CSRF field for a form.
  static func csrf(_ identity: Identity) -> String {
    "<input type=\"hidden\" name=\"_csrf\" value=\"\(escape(identity.csrfToken ?? ""))\">"
  }

  /// A labelled text input (or select), with its error beside it.
  static func field(
    _ name: String, _ label: String, value: String?, error: RegistryError?, hint: String = "", options: [String]? = nil,
    type: String = "text", id: String? = nil
  ) -> String {
    Controls.labelled(
      name, label, value: value, message: errorField(error) == name ? error?.description : nil, hint: hint,
      options: options, type: type, id: id)
  }

  static func errorField(_ error: RegistryError?) -> String? {
    switch error {
    case .invalid(let field, _)?: field
    case .duplicate(let constraint)?: constraint.contains("identifier") ? "identifier" : nil
    default: nil
    }
  }

  /// The error summary at the top of a form: linked to its field, announced to screen readers.
  static func errorSummary(_ error: RegistryError?) -> String {
    guard let error else { return "" }
    let target =
      errorField(error).map { "<a href=\"#\($0)\">\(escape(error.description))</a>" } ?? escape(error.description)
    return "<div role=\"alert\" class=\"result\"><p class=\"error\">Please correct this:</p><p>\(target)</p></div>"
  }

  static func redirect(_ location: String) -> Response { Response(status: .seeOther, headers: [.location: location]) }

  /// Milliseconds since 1970 as `YYYY-MM-DD HH:MM` UTC.
  static func time(_ milliseconds: Int64) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000)) + " UTC"
  }
}
