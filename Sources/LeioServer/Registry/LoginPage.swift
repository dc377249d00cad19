import Foundation
import Hummingbird
import LeioReport
import LeioStore

/// `/login` and `/logout`: the session cookie is set and cleared here.
struct LoginPage: Sendable {
  let registry: Registry
  /// Whether cookies carry `Secure` (off only when serving plain HTTP on loopback); behind a trusted proxy they do
  /// whenever the proxy says the client used HTTPS (`X-Forwarded-Proto: https`, ``ProxyMiddleware``).
  let secureCookies: Bool

  func secure(_ context: LeioRequestContext) -> Bool { secureCookies || context.forwardedHTTPS }

  /// The sign-in form's own CSRF defence (there is no session yet): a random token in a cookie (`HttpOnly`,
  /// `SameSite=Strict`, path `/login`) and the same token in the form; a POST must carry both, equal, and any
  /// `Origin` must be this server. Another site can neither read the cookie nor make the browser send it.
  static let csrfCookie = "leio_login_csrf"

  func form(
    next: String?, error: String?, username: String = "", status: HTTPResponse.Status = .ok, secure: Bool
  ) -> Response {
    let token = Registry.randomToken()
    var body =
      "<p class=\"banner\">The registry holds patient data. Sign in with your own account; every record you open or change is recorded with your name.</p>"
    if let error {
      body += "<div role=\"alert\" class=\"result\"><p class=\"error\">\(RegistryPages.escape(error))</p></div>"
    }
    body +=
      "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"\(RegistryPages.escape(Self.safeNext(next)))\">"
    body += "<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">"
    body +=
      "<div class=\"field\"><label for=\"username\">User name</label><input id=\"username\" name=\"username\" autocomplete=\"username\" value=\"\(RegistryPages.escape(username))\" required></div>"
    body +=
      "<div class=\"field\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
    body += "<button type=\"submit\">Sign in</button></form>"
    var response = RegistryPages.page(title: "Sign in to the registry", body: body, status: status)
    response.setCookie(
      Cookie(
        name: Self.csrfCookie, value: token, maxAge: 3600, path: "/login", secure: secure, httpOnly: true,
        sameSite: .strict))
    return response
  }

  func submit(_ form: FormBody, _ request: Request, _ context: LeioRequestContext) async throws -> Response {
    let username = form["username"] ?? ""
    let expected = request.cookies[Self.csrfCookie]?.value ?? ""
    guard AccessMiddleware.sameOrigin(request), !expected.isEmpty, let presented = form["_csrf"],
      AccessMiddleware.constantTimeEqual(presented, expected)
    else {
      return self.form(
        next: form["next"],
        error: "The sign-in form has expired or came from another site; it has been loaded again — please sign in.",
        status: .forbidden, secure: secure(context))
    }
    do {
      let grant = try await registry.login(
        username: username, password: form.values["password"]?.first ?? "", remote: context.remoteAddress)
      var response = RegistryPages.redirect(Self.safeNext(form["next"]))
      response.setCookie(
        SessionCookie.set(
          grant.token, maxAge: Int(registry.security.absoluteSessionSeconds), secure: secure(context)))
      return response
    } catch let error as RegistryError {
      switch error {
      case .badCredentials:
        return self.form(
          next: form["next"], error: error.description, username: username, status: .unauthorized,
          secure: secure(context))
      case .locked(let seconds):
        var response = self.form(
          next: form["next"], error: error.description, username: username, status: .tooManyRequests,
          secure: secure(context))
        response.headers[.retryAfter] = "\(seconds)"
        return response
      default: throw error
      }
    }
  }

  func logout(_ context: LeioRequestContext) async throws -> Response {
    if let token = context.sessionToken { try await registry.logout(sessionToken: token, by: context.auditContext) }
    var response = RegistryPages.redirect("/login")
    response.setCookie(SessionCookie.clear(secure: secure(context)))
    return response
  }

  /// Only a path on this server is followed after sign-in (no open redirect). Refused, for `/patients`: anything not
  /// starting with one `/`; `//` or `/\\` (another host to a browser); a backslash, a control character or white
  /// space anywhere (browsers drop tabs and newlines, so `/\t/evil.example` would become `//evil.example`);
  /// percent-encoded slashes, backslashes or controls; and anything that, resolved against this origin, names
  /// another host.
  static func safeNext(_ next: String?) -> String {
    let fallback = "/patients"
    guard let next, next.count <= 2048, next.hasPrefix("/"), !next.hasPrefix("//") else { return fallback }
    guard
      !next.unicodeScalars.contains(where: {
        $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace
      })
    else { return fallback }
    let lowered = next.lowercased()
    guard !["%2f", "%5c", "%09", "%0a", "%0d", "%00"].contains(where: lowered.contains) else { return fallback }
    guard let resolved = URL(string: next, relativeTo: URL(string: "http://leio.invalid")),
      resolved.host == "leio.invalid",
      resolved.scheme == "http"
    else { return fallback }
    return next
  }
}
