import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore

/// The registry pages' handlers: one method per route of ``RegistryPages/routes``.
extension RegistryWeb.Call {
  func postLogout() async throws -> Response {
    return try await login.logout(context)
  }

  func getPatients() async throws -> Response {
    let listings = try await registry.patients(
      PatientQuery(
        text: query["q"], siteGroup: try PatientQuery.code(query["site"], field: "site"),
        stageGroup: try PatientQuery.code(query["stage"], field: "stage"),
        overdueOn: query["overdue"] == nil ? nil : today,
        includeDeleted: query["deleted"] != nil, limit: 500), by: actor)
    return PatientListPage.list(listings, query: query, identity: identity, today: today)
  }

  func getPatientsNew() async throws -> Response {
    return RecordForms.patient(nil, values: FormBody(""), identity: identity)
  }

  func postPatients() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    do {
      let patient = try await registry.createPatient(RecordForms.patientValues(form), by: actor)
      return RegistryPages.redirect("/patients/\(patient.id)")
    } catch let error as RegistryError {
      return RecordForms.patient(nil, values: form, identity: identity, error: error, status: .unprocessableContent)
    }
  }

  func getPatientsByID() async throws -> Response {
    return CasePage.render(
      try await registry.file(id, by: actor), identity: identity, today: today, prognosis: prognosis)
  }

  func getPatientsByIDEdit() async throws -> Response {
    return RecordForms.patient(try await registry.patient(id, by: actor), values: FormBody(""), identity: identity)
  }

  func postPatientsByIDEdit() async throws -> Response {
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
      return RecordForms.patient(
        stored, values: form, identity: identity, error: error,
        status: error.isConflict ? .conflict : .unprocessableContent)
    }
  }

  func postPatientsByIDDelete() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    _ = try await registry.deletePatient(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
    return RegistryPages.redirect("/patients")
  }

  func postPatientsByIDRestore() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    _ = try await registry.restorePatient(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
    return RegistryPages.redirect("/patients/\(id)")
  }

  func getPatientsByIDTumoursNew() async throws -> Response {
    return RecordForms.tumour(try await registry.patient(id, by: actor), values: FormBody(""), identity: identity)
  }

  func postPatientsByIDTumours() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    do {
      let facts = try CaseForm.caseInput(form)
      _ = try await registry.createTumour(
        Tumour(patientID: id, diagnosisDate: form["diagnosisDate"], facts: facts), by: actor)
      return RegistryPages.redirect("/patients/\(id)")
    } catch let error as StagingError {
      return RecordForms.tumour(
        try await registry.patient(id, by: actor), values: form, identity: identity, error: error.description,
        field: error.field, status: .unprocessableContent)
    } catch let error as RegistryError {
      guard case .invalid(let field, _) = error else { throw error }
      return RecordForms.tumour(
        try await registry.patient(id, by: actor), values: form, identity: identity, error: error.description,
        field: field, status: .unprocessableContent)
    }
  }

  func getTumoursByIDEdit() async throws -> Response {
    let tumour = try await registry.tumour(id, by: actor)
    let values = CaseForm.values(from: tumour.facts, adding: tumour.diagnosisDate.map { ["diagnosisDate": $0] } ?? [:])
    return RecordForms.tumour(
      try await registry.patient(tumour.patientID, by: actor), editing: tumour, values: values, identity: identity)
  }

  func postTumoursByIDEdit() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    let stored = try await registry.tumour(id, by: actor)
    let patient = try await registry.patient(stored.patientID, by: actor)
    do {
      // The form shows the calculator's fields; facts it does not show (diagnosis year, basis, registrar categories) are kept.
      var facts = try CaseForm.caseInput(form)
      for field in CaseField.allCases where field.spec.form == nil { facts[field] = stored.facts[field] }
      var tumour = stored
      (tumour.facts, tumour.diagnosisDate, tumour.version) = (
        facts, form["diagnosisDate"], Int64(form["version"] ?? "") ?? 0
      )
      _ = try await registry.updateTumour(tumour, by: actor)
      return RegistryPages.redirect("/patients/\(stored.patientID)")
    } catch let error as StagingError {
      return RecordForms.tumour(
        patient, editing: stored, values: form, identity: identity, error: error.description, field: error.field,
        status: .unprocessableContent)
    } catch let error as RegistryError {
      let field: String? = if case .invalid(let field, _) = error { field } else { nil }
      guard field != nil || error.isConflict else { throw error }
      return RecordForms.tumour(
        patient, editing: stored, values: form, identity: identity, error: error.description, field: field,
        status: error.isConflict ? .conflict : .unprocessableContent)
    }
  }

  func getTreatmentsByIDEdit() async throws -> Response {
    return RecordForms.edit(
      treatment: try await registry.treatment(id, by: actor), values: FormBody(""), identity: identity)
  }

  func postTreatmentsByIDEdit() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    let stored = try await registry.treatment(id, by: actor)
    var treatment = RecordForms.treatmentValues(form, tumourID: stored.tumourID)
    (treatment.id, treatment.version) = (id, Int64(form["version"] ?? "") ?? 0)
    do {
      _ = try await registry.updateTreatment(treatment, by: actor)
      return RegistryPages.redirect("/patients/\(try await registry.tumour(stored.tumourID, by: actor).patientID)")
    } catch let error as RegistryError {
      if case .notFound = error { throw error }
      return RecordForms.edit(
        treatment: stored, values: form, identity: identity, error: error,
        status: error.isConflict ? .conflict : .unprocessableContent)
    }
  }

  func postTreatmentsByIDDelete() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    let deleted = try await registry.deleteTreatment(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
    return RegistryPages.redirect("/patients/\(try await registry.tumour(deleted.tumourID, by: actor).patientID)")
  }

  func getEventsByIDEdit() async throws -> Response {
    return RecordForms.edit(event: try await registry.event(id, by: actor), values: FormBody(""), identity: identity)
  }

  func postEventsByIDEdit() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    let stored = try await registry.event(id, by: actor)
    var event = try RecordForms.eventValues(form, patientID: stored.patientID)
    (event.id, event.version) = (id, Int64(form["version"] ?? "") ?? 0)
    do {
      _ = try await registry.updateEvent(event, by: actor)
      return RegistryPages.redirect("/patients/\(stored.patientID)")
    } catch let error as RegistryError {
      if case .notFound = error { throw error }
      return RecordForms.edit(
        event: stored, values: form, identity: identity, error: error,
        status: error.isConflict ? .conflict : .unprocessableContent)
    }
  }

  func postEventsByIDDelete() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    let deleted = try await registry.deleteEvent(id, version: Int64(form["version"] ?? "") ?? 0, by: actor)
    return RegistryPages.redirect("/patients/\(deleted.patientID)")
  }

  func postTumoursByIDTreatments() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    let tumour = try await registry.tumour(id, by: actor)
    do {
      _ = try await registry.createTreatment(RecordForms.treatmentValues(form, tumourID: id), by: actor)
      return RegistryPages.redirect("/patients/\(tumour.patientID)")
    } catch let error as RegistryError {
      return CasePage.render(
        try await registry.file(tumour.patientID, by: actor), identity: identity, today: today, prognosis: prognosis,
        error: error, status: .unprocessableContent)
    }
  }

  func postPatientsByIDEvents() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    do {
      _ = try await registry.createEvent(try RecordForms.eventValues(form, patientID: id), by: actor)
      return RegistryPages.redirect("/patients/\(id)")
    } catch let error as RegistryError {
      if case .notFound = error { throw error }
      return CasePage.render(
        try await registry.file(id, by: actor), identity: identity, today: today, prognosis: prognosis,
        error: error, status: .unprocessableContent)
    }
  }
}
