import Foundation
public import Hummingbird
import LeioCore
import LeioStore
import Logging
import NIOHTTP1

/// Turns every error into an RFC 9457 problem: clinical input errors into 422,
/// malformed bodies into 400, Hummingbird's HTTP errors (404, 405, 413) into
/// problems with their status, and anything else into a 500 without detail.
/// Logs the request id, route, status and duration — never bodies or patient data.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
  /// Where answered requests are counted for `GET /metrics` (route template, method, status, duration).
  let metrics: ServerMetrics?

  public init(metrics: ServerMetrics? = nil) { self.metrics = metrics }

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    let start = ContinuousClock.now
    let response: Response
    do {
      response = try await next(request, context)
    } catch {
      var problem = Self.problem(for: error)
      let allowed = Self.allowedMethods(for: request.uri.path)
      // no route for this method (not a missing record)
      if problem.statusCode == 404, error is HTTPError, !allowed.isEmpty {
        problem = .status(
          .methodNotAllowed,
          detail:
            "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(allowed.joined(separator: ", ")).")
      }
      var errorResponse = try problem.response(from: request, context: context)
      if problem.statusCode == 405 { errorResponse.headers[.allow] = allowed.joined(separator: ", ") }
      if case .locked(let seconds)? = error as? RegistryError { errorResponse.headers[.retryAfter] = "\(seconds)" }
      if case .busy? = error as? RegistryError { errorResponse.headers[.retryAfter] = "2" }
      response = errorResponse
      if problem.statusCode >= 500 {
        context.logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))"])
      }
    }
    let elapsed = ContinuousClock.now - start
    let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let route = context.endpointPath ?? "unmatched"
    metrics?.record(
      method: request.method.rawValue, route: route, status: response.status.code, seconds: milliseconds / 1000)
    context.logger.info(
      "request",
      metadata: [
        "method": "\(request.method.rawValue)", "route": "\(route)",
        "status": "\(response.status.code)", "duration_ms": "\(String(format: "%.3f", milliseconds))",
      ])
    return response
  }

  static func problem(for error: any Error) -> Problem {
    switch error {
    case let problem as Problem: return problem
    case let error as StagingError:
      if case .ruleTable = error { return .status(.internalServerError) }
      return .invalid(error)
    case let error as DecodingError: return .malformed(describe(error), field: field(of: error))
    case let error as RegistryError: return registryProblem(error)
    case let error as HTTPParserError:
      // A body that breaks HTTP itself: a bad chunk size, a truncated chunk, fewer bytes than Content-Length before
      // the client closed. The client's fault, so 400 — never a 500.
      return .malformed("The request is not valid HTTP (\(Self.parserErrorLabel(error))); nothing was done.")
    case let error as any HTTPResponseError:
      return .status(
        error.status,
        detail: error.status == .contentTooLarge
          ? "The request body is larger than \(LeioRequestContext.maximumBody / 1024) KiB." : nil)
    default: return .status(.internalServerError)
    }
  }

  /// A short name for what broke the HTTP parser, for the problem's detail.
  static func parserErrorLabel(_ error: HTTPParserError) -> String {
    switch error {
    case .invalidChunkSize: "bad chunk size"
    case .invalidEOFState: "the body ended before its declared length"
    case .invalidContentLength: "bad Content-Length"
    case .unexpectedContentLength: "Content-Length where none may be"
    default: "malformed message"
    }
  }

  /// Registry errors: 404 not found, 409 conflict or duplicate, 422 invalid field, 401 sign-in refused, 429 locked
  /// (with the wait), 503 database unreachable, 500 for the rest (without internal detail).
  static func registryProblem(_ error: RegistryError) -> Problem {
    switch error {
    case .notFound: return .status(.notFound, detail: error.description)
    case .conflict, .duplicate:
      return Problem(
        status: .conflict, type: "https://leio.invalid/problems/conflict", title: "Conflict", detail: error.description)
    case .invalid(let field, _), .missingReference(let field):
      return Problem(
        status: .unprocessableContent, type: "https://leio.invalid/problems/invalid-record", title: "Invalid record",
        detail: error.description, field: field)
    case .invalidBackup:
      return Problem(
        status: .unprocessableContent, type: "https://leio.invalid/problems/invalid-backup", title: "Invalid backup",
        detail: error.description)
    case .invalidImport:
      return Problem(
        status: .unprocessableContent, type: "https://leio.invalid/problems/invalid-import", title: "Invalid import",
        detail: error.description)
    case .badCredentials: return .status(.unauthorized, detail: error.description)
    case .locked: return .status(.tooManyRequests, detail: error.description)
    case .unavailable: return .status(.serviceUnavailable, detail: "The registry database cannot be reached.")
    case .busy:
      return .status(
        .serviceUnavailable, detail: "The registry database is busy (locked by another process); try again shortly.")
    case .patientDeleted:
      return Problem(
        status: .conflict, type: "https://leio.invalid/problems/patient-deleted", title: "Patient deleted",
        detail: error.description)
    case .corrupt, .schemaTooNew, .invalidDatabaseURL, .migrationFailed: return .status(.internalServerError)
    }
  }

  /// The methods an existing API path accepts (empty for unknown paths).
  static func allowedMethods(for path: String) -> [String] {
    let parts = path.split(separator: "/")
    return (APIController<Context>.routes + RegistryAPI.routes.map { ($0.method, $0.path) }).filter { route in
      let pattern = route.path.split(separator: "/")
      return pattern.count == parts.count && zip(pattern, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }.map(\.method)
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context):
      context.codingPath.isEmpty ? "The body is not valid JSON." : context.debugDescription
    case .keyNotFound(let key, _): "A required field is missing: \(key.stringValue)."
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    @unknown default: "The body could not be decoded."
    }
  }

  static func field(of error: DecodingError) -> String? {
    switch error {
    case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
      context.codingPath.last?.stringValue
    case .keyNotFound(let key, _): key.stringValue
    @unknown default: nil
    }
  }
}
