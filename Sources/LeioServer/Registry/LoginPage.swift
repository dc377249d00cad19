import Hummingbird
import Foundation
import LeioStore

/// `/login` and `/logout`: the session cookie is set and cleared here.
struct LoginPage: Sendable {
  let registry: Registry
  /// Whether cookies carry `Secure` (off only when serving plain HTTP on loopback).
  let secureCookies: Bool

  func form(next: String?, error: String?, username: String = "", status: HTTPResponse.Status = .ok) -> Response {
    var body = "<p class=\"banner\">The registry holds patient data. Sign in with your own account; every record you open or change is recorded with your name.</p>"
    if let error { body += "<div role=\"alert\" class=\"result\"><p class=\"error\">\(RegistryPages.escape(error))</p></div>" }
    body += "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"\(RegistryPages.escape(Self.safeNext(next)))\">"
    body += "<div class=\"field\"><label for=\"username\">User name</label><input id=\"username\" name=\"username\" autocomplete=\"username\" value=\"\(RegistryPages.escape(username))\" required></div>"
    body += "<div class=\"field\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
    body += "<button type=\"submit\">Sign in</button></form>"
    return PageLayout.page(title: "Sign in to the registry", body: body, status: status)
  }

  func submit(_ form: FormBody, _ context: LeioRequestContext) async throws -> Response {
    let username = form["username"] ?? ""
    do {
      let grant = try await registry.login(username: username, password: form.values["password"]?.first ?? "", remote: context.remoteAddress)
      var response = RegistryPages.redirect(Self.safeNext(form["next"]))
      response.setCookie(SessionCookie.set(grant.token, maxAge: Int(registry.security.absoluteSessionSeconds), secure: secureCookies))
      return response
    } catch let error as RegistryError {
      switch error {
      case .badCredentials: return self.form(next: form["next"], error: error.description, username: username, status: .unauthorized)
      case .locked(let seconds):
        var response = self.form(next: form["next"], error: error.description, username: username, status: .tooManyRequests)
        response.headers[.retryAfter] = "\(seconds)"
        return response
      default: throw error
      }
    }
  }

  func logout(_ context: LeioRequestContext) async throws -> Response {
    if let token = context.sessionToken { try await registry.logout(sessionToken: token, by: context.auditContext) }
    var response = RegistryPages.redirect("/login")
    response.setCookie(SessionCookie.clear(secure: secureCookies))
    return response
  }

  /// Only a local path is followed after sign-in (never another site: no open redirect).
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\n") else { return "/patients" }
    return next
  }
}
