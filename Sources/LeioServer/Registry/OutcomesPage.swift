import Foundation
import Hummingbird
import LeioCore
import LeioReport
import LeioStore
import LeioSurvival
import NIOCore

/// `/outcomes`: overall survival of the registry's own patients (Kaplan-Meier by a chosen grouping, numbers at risk,
/// survival at 1, 3 and 5 years, the log-rank test), computed from the live registry's outcomes dataset (the same
/// pseudonymous rows as `leio export outcomes`, read by LeioSurvival as `leio survival` reads a file), with the
/// dataset to download. Registrars, clinicians and admins.
enum OutcomesPage {
  static let escape = HTML.escape

  /// The groupings the form offers: dataset column and label.
  static let groupings: [(column: String, label: String)] = [
    ("stage", "Stage (current standard)"), ("ajcc8Stage", "AJCC 8 stage"), ("summaryStage", "Summary stage"),
    ("grade", "Grade"), ("siteGroup", "Site group"),
  ]
  /// The endpoints the form offers: overall survival, or the cumulative incidence of a first event (code of
  /// ``OutcomeClocks/event``) with the other first events as competing events.
  static let endpoints: [(key: String, label: String, cause: Int?)] = [
    ("os", "Overall survival", nil), ("local", "Local recurrence", 1), ("distant", "Distant metastasis", 2),
  ]
  /// 1, 3 and 5 years, in days.
  static let horizons: [(days: Double, label: String)] = [
    (365.25, "1 year"), (1095.75, "3 years"), (1826.25, "5 years"),
  ]

  static func render(_ dataset: OutcomeDataset, by column: String, endpoint: String, identity: Identity) -> Response {
    let label = groupings.first { $0.column == column }?.label ?? column
    var body =
      "<p class=\"banner\">The registry's own patients, pseudonymous and aggregate. Educational and registry software, not a medical device: these figures describe past patients of this registry and must be discussed with the care team before any use for a person.</p>"
    body +=
      "<form method=\"get\" action=\"/outcomes\"><label for=\"by\">Group by</label> <select id=\"by\" name=\"by\">"
    for grouping in groupings {
      body +=
        "<option value=\"\(escape(grouping.column))\"\(grouping.column == column ? " selected" : "")>\(escape(grouping.label))</option>"
    }
    body += "</select> <label for=\"endpoint\">Endpoint</label> <select id=\"endpoint\" name=\"endpoint\">"
    for option in endpoints {
      body +=
        "<option value=\"\(escape(option.key))\"\(option.key == endpoint ? " selected" : "")>\(escape(option.label))</option>"
    }
    body += "</select> <button type=\"submit\">Show</button></form>"
    body +=
      "<p>\(dataset.rows.count) tumour(s) with a date of diagnosis; \(dataset.withoutDiagnosisDate) without one are left out. <a href=\"/outcomes.csv\">Download the dataset (CSV)</a> · the clock rules: docs/outcomes.md.</p>"
    guard !dataset.rows.isEmpty else {
      return RegistryPages.page(
        title: "Outcomes", body: body + "<p>No tumour has a date of diagnosis yet.</p>", identity: identity)
    }
    if let cause = endpoints.first(where: { $0.key == endpoint })?.cause {
      return incidence(dataset, by: column, label: label, cause: cause, body: body, identity: identity)
    }
    let table: SurvivalTable
    do {
      table = try SurvivalTable(csv: Array(dataset.csv.utf8), time: "osDays", event: "died", columns: [column])
    } catch {
      return RegistryPages.page(
        title: "Outcomes", body: body + "<p>The dataset cannot be read: \(escape(error.description))</p>",
        identity: identity, status: .internalServerError)
    }
    let report = SurvivalReport(table: table, by: column, strata: nil, at: horizons.map(\.days))
    var note: String?
    if let test = report.logRank {
      note =
        "Log-rank \(RNumberFormat.pStatement(test.p)) (χ² \(RNumberFormat.significant(test.chiSquare)), \(test.df) df)"
    }
    body += "<h2>Overall survival by \(escape(label.lowercased()))</h2>"
    if table.dropped > 0 {
      body +=
        "<p class=\"hint\">\(table.dropped) tumour(s) without a value for \(escape(label.lowercased())) are left out of this figure.</p>"
    }
    body += "<figure>"
    body += SurvivalPlot.svg(
      report.groups.map { (label: String($0.group.dropFirst(column.count + 1)), curve: $0.curve) },
      title: "Overall survival by \(label.lowercased())", timeLabel: "Days from diagnosis", note: note)
    body +=
      "<figcaption>Kaplan-Meier estimates with 95 % confidence bands; numbers at risk below.</figcaption></figure>"
    body +=
      "<table><thead><tr><th scope=\"col\">\(escape(label))</th><th scope=\"col\">Tumours</th><th scope=\"col\">Deaths</th><th scope=\"col\">Median (days)</th>"
    body += horizons.map { "<th scope=\"col\">\(escape($0.label))</th>" }.joined() + "</tr></thead><tbody>"
    for group in report.groups {
      body +=
        "<tr><th scope=\"row\">\(escape(String(group.group.dropFirst(column.count + 1))))</th><td>\(group.n)</td><td>\(group.events)</td><td>\(group.curve.median.map { String(Int($0)) } ?? "not reached")</td>"
      for point in group.at {
        let interval =
          point.lower.flatMap { lower in point.upper.map { " (\(percent(lower))–\(percent($0)))" } } ?? ""
        body += "<td>\(point.nRisk > 0 ? percent(point.survival) + interval : "–")</td>"
      }
      body += "</tr>"
    }
    body += "</tbody></table>"
    if let note { body += "<p>\(escape(note)); \(report.groups.count) groups.</p>" }
    if !dataset.warnings.isEmpty {
      body +=
        "<p class=\"hint\">\(dataset.warnings.count) recorded recurrence(s) were ignored by the clock rules (before the diagnosis or after death).</p>"
    }
    return RegistryPages.page(title: "Outcomes", body: body, identity: identity)
  }

  /// The cumulative incidence of a first event (1 local recurrence, 2 distant metastasis) by group, with the other
  /// first events (including death without recurrence) competing: curves, estimates at 1/3/5 years, Gray's test.
  static func incidence(
    _ dataset: OutcomeDataset, by column: String, label: String, cause: Int, body: String, identity: Identity
  ) -> Response {
    var body = body
    let name = cause == 1 ? "local recurrence" : "distant metastasis"
    let table: SurvivalTable
    do {
      table = try SurvivalTable(
        csv: Array(dataset.csv.utf8), time: "eventDays", event: "event", columns: [column], causes: true)
    } catch {
      return RegistryPages.page(
        title: "Outcomes", body: body + "<p>The dataset cannot be read: \(escape(error.description))</p>",
        identity: identity, status: .internalServerError)
    }
    let report = CumulativeIncidenceReport(table: table, by: column, at: horizons.map(\.days))
    let curves = report.groups.filter { $0.cause == cause }
    let gray = report.grayTest.first { $0.cause == cause }
    var note: String?
    if let statistic = gray?.statistic, let p = gray?.p, let df = gray?.df {
      note = "Gray's test \(RNumberFormat.pStatement(p)) (χ² \(RNumberFormat.significant(statistic)), \(df) df)"
    }
    body += "<h2>Cumulative incidence of \(name) by \(escape(label.lowercased()))</h2>"
    body +=
      "<p class=\"hint\">The first event after diagnosis: local recurrence, distant metastasis and death without recurrence compete, so death is not counted as freedom from recurrence (1 − Kaplan-Meier would overstate the incidence).</p>"
    if table.dropped > 0 {
      body +=
        "<p class=\"hint\">\(table.dropped) tumour(s) without a value for \(escape(label.lowercased())) are left out of this figure.</p>"
    }
    guard !curves.isEmpty else {
      return RegistryPages.page(
        title: "Outcomes", body: body + "<p>No \(name) is recorded as a first event yet.</p>", identity: identity)
    }
    body += "<figure>"
    body += IncidencePlot.svg(
      curves.map {
        (
          label: String($0.group.dropFirst(column.count + 1)),
          curve: CumulativeIncidenceCurve(time: $0.time, estimate: $0.estimate, variance: $0.variance)
        )
      },
      title: "Cumulative incidence of \(name) by \(label.lowercased())", timeLabel: "Days from diagnosis", note: note)
    body += "<figcaption>Aalen-Johansen estimates (as R's cmprsk::cuminc).</figcaption></figure>"
    body +=
      "<table><thead><tr><th scope=\"col\">\(escape(label))</th><th scope=\"col\">Tumours</th><th scope=\"col\">Events</th>"
    body += horizons.map { "<th scope=\"col\">\(escape($0.label))</th>" }.joined() + "</tr></thead><tbody>"
    for curve in curves {
      body +=
        "<tr><th scope=\"row\">\(escape(String(curve.group.dropFirst(column.count + 1))))</th><td>\(curve.n)</td><td>\(curve.events)</td>"
      for point in curve.at {
        guard let estimate = point.estimate else {
          body += "<td>–</td>"
          continue
        }
        let interval =
          point.lower.flatMap { lower in point.upper.map { " (\(percent(lower))–\(percent($0)))" } } ?? ""
        body += "<td>\(percent(estimate))\(interval)</td>"
      }
      body += "</tr>"
    }
    body += "</tbody></table>"
    if let note { body += "<p>\(escape(note)).</p>" }
    return RegistryPages.page(title: "Outcomes", body: body, identity: identity)
  }

  /// `0.8123` → `81 %`.
  static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
}

extension RegistryWeb.Call {
  func getOutcomes() async throws -> Response {
    let column = query["by"] ?? "stage"
    let endpoint = query["endpoint"] ?? "os"
    guard OutcomesPage.groupings.contains(where: { $0.column == column }),
      OutcomesPage.endpoints.contains(where: { $0.key == endpoint })
    else {
      return RegistryPages.page(
        title: "Outcomes",
        body: "<p>Choose a grouping and an endpoint from the form.</p><p><a href=\"/outcomes\">Outcomes</a></p>",
        identity: identity, status: .badRequest)
    }
    return OutcomesPage.render(
      try await registry.outcomes(OutcomeDataset.Filter(), by: actor), by: column, endpoint: endpoint,
      identity: identity)
  }

  func getOutcomesCSV() async throws -> Response {
    let dataset = try await registry.outcomes(OutcomeDataset.Filter(), by: actor)
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/csv; charset=utf-8", .contentDisposition: #"attachment; filename="leio-outcomes.csv""#,
        .cacheControl: "no-store",
      ], body: .init(byteBuffer: ByteBuffer(string: dataset.csv)))
  }
}
