import Foundation
import HTTPTypes
public import Hummingbird
import LeioCore
import LeioReport
public import LeioStore

/// Finds who is calling: an API token (`Authorization: Bearer leio_…`) or the session cookie. Sets
/// `context.identity`; refusing is ``AccessMiddleware``'s job.
public struct IdentityMiddleware: RouterMiddleware {
  public typealias Context = LeioRequestContext
  let registry: Registry

  public init(registry: Registry) { self.registry = registry }

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    var context = context
    if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
      context.identity = try await registry.identity(
        apiToken: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
    } else if let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty {
      context.identity = try await registry.identity(sessionToken: token)
      context.sessionToken = context.identity == nil ? nil : token
    }
    return try await next(request, context)
  }
}

/// The session cookie: HttpOnly (no script can read it), SameSite=Strict (not sent by other sites' pages), Secure
/// unless the server listens on loopback over plain HTTP (browsers refuse Secure cookies there otherwise).
enum SessionCookie {
  static let name = "leio_session"

  static func set(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
    Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
  }

  static func clear(secure: Bool) -> Cookie {
    Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
  }
}

/// Requires a signed-in identity with `permission`; for state-changing requests made with the session cookie, also
/// the session's CSRF token (form field `_csrf`, or header `X-CSRF-Token` for scripts) and a same-origin `Origin`.
///
/// API routes answer 401 (with `WWW-Authenticate`) or 403 as problem documents; web pages send the browser to
/// `/login` or show a 403 page.
public struct AccessMiddleware: RouterMiddleware {
  public typealias Context = LeioRequestContext
  public enum Style: Sendable { case api, web }
  let permission: Permission?
  let style: Style
  /// Where refusals are recorded (the audit log); nil only in tests of the middleware alone.
  let registry: Registry?
  /// A route that takes a `multipart/form-data` file upload: the CSRF token is checked by the handler, from the
  /// form's first part (``LeioRequestContext/csrfToVerify``), not by reading the whole body here.
  let multipartUpload: Bool

  /// `permission` nil: any signed-in account.
  public init(_ permission: Permission?, style: Style, registry: Registry? = nil, multipartUpload: Bool = false) {
    self.permission = permission
    self.style = style
    self.registry = registry
    self.multipartUpload = multipartUpload
  }

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    do {
      let response = try await check(request, context: context, next: next)
      if response.status == .unauthorized || response.status == .forbidden
        || (response.status == .seeOther && context.identity == nil)
      {
        await recordRefusal(request, context, status: response.status == .seeOther ? 401 : Int(response.status.code))
      }
      return response
    } catch let problem as Problem where problem.statusCode == 401 || problem.statusCode == 403 {
      await recordRefusal(request, context, status: problem.statusCode)
      throw problem
    }
  }

  /// Writes the refusal to the audit log: who (if anyone), the route's template (never query values), the status.
  /// A failure to write it is not the caller's problem: the refusal stands.
  private func recordRefusal(_ request: Request, _ context: Context, status: Int) async {
    try? await registry?.recordRefusal(
      context.auditContext, status: status, route: "\(request.method.rawValue) \(context.endpointPath ?? "?")",
      entityID: context.parameters.get("id"))
  }

  private func check(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    guard let identity = context.identity else {
      switch style {
      case .api:
        var response = try Problem.status(
          .unauthorized, detail: "Sign in, or send an API token as 'Authorization: Bearer …'."
        ).response(from: request, context: context)
        response.headers[.wwwAuthenticate] = #"Bearer realm="leio""#
        return response
      case .web:
        let next = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/patients"
        return Response(
          status: .seeOther,
          headers: [
            .location: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
          ])
      }
    }
    if let permission, !identity.allows(permission) {
      switch style {
      case .api:
        throw Problem.status(
          .forbidden,
          detail: "The \(identity.account.role.rawValue) role may not do this (needs \(permission.rawValue)).")
      case .web: return RegistryPages.forbidden(identity, permission)
      }
    }
    guard Self.isUnsafe(request.method), let expected = identity.csrfToken else {
      return try await next(request, context)
    }
    // Cookie-authenticated change: same origin and the session's CSRF token, or nothing happens.
    guard Self.sameOrigin(request) else {
      throw Problem.status(
        .forbidden,
        detail: "The request came from another site (Origin \((request.headers[.origin] ?? "").excerpt(limit: 80))).")
    }
    var request = request
    var presented = request.headers[Self.csrfHeader]
    if presented == nil, multipartUpload,
      request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    {
      // A file upload: the token is the form's first part; the handler checks it before reading anything else.
      var context = context
      context.csrfToVerify = expected
      return try await next(request, context)
    }
    if presented == nil {
      let buffer = try await request.collectBody(upTo: context.maxUploadSize)
      presented = FormBody(String(buffer: buffer))["_csrf"]
    }
    guard let presented, Self.constantTimeEqual(presented, expected) else {
      throw Problem.status(
        .forbidden, detail: "The form is missing its security token or it has expired; reload the page and try again.")
    }
    return try await next(request, context)
  }

  static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

  /// False when the request names an `Origin` that is not this server (scheme aside: the host and port must be the
  /// ones the request was sent to). A request without `Origin` passes here (the CSRF token still decides).
  static func sameOrigin(_ request: Request) -> Bool {
    guard let origin = request.headers[.origin] else { return true }
    guard let components = URLComponents(string: origin), let host = components.host, !host.isEmpty else {
      return false
    }
    return request.head.authority?.lowercased() == (host + (components.port.map { ":\($0)" } ?? "")).lowercased()
  }

  static func isUnsafe(_ method: HTTPRequest.Method) -> Bool { ![.get, .head, .options].contains(method) }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
