import Foundation
import Hummingbird
import LeioCore
import LeioStore

/// The registry API's handlers: one method per route of ``RegistryAPI/routes``, called with what the request carries.
extension RegistryAPI.Call {
  func getMe() async throws -> Response {
    return try json(context.identity?.account)
  }

  func getPatients() async throws -> Response {
    return try json(
      try await registry.patients(
        PatientQuery(
          text: query.get("q"), siteGroup: try PatientQuery.code(query.get("site"), field: "site"),
          stageGroup: try PatientQuery.code(query.get("stage"), field: "stage"),
          overdueOn: try PatientQuery.date(query.get("overdueOn"), field: "overdueOn"),
          dueWithin30DaysOf: try PatientQuery.date(query.get("dueFrom"), field: "dueFrom"),
          includeDeleted: query.get("deleted") == "true",
          limit: query.get("limit", as: Int.self) ?? 100, offset: query.get("offset", as: Int.self) ?? 0), by: actor))
  }

  func postPatients() async throws -> Response {
    return try json(
      try await registry.createPatient(try await decode(PatientBody.self, request, context).patient(), by: actor),
      status: .created)
  }

  func getPatientsByID() async throws -> Response {
    return try json(try await registry.file(id, by: actor))
  }

  func putPatientsByID() async throws -> Response {
    let body = try await decode(PatientBody.self, request, context)
    var patient = body.patient()
    (patient.id, patient.version) = (id, try body.requiredVersion())
    return try json(try await registry.updatePatient(patient, by: actor))
  }

  func deletePatientsByID() async throws -> Response {
    return try json(try await registry.deletePatient(id, version: try version(query), by: actor))
  }

  func postPatientsByIDRestore() async throws -> Response {
    return try json(try await registry.restorePatient(id, version: try version(query), by: actor))
  }

  func postPatientsByIDTumours() async throws -> Response {
    let body = try await decode(TumourBody.self, request, context)
    return try json(
      try await registry.createTumour(
        Tumour(patientID: id, diagnosisDate: body.diagnosisDate, facts: body.facts), by: actor), status: .created)
  }

  func putTumoursByID() async throws -> Response {
    let body = try await decode(TumourBody.self, request, context)
    let stored = try await registry.tumour(id, by: actor)
    var tumour = Tumour(patientID: stored.patientID, diagnosisDate: body.diagnosisDate, facts: body.facts)
    (tumour.id, tumour.version, tumour.createdAt) = (id, try body.requiredVersion(), stored.createdAt)
    return try json(try await registry.updateTumour(tumour, by: actor))
  }

  func deleteTumoursByID() async throws -> Response {
    return try json(try await registry.deleteTumour(id, version: try version(query), by: actor))
  }

  func postTumoursByIDTreatments() async throws -> Response {
    var treatment = try await decode(Treatment.Body.self, request, context).treatment()
    treatment.tumourID = id
    return try json(try await registry.createTreatment(treatment, by: actor), status: .created)
  }

  func putTreatmentsByID() async throws -> Response {
    let body = try await decode(Treatment.Body.self, request, context)
    var treatment = body.treatment()
    (treatment.id, treatment.version) = (id, try body.requiredVersion())
    return try json(try await registry.updateTreatment(treatment, by: actor))
  }

  func deleteTreatmentsByID() async throws -> Response {
    return try json(try await registry.deleteTreatment(id, version: try version(query), by: actor))
  }

  func postPatientsByIDEvents() async throws -> Response {
    var event = try await decode(FollowUpEvent.Body.self, request, context).event()
    event.patientID = id
    return try json(try await registry.createEvent(event, by: actor), status: .created)
  }

  func putEventsByID() async throws -> Response {
    let body = try await decode(FollowUpEvent.Body.self, request, context)
    var event = try body.event()
    (event.id, event.version) = (id, try body.requiredVersion())
    return try json(try await registry.updateEvent(event, by: actor))
  }

  func deleteEventsByID() async throws -> Response {
    return try json(try await registry.deleteEvent(id, version: try version(query), by: actor))
  }

  func getFollowUp() async throws -> Response {
    let today = try PatientQuery.date(query.get("today"), field: "today") ?? CalendarDate.today()
    let overdue = try await registry.patients(PatientQuery(overdueOn: today, limit: 1000), by: actor)
    let due = try await registry.patients(PatientQuery(dueWithin30DaysOf: today, limit: 1000), by: actor)
    return try json(FollowUpBoard(today: today, overdue: overdue, dueWithin30Days: due))
  }

  func getAudit() async throws -> Response {
    return try json(
      try await registry.auditLog(
        limit: query.get("limit", as: Int.self) ?? 100, beforeSeq: query.get("before", as: Int64.self),
        entityID: query.get("entity"), by: actor))
  }

  func getExport() async throws -> Response {
    // Registrars take the clinical records; only admins (who manage accounts) may take the accounts and the audit log.
    let mayTakeAll = context.identity?.allows(.manageAccounts) == true && context.identity?.allows(.readAudit) == true
    let scope: ExportScope
    switch query.get("scope") {
    case nil: scope = mayTakeAll ? .full : .clinical
    case "clinical"?: scope = .clinical
    case "full"?:
      guard mayTakeAll else {
        throw Problem.status(
          .forbidden, detail: "A full backup (accounts and audit log) is for admins; registrars export scope=clinical.")
      }
      scope = .full
    case let other?:
      throw Problem.malformed("scope must be clinical or full, not '\(other.excerpt())'.", field: "scope")
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "application/json",
        .contentDisposition: "attachment; filename=\"leio-registry-\(scope.rawValue).json\"",
        .cacheControl: "no-store",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: try await registry.export(scope: scope, by: actor).encoded())))
  }
}
