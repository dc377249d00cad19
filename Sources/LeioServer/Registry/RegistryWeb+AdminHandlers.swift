import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore

/// The registry pages' handlers of summaries, the follow-up board, the audit log and accounts.
extension RegistryWeb.Call {
  func getTumoursByIDSummary() async throws -> Response {
    let tumour = try await registry.tumour(id, by: actor)
    let file = try await registry.file(tumour.patientID, by: actor)
    let ends = file.treatments.filter { $0.tumourID == id }.map { $0.endDate ?? $0.startDate }
    let summary = try CareSummary(
      facts: try CaseFacts(tumour.facts), label: "Registry record \(file.patient.identifier)",
      treatmentEnd: try ends.max().map { try CalendarDate(parsing: $0, field: "treatmentEnd") }, today: today,
      margin: file.treatments.last { $0.tumourID == id && $0.margin != nil }?.margin.flatMap {
        ResectionMargin.parse($0)
      })
    return Response(
      status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: CareSummaryHTML.render(summary))))
  }

  func getFollowUp() async throws -> Response {
    let overdue = try await registry.patients(PatientQuery(overdueOn: today, limit: 1000), by: actor)
    let due = try await registry.patients(PatientQuery(dueWithin30DaysOf: today, limit: 1000), by: actor)
    return PatientListPage.dashboard(overdue: overdue, due: due, identity: identity, today: today)
  }

  func getAudit() async throws -> Response {
    let before = query["before"].flatMap { Int64($0) }
    return AuditPage.render(
      try await registry.auditLog(limit: 200, beforeSeq: before, by: actor), identity: identity, before: before)
  }

  func getAuditCSV() async throws -> Response {
    let events = try await registry.auditLog(limit: 10_000_000, by: actor)
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/csv; charset=utf-8", .contentDisposition: #"attachment; filename="leio-audit.csv""#,
        .cacheControl: "no-store",
      ], body: .init(byteBuffer: ByteBuffer(string: AuditPage.csv(events))))
  }

  func getAccounts() async throws -> Response {
    return try await AccountsPage.render(registry, identity: identity, actor: actor)
  }

  func postAccountsByIDAction() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    try await AccountsPage.change(
      registry, id: id, action: String(path.split(separator: "/").last ?? ""),
      version: Int64(form["version"] ?? "") ?? 0, identity: identity, actor: actor)
    return RegistryPages.redirect("/accounts")
  }

  func postTokensByIDRevoke() async throws -> Response {
    try await registry.revokeAPIToken(id, by: actor)
    return RegistryPages.redirect("/accounts")
  }
}
