public import Hummingbird
import Foundation
import LeioCore
public import LeioStore

/// One registry route: method, path and the permission it needs. The routes are registered from this table only,
/// and the authorisation tests walk it with every role.
public struct RegistryRoute: Sendable {
  public let method: String
  public let path: String
  /// `nil`: any signed-in account.
  public let permission: Permission?
}

/// The registry's JSON API under `/api/v1`: patients, tumours, treatments, follow-up events, the follow-up
/// dashboard, the audit log and the export. Same rules as the web pages; every call is audited by the store.
public enum RegistryAPI {
  public static let routes: [RegistryRoute] = [
    .init(method: "GET", path: "/api/v1/me", permission: nil),
    .init(method: "GET", path: "/api/v1/patients", permission: .readPatients),
    .init(method: "POST", path: "/api/v1/patients", permission: .writePatients),
    .init(method: "GET", path: "/api/v1/patients/{id}", permission: .readPatients),
    .init(method: "PUT", path: "/api/v1/patients/{id}", permission: .writePatients),
    .init(method: "DELETE", path: "/api/v1/patients/{id}", permission: .writePatients),
    .init(method: "POST", path: "/api/v1/patients/{id}/restore", permission: .writePatients),
    .init(method: "POST", path: "/api/v1/patients/{id}/tumours", permission: .writePatients),
    .init(method: "POST", path: "/api/v1/patients/{id}/events", permission: .writePatients),
    .init(method: "PUT", path: "/api/v1/tumours/{id}", permission: .writePatients),
    .init(method: "DELETE", path: "/api/v1/tumours/{id}", permission: .writePatients),
    .init(method: "POST", path: "/api/v1/tumours/{id}/treatments", permission: .writePatients),
    .init(method: "PUT", path: "/api/v1/treatments/{id}", permission: .writePatients),
    .init(method: "DELETE", path: "/api/v1/treatments/{id}", permission: .writePatients),
    .init(method: "PUT", path: "/api/v1/events/{id}", permission: .writePatients),
    .init(method: "DELETE", path: "/api/v1/events/{id}", permission: .writePatients),
    .init(method: "GET", path: "/api/v1/follow-up", permission: .readPatients),
    .init(method: "GET", path: "/api/v1/audit", permission: .readAudit),
    .init(method: "GET", path: "/api/v1/export", permission: .exportRegistry),
  ]

  /// Adds the routes, each behind its permission, to `router` (with ``IdentityMiddleware`` in front).
  static func addRoutes(to router: Router<LeioRequestContext>, registry: Registry) {
    let handlers = Handlers(registry: registry)
    let group = router.group().add(middleware: IdentityMiddleware(registry: registry))
    for route in routes {
      let guarded = group.group().add(middleware: AccessMiddleware(route.permission, style: .api, registry: registry))
      let path = RouterPath(String(route.path.dropFirst()).replacingOccurrences(of: "{id}", with: ":id"))
      let method = HTTPRequest.Method(route.method)!
      guarded.on(path, method: method) { request, context in try await handlers.respond(route, request, context) }
    }
  }

  struct Handlers: Sendable {
    let registry: Registry

    func respond(_ route: RegistryRoute, _ request: Request, _ context: LeioRequestContext) async throws -> Response {
      let actor = context.auditContext
      let id = context.parameters.get("id") ?? ""
      let query = request.uri.queryParameters
      switch (route.method, route.path) {
      case ("GET", "/api/v1/me"): return try json(context.identity?.account)
      case ("GET", "/api/v1/patients"):
        return try json(try await registry.patients(PatientQuery(
          text: query.get("q"), siteGroup: try PatientQuery.code(query.get("site"), field: "site"),
          stageGroup: try PatientQuery.code(query.get("stage"), field: "stage"),
          overdueOn: try PatientQuery.date(query.get("overdueOn"), field: "overdueOn"),
          dueWithin30DaysOf: try PatientQuery.date(query.get("dueFrom"), field: "dueFrom"), includeDeleted: query.get("deleted") == "true",
          limit: query.get("limit", as: Int.self) ?? 100, offset: query.get("offset", as: Int.self) ?? 0), by: actor))
      case ("POST", "/api/v1/patients"):
        return try json(try await registry.createPatient(try await decode(PatientBody.self, request, context).patient(), by: actor), status: .created)
      case ("GET", "/api/v1/patients/{id}"): return try json(try await registry.file(id, by: actor))
      case ("PUT", "/api/v1/patients/{id}"):
        let body = try await decode(PatientBody.self, request, context)
        var patient = body.patient()
        (patient.id, patient.version) = (id, try body.requiredVersion())
        return try json(try await registry.updatePatient(patient, by: actor))
      case ("DELETE", "/api/v1/patients/{id}"): return try json(try await registry.deletePatient(id, version: try version(query), by: actor))
      case ("POST", "/api/v1/patients/{id}/restore"): return try json(try await registry.restorePatient(id, version: try version(query), by: actor))
      case ("POST", "/api/v1/patients/{id}/tumours"):
        let body = try await decode(TumourBody.self, request, context)
        return try json(try await registry.createTumour(Tumour(patientID: id, diagnosisDate: body.diagnosisDate, facts: body.facts), by: actor), status: .created)
      case ("PUT", "/api/v1/tumours/{id}"):
        let body = try await decode(TumourBody.self, request, context)
        let stored = try await registry.tumour(id, by: actor)
        var tumour = Tumour(patientID: stored.patientID, diagnosisDate: body.diagnosisDate, facts: body.facts)
        (tumour.id, tumour.version, tumour.createdAt) = (id, try body.requiredVersion(), stored.createdAt)
        return try json(try await registry.updateTumour(tumour, by: actor))
      case ("DELETE", "/api/v1/tumours/{id}"): return try json(try await registry.deleteTumour(id, version: try version(query), by: actor))
      case ("POST", "/api/v1/tumours/{id}/treatments"):
        var treatment = try await decode(Treatment.Body.self, request, context).treatment()
        treatment.tumourID = id
        return try json(try await registry.createTreatment(treatment, by: actor), status: .created)
      case ("PUT", "/api/v1/treatments/{id}"):
        let body = try await decode(Treatment.Body.self, request, context)
        var treatment = body.treatment()
        (treatment.id, treatment.version) = (id, try body.requiredVersion())
        return try json(try await registry.updateTreatment(treatment, by: actor))
      case ("DELETE", "/api/v1/treatments/{id}"): return try json(try await registry.deleteTreatment(id, version: try version(query), by: actor))
      case ("POST", "/api/v1/patients/{id}/events"):
        var event = try await decode(FollowUpEvent.Body.self, request, context).event()
        event.patientID = id
        return try json(try await registry.createEvent(event, by: actor), status: .created)
      case ("PUT", "/api/v1/events/{id}"):
        let body = try await decode(FollowUpEvent.Body.self, request, context)
        var event = try body.event()
        (event.id, event.version) = (id, try body.requiredVersion())
        return try json(try await registry.updateEvent(event, by: actor))
      case ("DELETE", "/api/v1/events/{id}"): return try json(try await registry.deleteEvent(id, version: try version(query), by: actor))
      case ("GET", "/api/v1/follow-up"):
        let today = try PatientQuery.date(query.get("today"), field: "today") ?? CalendarDate.today()
        let overdue = try await registry.patients(PatientQuery(overdueOn: today, limit: 1000), by: actor)
        let due = try await registry.patients(PatientQuery(dueWithin30DaysOf: today, limit: 1000), by: actor)
        return try json(FollowUpBoard(today: today, overdue: overdue, dueWithin30Days: due))
      case ("GET", "/api/v1/audit"):
        return try json(try await registry.auditLog(limit: query.get("limit", as: Int.self) ?? 100, beforeSeq: query.get("before", as: Int64.self),
                                                    entityID: query.get("entity"), by: actor))
      case ("GET", "/api/v1/export"):
        // Registrars take the clinical records; only admins (who manage accounts) may take the accounts and the audit log.
        let mayTakeAll = context.identity?.allows(.manageAccounts) == true && context.identity?.allows(.readAudit) == true
        let scope: ExportScope
        switch query.get("scope") {
        case nil: scope = mayTakeAll ? .full : .clinical
        case "clinical"?: scope = .clinical
        case "full"?:
          guard mayTakeAll else { throw Problem.status(.forbidden, detail: "A full backup (accounts and audit log) is for admins; registrars export scope=clinical.") }
          scope = .full
        case let other?: throw Problem.malformed("scope must be clinical or full, not '\(other.excerpt())'.", field: "scope")
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .contentDisposition: "attachment; filename=\"leio-registry-\(scope.rawValue).json\"",
                                               .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try await registry.export(scope: scope, by: actor).encoded())))
      default: throw Problem.status(.notFound)
      }
    }

    func version(_ query: Hummingbird.Parameters) throws -> Int64 {
      guard let text = query.get("version"), let version = Int64(text) else {
        throw Problem.malformed("Give the version you read as ?version=N (the change is refused if someone saved since).", field: "version")
      }
      return version
    }
  }

  /// Decodes a registry body, refusing any field the body type does not have (a misspelled `"birthdate"` or
  /// `"Sex"` would otherwise be dropped and the record stored without it): 422 naming the unknown fields.
  static func decode<T: StrictBody>(_ type: T.Type, _ request: Request, _ context: LeioRequestContext) async throws -> T {
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    guard buffer.readableBytes > 0 else { throw Problem.malformed("The request body is empty; send a JSON document.") }
    let data = Data(buffer.readableBytesView)
    if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
      let unknown = object.keys.filter { !T.fields.contains($0) }.sorted()
      if !unknown.isEmpty {
        throw Problem(status: .unprocessableContent, type: "https://leio.invalid/problems/unknown-field", title: "Unknown field",
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
}

/// The follow-up dashboard: who is overdue, who is due in the next 30 days.
struct FollowUpBoard: Codable, Sendable {
  let today: CalendarDate
  let overdue: [PatientListing]
  let dueWithin30Days: [PatientListing]
}
