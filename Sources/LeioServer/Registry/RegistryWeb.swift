import Hummingbird
import Foundation
import LeioCore
import LeioStore

/// Registers the registry's web pages (``RegistryPages/routes``) behind ``IdentityMiddleware`` and each route's
/// ``AccessMiddleware``, plus the public `/login`.
enum RegistryWeb {
  static func addRoutes(to router: Router<LeioRequestContext>, registry: Registry, secureCookies: Bool) {
    let login = LoginPage(registry: registry, secureCookies: secureCookies)
    let handlers = Handlers(registry: registry, login: login)
    router.get("login") { request, _ in login.form(next: request.uri.queryParameters.get("next"), error: nil) }
    router.post("login") { request, context in try await login.submit(try await WebController<LeioRequestContext>.form(request, context), request, context) }
    let group = router.group().add(middleware: IdentityMiddleware(registry: registry)).add(middleware: WebErrorMiddleware())
    for route in RegistryPages.routes {
      let guarded = group.group().add(middleware: AccessMiddleware(route.permission, style: .web, registry: registry))
      let path = RouterPath(String(route.path.dropFirst()).replacingOccurrences(of: "{id}", with: ":id"))
      guarded.on(path, method: HTTPRequest.Method(route.method)!) { request, context in
        guard let identity = context.identity else { return RegistryPages.redirect("/login") }
        return try await handlers.respond(route, request, context, identity)  // errors become pages in WebErrorMiddleware
      }
    }
  }

  struct Handlers: Sendable {
    let registry: Registry
    let login: LoginPage

    func respond(_ route: RegistryRoute, _ request: Request, _ context: LeioRequestContext, _ identity: Identity) async throws -> Response {
      let actor = context.auditContext
      let id = context.parameters.get("id") ?? ""
      let today = CalendarDate.today()
      let query = FormBody(request.uri.query ?? "")
      switch (route.method, route.path) {
      case ("POST", "/logout"): return try await login.logout(context)
      case ("GET", "/patients"):
        let listings = try await registry.patients(PatientQuery(text: query["q"], siteGroup: try PatientQuery.code(query["site"], field: "site"),
                                                                stageGroup: try PatientQuery.code(query["stage"], field: "stage"),
                                                                overdueOn: query["overdue"] == nil ? nil : today,
                                                                includeDeleted: query["deleted"] != nil, limit: 500), by: actor)
        return PatientListPage.list(listings, query: query, identity: identity, today: today)
      case ("GET", "/patients/new"): return RecordForms.patient(nil, values: FormBody(""), identity: identity)
      case ("POST", "/patients"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        do {
          let patient = try await registry.createPatient(RecordForms.patientValues(form), by: actor)
          return RegistryPages.redirect("/patients/\(patient.id)")
        } catch let error as RegistryError {
          return RecordForms.patient(nil, values: form, identity: identity, error: error, status: .unprocessableContent)
        }
      case ("GET", "/patients/{id}"): return CasePage.render(try await registry.file(id, by: actor), identity: identity, today: today)
      case ("GET", "/patients/{id}/edit"):
        return RecordForms.patient(try await registry.patient(id, by: actor), values: FormBody(""), identity: identity)
      case ("POST", "/patients/{id}/edit"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        var patient = RecordForms.patientValues(form)
        patient.id = id
        patient.version = Int64(form["version"] ?? "") ?? 0
        do {
          _ = try await registry.updatePatient(patient, by: actor)
          return RegistryPages.redirect("/patients/\(id)")
        } catch let error as RegistryError {
          if case .notFound = error { throw error }
          let stored = try await registry.patient(id, by: actor)
          return RecordForms.patient(stored, values: form, identity: identity, error: error, status: error.isConflict ? .conflict : .unprocessableContent)
        }
      case ("POST", "/patients/{id}/delete"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        _ = try await registry.deletePatient(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
        return RegistryPages.redirect("/patients")
      case ("POST", "/patients/{id}/restore"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        _ = try await registry.restorePatient(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
        return RegistryPages.redirect("/patients/\(id)")
      case ("GET", "/patients/{id}/tumours/new"):
        return RecordForms.tumour(try await registry.patient(id, by: actor), values: FormBody(""), identity: identity)
      case ("POST", "/patients/{id}/tumours"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        do {
          let facts = try CalculatorPage.caseInput(form)
          _ = try await registry.createTumour(Tumour(patientID: id, diagnosisDate: form["diagnosisDate"], facts: facts), by: actor)
          return RegistryPages.redirect("/patients/\(id)")
        } catch let error as StagingError {
          return RecordForms.tumour(try await registry.patient(id, by: actor), values: form, identity: identity, error: error.description, field: error.field, status: .unprocessableContent)
        } catch let error as RegistryError {
          guard case .invalid(let field, _) = error else { throw error }
          return RecordForms.tumour(try await registry.patient(id, by: actor), values: form, identity: identity, error: error.description, field: field, status: .unprocessableContent)
        }
      case ("GET", "/tumours/{id}/edit"):
        let tumour = try await registry.tumour(id, by: actor)
        let values = CalculatorPage.form(from: tumour.facts, adding: tumour.diagnosisDate.map { ["diagnosisDate": $0] } ?? [:])
        return RecordForms.tumour(try await registry.patient(tumour.patientID, by: actor), editing: tumour, values: values, identity: identity)
      case ("POST", "/tumours/{id}/edit"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        let stored = try await registry.tumour(id, by: actor)
        let patient = try await registry.patient(stored.patientID, by: actor)
        do {
          // The form shows the calculator's fields; facts it does not show (diagnosis year, basis, registrar categories) are kept.
          var facts = try CalculatorPage.caseInput(form)
          for field in CaseField.allCases where field.spec.form == nil { facts[field] = stored.facts[field] }
          var tumour = stored
          (tumour.facts, tumour.diagnosisDate, tumour.version) = (facts, form["diagnosisDate"], Int64(form["version"] ?? "") ?? 0)
          _ = try await registry.updateTumour(tumour, by: actor)
          return RegistryPages.redirect("/patients/\(stored.patientID)")
        } catch let error as StagingError {
          return RecordForms.tumour(patient, editing: stored, values: form, identity: identity, error: error.description, field: error.field, status: .unprocessableContent)
        } catch let error as RegistryError {
          let field: String? = if case .invalid(let field, _) = error { field } else { nil }
          guard field != nil || error.isConflict else { throw error }
          return RecordForms.tumour(patient, editing: stored, values: form, identity: identity, error: error.description, field: field,
                                    status: error.isConflict ? .conflict : .unprocessableContent)
        }
      case ("GET", "/treatments/{id}/edit"):
        return RecordForms.edit(treatment: try await registry.treatment(id, by: actor), values: FormBody(""), identity: identity)
      case ("POST", "/treatments/{id}/edit"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        let stored = try await registry.treatment(id, by: actor)
        var treatment = RecordForms.treatmentValues(form, tumourID: stored.tumourID)
        (treatment.id, treatment.version) = (id, Int64(form["version"] ?? "") ?? 0)
        do {
          _ = try await registry.updateTreatment(treatment, by: actor)
          return RegistryPages.redirect("/patients/\(try await registry.tumour(stored.tumourID, by: actor).patientID)")
        } catch let error as RegistryError {
          if case .notFound = error { throw error }
          return RecordForms.edit(treatment: stored, values: form, identity: identity, error: error, status: error.isConflict ? .conflict : .unprocessableContent)
        }
      case ("POST", "/treatments/{id}/delete"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        let deleted = try await registry.deleteTreatment(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
        return RegistryPages.redirect("/patients/\(try await registry.tumour(deleted.tumourID, by: actor).patientID)")
      case ("GET", "/events/{id}/edit"):
        return RecordForms.edit(event: try await registry.event(id, by: actor), values: FormBody(""), identity: identity)
      case ("POST", "/events/{id}/edit"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        let stored = try await registry.event(id, by: actor)
        var event = try RecordForms.eventValues(form, patientID: stored.patientID)
        (event.id, event.version) = (id, Int64(form["version"] ?? "") ?? 0)
        do {
          _ = try await registry.updateEvent(event, by: actor)
          return RegistryPages.redirect("/patients/\(stored.patientID)")
        } catch let error as RegistryError {
          if case .notFound = error { throw error }
          return RecordForms.edit(event: stored, values: form, identity: identity, error: error, status: error.isConflict ? .conflict : .unprocessableContent)
        }
      case ("POST", "/events/{id}/delete"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        let deleted = try await registry.deleteEvent(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
        return RegistryPages.redirect("/patients/\(deleted.patientID)")
      case ("POST", "/tumours/{id}/treatments"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        let tumour = try await registry.tumour(id, by: actor)
        do {
          _ = try await registry.createTreatment(RecordForms.treatmentValues(form, tumourID: id), by: actor)
          return RegistryPages.redirect("/patients/\(tumour.patientID)")
        } catch let error as RegistryError {
          return CasePage.render(try await registry.file(tumour.patientID, by: actor), identity: identity, today: today, error: error, status: .unprocessableContent)
        }
      case ("POST", "/patients/{id}/events"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        do {
          _ = try await registry.createEvent(try RecordForms.eventValues(form, patientID: id), by: actor)
          return RegistryPages.redirect("/patients/\(id)")
        } catch let error as RegistryError {
          if case .notFound = error { throw error }
          return CasePage.render(try await registry.file(id, by: actor), identity: identity, today: today, error: error, status: .unprocessableContent)
        }
      case ("GET", "/tumours/{id}/summary"):
        let tumour = try await registry.tumour(id, by: actor)
        let file = try await registry.file(tumour.patientID, by: actor)
        let ends = file.treatments.filter { $0.tumourID == id }.map { $0.endDate ?? $0.startDate }
        let summary = try CareSummary(facts: try CaseFacts(tumour.facts), label: "Registry record \(file.patient.identifier)",
                                      treatmentEnd: try ends.max().map { try CalendarDate(parsing: $0, field: "treatmentEnd") }, today: today,
                                      margin: file.treatments.last { $0.tumourID == id && $0.margin != nil }?.margin.flatMap { ResectionMargin.parse($0) })
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: CareSummaryHTML.render(summary))))
      case ("GET", "/follow-up"):
        let overdue = try await registry.patients(PatientQuery(overdueOn: today, limit: 1000), by: actor)
        let due = try await registry.patients(PatientQuery(dueWithin30DaysOf: today, limit: 1000), by: actor)
        return PatientListPage.dashboard(overdue: overdue, due: due, identity: identity, today: today)
      case ("GET", "/audit"):
        let before = query["before"].flatMap { Int64($0) }
        return AuditPage.render(try await registry.auditLog(limit: 200, beforeSeq: before, by: actor), identity: identity, before: before)
      case ("GET", "/audit.csv"):
        let events = try await registry.auditLog(limit: 10_000_000, by: actor)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: #"attachment; filename="leio-audit.csv""#,
                                               .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: AuditPage.csv(events))))
      case ("GET", "/accounts"): return try await AccountsPage.render(registry, identity: identity, actor: actor)
      case ("POST", "/accounts/{id}/unlock"), ("POST", "/accounts/{id}/disable"), ("POST", "/accounts/{id}/enable"):
        let form = try await WebController<LeioRequestContext>.form(request, context)
        try await AccountsPage.change(registry, id: id, action: String(route.path.split(separator: "/").last ?? ""),
                                      version: Int64(form["version"] ?? "") ?? 0, identity: identity, actor: actor)
        return RegistryPages.redirect("/accounts")
      case ("POST", "/tokens/{id}/revoke"):
        try await registry.revokeAPIToken(id, by: actor)
        return RegistryPages.redirect("/accounts")
      default: return RegistryPages.notFound(identity)
      }
    }
  }
}

extension RegistryError {
  var isConflict: Bool { if case .conflict = self { true } else { false } }
}
