import Foundation
public import Hummingbird
import LeioCore
public import LeioStore

/// One registry route: method, path and the permission it needs. The routes are registered from this table only,
/// and the authorisation tests walk it with every role.
public struct RegistryRoute: Sendable {
  public let method: String
  public let path: String
  /// `nil`: any signed-in account.
  public let permission: Permission?
  /// What answers the route: it is matched once, by the router, and this is called.
  let handler: Handler

  enum Handler: Sendable {
    case api(@Sendable (RegistryAPI.Call) async throws -> Response)
    case web(@Sendable (RegistryWeb.Call) async throws -> Response)
  }

  init(
    method: String, path: String, permission: Permission?,
    api: @escaping @Sendable (RegistryAPI.Call) async throws -> Response
  ) {
    (self.method, self.path, self.permission, handler) = (method, path, permission, .api(api))
  }

  init(
    method: String, path: String, permission: Permission?,
    web: @escaping @Sendable (RegistryWeb.Call) async throws -> Response
  ) {
    (self.method, self.path, self.permission, handler) = (method, path, permission, .web(web))
  }
}

/// The registry's JSON API under `/api/v1`: patients, tumours, treatments, follow-up events, the follow-up
/// dashboard, the audit log and the export. Same rules as the web pages; every call is audited by the store.
public enum RegistryAPI {
  public static let routes: [RegistryRoute] = [
    .init(method: "GET", path: "/api/v1/me", permission: nil, api: { try await $0.getMe() }),
    .init(method: "GET", path: "/api/v1/patients", permission: .readPatients, api: { try await $0.getPatients() }),
    .init(method: "POST", path: "/api/v1/patients", permission: .writePatients, api: { try await $0.postPatients() }),
    .init(
      method: "GET", path: "/api/v1/patients/{id}", permission: .readPatients, api: { try await $0.getPatientsByID() }),
    .init(
      method: "PUT", path: "/api/v1/patients/{id}", permission: .writePatients, api: { try await $0.putPatientsByID() }),
    .init(
      method: "DELETE", path: "/api/v1/patients/{id}", permission: .writePatients,
      api: { try await $0.deletePatientsByID() }),
    .init(
      method: "POST", path: "/api/v1/patients/{id}/restore", permission: .writePatients,
      api: { try await $0.postPatientsByIDRestore() }),
    .init(
      method: "POST", path: "/api/v1/patients/{id}/tumours", permission: .writePatients,
      api: { try await $0.postPatientsByIDTumours() }),
    .init(
      method: "POST", path: "/api/v1/patients/{id}/events", permission: .writePatients,
      api: { try await $0.postPatientsByIDEvents() }),
    .init(
      method: "PUT", path: "/api/v1/tumours/{id}", permission: .writePatients, api: { try await $0.putTumoursByID() }),
    .init(
      method: "DELETE", path: "/api/v1/tumours/{id}", permission: .writePatients,
      api: { try await $0.deleteTumoursByID() }),
    .init(
      method: "POST", path: "/api/v1/tumours/{id}/treatments", permission: .writePatients,
      api: { try await $0.postTumoursByIDTreatments() }),
    .init(
      method: "PUT", path: "/api/v1/treatments/{id}", permission: .writePatients,
      api: { try await $0.putTreatmentsByID() }),
    .init(
      method: "DELETE", path: "/api/v1/treatments/{id}", permission: .writePatients,
      api: { try await $0.deleteTreatmentsByID() }),
    .init(
      method: "PUT", path: "/api/v1/events/{id}", permission: .writePatients, api: { try await $0.putEventsByID() }),
    .init(
      method: "DELETE", path: "/api/v1/events/{id}", permission: .writePatients,
      api: { try await $0.deleteEventsByID() }),
    .init(method: "GET", path: "/api/v1/follow-up", permission: .readPatients, api: { try await $0.getFollowUp() }),
    .init(method: "GET", path: "/api/v1/audit", permission: .readAudit, api: { try await $0.getAudit() }),
    .init(method: "GET", path: "/api/v1/export", permission: .exportRegistry, api: { try await $0.getExport() }),
    .init(
      method: "POST", path: "/api/v1/import/naaccr", permission: .importRegistry,
      api: { try await $0.postImportNaaccr() }),
    .init(
      method: "GET", path: "/api/v1/patients/{id}/fhir", permission: .readPatients,
      api: { try await $0.getPatientsByIDFhir() }),
    .init(method: "POST", path: "/api/v1/fhir", permission: .writePatients, api: { try await $0.postFhir() }),
    .init(
      method: "GET", path: "/api/v1/export/outcomes", permission: .exportRegistry,
      api: { try await $0.getExportOutcomes() }),
    .init(
      method: "GET", path: "/api/v1/export/naaccr", permission: .exportRegistry,
      api: { try await $0.getExportNaaccr() }),
  ]

  /// Adds the routes, each behind its permission, to `router` (with ``IdentityMiddleware`` in front).
  static func addRoutes(to router: Router<LeioRequestContext>, registry: Registry) {
    let group = router.group().add(middleware: IdentityMiddleware(registry: registry))
    for route in routes {
      let guarded = group.group().add(middleware: AccessMiddleware(route.permission, style: .api, registry: registry))
      let path = RouterPath(String(route.path.dropFirst()).replacingOccurrences(of: "{id}", with: ":id"))
      let method = HTTPRequest.Method(route.method)!
      guard case .api(let handle) = route.handler else { continue }
      guarded.on(path, method: method) { request, context in
        try await handle(Call(registry: registry, request: request, context: context))
      }
    }
  }

  /// One API request: the registry, the request and its context, and what the handlers read from them.
  struct Call: Sendable {
    let registry: Registry
    let request: Request
    let context: LeioRequestContext
    var actor: AuditContext { context.auditContext }
    var id: String { context.parameters.get("id") ?? "" }
    var query: Hummingbird.Parameters { request.uri.queryParameters }

    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
      try RegistryAPI.json(value, status: status)
    }

    func json(_ value: some Encodable & JSONWritable, status: HTTPResponse.Status = .ok) throws -> Response {
      try RegistryAPI.json(value, status: status)
    }

    func decode<T: StrictBody>(_ type: T.Type, _ request: Request, _ context: LeioRequestContext) async throws -> T {
      try await RegistryAPI.decode(type, request, context)
    }

    func version(_ query: Hummingbird.Parameters) throws -> Int64 {
      guard let text = query.get("version"), let version = Int64(text) else {
        throw Problem.malformed(
          "Give the version you read as ?version=N (the change is refused if someone saved since).", field: "version")
      }
      return version
    }
  }

  /// Decodes a registry body, refusing any field the body type does not have (a misspelled `"birthdate"` or
  /// `"Sex"` would otherwise be dropped and the record stored without it): 422 naming the unknown fields.
  static func decode<T: StrictBody>(_ type: T.Type, _ request: Request, _ context: LeioRequestContext) async throws -> T
  {
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    guard buffer.readableBytes > 0 else { throw Problem.malformed("The request body is empty; send a JSON document.") }
    let data = Data(buffer.readableBytesView)
    if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
      let unknown = object.keys.filter { !T.fields.contains($0) }.sorted()
      if !unknown.isEmpty {
        throw Problem(
          status: .unprocessableContent, type: "https://leio.invalid/problems/unknown-field", title: "Unknown field",
          detail: "Unknown field(s): \(unknown.prefix(10).map { "'\($0.excerpt())'" }.joined(separator: ", ")); "
            + "the fields are \(T.fields.sorted().joined(separator: ", ")) (names are case-sensitive).",
          field: unknown[0].excerpt())
      }
    }
    return try JSONDecoder().decode(T.self, from: data)
  }

  static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    var response = try APIController<LeioRequestContext>.json(value)
    response.status = status
    return response
  }

  /// The hot paths' responses (case files, patient lists, the follow-up board), written without `JSONEncoder`: the
  /// same bytes (LeioStoreTests and LeioCoreTests compare them).
  static func json(_ value: some Encodable & JSONWritable, status: HTTPResponse.Status = .ok) throws -> Response {
    var response = try APIController<LeioRequestContext>.fastJSON(value)
    response.status = status
    return response
  }
}

/// The follow-up dashboard: who is overdue, who is due in the next 30 days.
struct FollowUpBoard: Codable, Sendable, JSONWritable {
  let today: CalendarDate
  let overdue: [PatientListing]
  let dueWithin30Days: [PatientListing]

  func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("dueWithin30Days")
    output.value(dueWithin30Days)
    output.key("overdue")
    output.value(overdue)
    output.key("today")
    today.write(to: &output)
    output.endObject()
  }
}
