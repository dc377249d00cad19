import HTTPTypes
public import Hummingbird
import Foundation
public import LeioStore

/// Finds who is calling: an API token (`Authorization: Bearer leio_…`) or the session cookie. Sets
/// `context.identity`; refusing is ``AccessMiddleware``'s job.
public struct IdentityMiddleware: RouterMiddleware {
  public typealias Context = LeioRequestContext
  let registry: Registry

  public init(registry: Registry) { self.registry = registry }

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var context = context
    if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
      context.identity = try await registry.identity(apiToken: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
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

  /// `permission` nil: any signed-in account.
  public init(_ permission: Permission?, style: Style) {
    self.permission = permission
    self.style = style
  }

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    guard let identity = context.identity else {
      switch style {
      case .api:
        var response = try Problem.status(.unauthorized, detail: "Sign in, or send an API token as 'Authorization: Bearer …'.").response(from: request, context: context)
        response.headers[.wwwAuthenticate] = #"Bearer realm="leio""#
        return response
      case .web:
        let next = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/patients"
        return Response(status: .seeOther, headers: [.location: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")])
      }
    }
    if let permission, !identity.allows(permission) {
      switch style {
      case .api: throw Problem.status(.forbidden, detail: "The \(identity.account.role.rawValue) role may not do this (needs \(permission.rawValue)).")
      case .web: return RegistryPages.forbidden(identity, permission)
      }
    }
    guard Self.isUnsafe(request.method), let expected = identity.csrfToken else { return try await next(request, context) }
    // Cookie-authenticated change: same origin and the session's CSRF token, or nothing happens.
    if let origin = request.headers[.origin] {
      let originHost = URLComponents(string: origin).map { "\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" }
      guard let host = request.head.authority, originHost == host else {
        throw Problem.status(.forbidden, detail: "The request came from another site (Origin \(origin)).")
      }
    }
    var request = request
    var presented = request.headers[Self.csrfHeader]
    if presented == nil {
      let buffer = try await request.collectBody(upTo: context.maxUploadSize)
      presented = FormBody(String(buffer: buffer))["_csrf"]
    }
    guard let presented, Self.constantTimeEqual(presented, expected) else {
      throw Problem.status(.forbidden, detail: "The form is missing its security token or it has expired; reload the page and try again.")
    }
    return try await next(request, context)
  }

  static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

  static func isUnsafe(_ method: HTTPRequest.Method) -> Bool { ![.get, .head, .options].contains(method) }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
