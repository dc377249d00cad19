import Hummingbird
import Foundation
import LeioCore
import LeioStore

/// The registry's web pages (server-rendered, no JavaScript): sign-in, the patient list, the case page, the forms,
/// the follow-up dashboard and the audit log. All text is escaped; every form carries the session's CSRF token.
public enum RegistryPages {
  static let escape = CareSummaryHTML.escape

  /// The web routes, each with the permission it needs (`nil`: any signed-in account). `/login` is public.
  public static let routes: [RegistryRoute] = [
    .init(method: "POST", path: "/logout", permission: nil),
    .init(method: "GET", path: "/patients", permission: .readPatients),
    .init(method: "GET", path: "/patients/new", permission: .writePatients),
    .init(method: "POST", path: "/patients", permission: .writePatients),
    .init(method: "GET", path: "/patients/{id}", permission: .readPatients),
    .init(method: "GET", path: "/patients/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/patients/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/patients/{id}/delete", permission: .writePatients),
    .init(method: "POST", path: "/patients/{id}/restore", permission: .writePatients),
    .init(method: "GET", path: "/patients/{id}/tumours/new", permission: .writePatients),
    .init(method: "POST", path: "/patients/{id}/tumours", permission: .writePatients),
    .init(method: "POST", path: "/patients/{id}/events", permission: .writePatients),
    .init(method: "GET", path: "/tumours/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/tumours/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/tumours/{id}/treatments", permission: .writePatients),
    .init(method: "GET", path: "/treatments/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/treatments/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/treatments/{id}/delete", permission: .writePatients),
    .init(method: "GET", path: "/events/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/events/{id}/edit", permission: .writePatients),
    .init(method: "POST", path: "/events/{id}/delete", permission: .writePatients),
    .init(method: "GET", path: "/tumours/{id}/summary", permission: .readPatients),
    .init(method: "GET", path: "/follow-up", permission: .readPatients),
    .init(method: "GET", path: "/audit", permission: .readAudit),
    .init(method: "GET", path: "/audit.csv", permission: .readAudit),
    .init(method: "GET", path: "/accounts", permission: .manageAccounts),
    .init(method: "POST", path: "/accounts/{id}/unlock", permission: .manageAccounts),
    .init(method: "POST", path: "/accounts/{id}/disable", permission: .manageAccounts),
    .init(method: "POST", path: "/accounts/{id}/enable", permission: .manageAccounts),
    .init(method: "POST", path: "/tokens/{id}/revoke", permission: .manageAccounts),
  ]

  static func forbidden(_ identity: Identity, _ permission: Permission) -> Response {
    PageLayout.page(title: "Not allowed", body: "<p class=\"banner\">Your account (\(escape(identity.account.role.rawValue))) may not open this page. Ask an administrator if you need it.</p>",
                    identity: identity, status: .forbidden)
  }

  static func notFound(_ identity: Identity?) -> Response {
    PageLayout.page(title: "Not found", body: "<p>There is no such record, or it was deleted.</p><p><a href=\"/patients\">Back to the patient list</a></p>",
                    identity: identity, status: .notFound)
  }

  /// A hidden CSRF field for a form.
  static func csrf(_ identity: Identity) -> String {
    "<input type=\"hidden\" name=\"_csrf\" value=\"\(escape(identity.csrfToken ?? ""))\">"
  }

  /// A labelled text input (or select), with its error beside it.
  static func field(_ name: String, _ label: String, value: String?, error: RegistryError?, hint: String = "", options: [String]? = nil,
                    type: String = "text", id: String? = nil) -> String {
    labelled(name, label, value: value, message: errorField(error) == name ? error?.description : nil, hint: hint, options: options, type: type, id: id)
  }

  /// The one renderer of a labelled control: `message` is the error of this field, shown beside it and announced.
  static func labelled(_ name: String, _ label: String, value: String?, message: String?, hint: String = "", options: [String]? = nil,
                       type: String = "text", id: String? = nil) -> String {
    let id = id ?? name
    let invalid = message == nil ? "" : " aria-invalid=\"true\""
    let described = "\(id)-hint" + (message == nil ? "" : " \(id)-error")
    var html = "<div class=\"field\"><label for=\"\(id)\">\(escape(label))</label>"
    if let options {
      html += "<select id=\"\(id)\" name=\"\(name)\" aria-describedby=\"\(described)\"\(invalid)><option value=\"\">— not given —</option>"
      html += options.map { "<option value=\"\(escape($0))\"\(value == $0 ? " selected" : "")>\(escape($0))</option>" }.joined() + "</select>"
    } else {
      html += "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\" value=\"\(escape(value ?? ""))\" aria-describedby=\"\(described)\"\(invalid)>"
    }
    html += "<div class=\"hint\" id=\"\(id)-hint\">\(escape(hint))</div>"
    if let message { html += "<p class=\"error\" id=\"\(id)-error\">\(escape(message))</p>" }
    return html + "</div>"
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
    let target = errorField(error).map { "<a href=\"#\($0)\">\(escape(error.description))</a>" } ?? escape(error.description)
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
