import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore
import LeioSurvival

/// Registers the registry's web pages (``RegistryPages/routes``) behind ``IdentityMiddleware`` and each route's
/// ``AccessMiddleware``, plus the public `/login`.
enum RegistryWeb {
  static func addRoutes(
    to router: Router<LeioRequestContext>, registry: Registry, secureCookies: Bool, prognosis: PrognosisModel? = nil
  ) {
    let login = LoginPage(registry: registry, secureCookies: secureCookies)
    router.get("login") { request, context in
      login.form(next: request.uri.queryParameters.get("next"), error: nil, secure: login.secure(context))
    }
    router.post("login") { request, context in
      try await login.submit(try await WebController<LeioRequestContext>.form(request, context), request, context)
    }
    let group = router.group().add(middleware: IdentityMiddleware(registry: registry)).add(
      middleware: WebErrorMiddleware())
    for route in RegistryPages.routes {
      let guarded = group.group().add(
        middleware: AccessMiddleware(
          route.permission, style: .web, registry: registry,
          multipartUpload: RegistryPages.uploadPaths.contains(route.path)))
      let path = RouterPath(String(route.path.dropFirst()).replacingOccurrences(of: "{id}", with: ":id"))
      guard case .web(let handle) = route.handler else { continue }
      guarded.on(path, method: HTTPRequest.Method(route.method)!) { request, context in
        guard let identity = context.identity else { return RegistryPages.redirect("/login") }
        // Errors become pages in WebErrorMiddleware.
        return try await handle(
          Call(
            registry: registry, login: login, request: request, context: context, identity: identity, path: route.path,
            prognosis: prognosis))
      }
    }
  }

  /// One page request of a signed-in account: the registry, the request, its context and identity, and what the
  /// handlers read from them.
  struct Call: Sendable {
    let registry: Registry
    let login: LoginPage
    let request: Request
    let context: LeioRequestContext
    let identity: Identity
    let path: String
    /// The registry's prognosis model, when the server was started with one.
    let prognosis: PrognosisModel?
    var actor: AuditContext { context.auditContext }
    var id: String { context.parameters.get("id") ?? "" }
    var query: FormBody { FormBody(request.uri.query ?? "") }
    let today = CalendarDate.today()
  }
}

extension RegistryError {
  var isConflict: Bool { if case .conflict = self { true } else { false } }
}
