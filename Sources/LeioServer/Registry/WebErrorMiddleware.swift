import Foundation
import Hummingbird
import LeioCore
import LeioStore

/// The registry's web pages answer errors with pages, never with problem JSON: a stale form (someone saved or
/// deleted the record since it was opened) gets a conflict page that says what happened and where to go; a record
/// under a deleted patient, a refused security token, a missing record and anything else get a page with their
/// status. The API keeps its problem documents (``ProblemMiddleware``).
struct WebErrorMiddleware: RouterMiddleware {
  typealias Context = LeioRequestContext

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch {
      return Self.page(for: error, identity: context.identity)
    }
  }

  static func page(for error: any Error, identity: Identity?) -> Response {
    let escape = RegistryPages.escape
    let back = "<p><a href=\"/patients\">Back to the patient list</a></p>"
    switch error {
    case let error as RegistryError:
      switch error {
      case .conflict:
        return RegistryPages.page(
          title: "Someone else changed this record",
          body: "<div role=\"alert\" class=\"result\"><p class=\"error\">\(escape(error.description))</p></div>"
            + "<p>Nothing was changed. Open the record again to see the current version, then repeat your change if it is still needed.</p>"
            + back,
          identity: identity, status: .conflict)
      case .patientDeleted:
        return RegistryPages.page(
          title: "The patient is deleted",
          body: "<div role=\"alert\" class=\"result\"><p class=\"error\">\(escape(error.description))</p></div>" + back,
          identity: identity, status: .conflict)
      case .notFound:
        return RegistryPages.notFound(identity)
      default: break
      }
    default: break
    }
    let problem = ProblemMiddleware<Context>.problem(for: error)
    let status = problem.status
    let detail =
      status.code >= 500
      ? "Something went wrong on the server; nothing was changed. Try again, and tell the administrator if it happens again."
      : problem.detail
    var response = RegistryPages.page(
      title: status.reasonPhrase,
      body: "<div role=\"alert\" class=\"result\"><p class=\"error\">\(escape(detail))</p></div>" + back,
      identity: identity, status: status)
    if case .locked(let seconds)? = error as? RegistryError { response.headers[.retryAfter] = "\(seconds)" }
    return response
  }
}
