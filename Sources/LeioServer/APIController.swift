import Foundation
public import Hummingbird
import LeioCore
import LeioReport

/// The JSON API under `/api/v1`: the same results as the CLI's `--json`, from the same core.
public struct APIController<Context: RequestContext>: Sendable {
  public init() {}

  /// Every API path and its method, for 405 responses with an `Allow` header.
  public static var routes: [(method: String, path: String)] {
    ["stage", "grade", "classify", "prognosis", "options", "plan", "plan.ics", "report"].map {
      ("POST", "/api/v1/\($0)")
    }
      + [("GET", "/api/v1/facts"), ("GET", "/api/v1/facts/{id}"), ("GET", "/api/v1/openapi.json"), ("GET", "/healthz")]
      + [("GET", "/readyz")]
  }

  /// Adds the routes to `group`.
  public func addRoutes(to group: RouterGroup<Context>) {
    group.post("stage") { request, context in try await Self.stage(request, context) }
    group.post("grade") { request, context in
      try Self.json(try FNCLCCGrading.grade(try await Self.decode(FNCLCCInput.self, request, context)))
    }
    group.post("classify") { request, context in try await Self.classify(request, context) }
    group.post("prognosis") { request, context in
      try Self.json(try Prognosis.report(for: try CaseFacts(try await Self.decode(CaseInput.self, request, context))))
    }
    group.post("options") { request, context in
      let body = try await Self.decode(OptionsRequest.self, request, context)
      return try Self.json(
        try TreatmentOptions.report(
          for: try CaseFacts(body.case),
          situation: try body.situation.map { try TreatmentSituation.parse($0, field: "situation") },
          margin: try body.margin.map { try ResectionMargin.parse($0, field: "margin") }))
    }
    group.post("plan") { request, context in try Self.json(try await Self.plan(request, context)) }
    group.post("plan.ics") { request, context in
      let plan = try await Self.plan(request, context)
      return Self.text(
        ICalendar.calendar(plan, stamp: plan.today ?? plan.treatmentEnd), type: "text/calendar; charset=utf-8")
    }
    group.post("report") { request, context in try await Self.report(request, context) }
    group.get("facts") { request, _ in
      let query = request.uri.queryParameters.get("q") ?? ""
      guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw Problem.malformed(
          "Give the search words in the q parameter, e.g. /api/v1/facts?q=recurrence.", field: "q")
      }
      let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 10
      let audience = request.uri.queryParameters.get("audience")
      return try Self.json(
        try KnowledgeBase.shipped().search(query, audience: audience, limit: max(1, min(limit, 100))))
    }
    group.get("openapi.json") { _, _ in
      guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
        let data = try? Data(contentsOf: url)
      else {
        throw Problem.status(.internalServerError)
      }
      return Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
    group.get("facts/{id}") { _, context in
      let id = try context.parameters.require("id")
      do { return try Self.json(try KnowledgeBase.shipped().fact(id)) } catch is StagingError {
        throw Problem.status(.notFound, detail: "No fact with id '\(id)'.")
      }
    }
  }

  static func stage(_ request: Request, _ context: Context) async throws -> Response {
    let input = try await decode(CaseInput.self, request, context)
    let report = try Staging.stage(input)
    // The hot route writes with JSONOutput: the same bytes as `json(_:)`, without JSONEncoder's boxed tree.
    if input[.system] != nil, let only = report.results.first { return try fastJSON(only) }
    return try fastJSON(report)
  }

  static func classify(_ request: Request, _ context: Context) async throws -> Response {
    let body = try await decode(ClassifyRequest.self, request, context)
    switch body.kind ?? "uterine" {
    case "uterine":
      return try json(try UterineCriteria.check(body.uterine ?? UterineCriteriaInput()))
    case "deepSoftTissue":
      guard let mitoses = body.mitosesPer50HPF else {
        throw StagingError.missingValue(
          field: "mitosesPer50HPF", message: "give the mitoses counted in 50 high-power fields.")
      }
      return try json(
        try DeepSoftTissueCriteria.check(
          atypia: body.atypia ?? false, mitosesPer50HPF: mitoses, necrosis: body.necrosis ?? false))
    case let other:
      throw StagingError.invalidValue(field: "kind", value: other, expected: ["uterine", "deepSoftTissue"])
    }
  }

  static func plan(_ request: Request, _ context: Context) async throws -> FollowUpPlan {
    let body = try await decode(PlanRequest.self, request, context)
    return try FollowUp.plan(
      for: try CaseFacts(body.case), treatmentEnd: try CalendarDate(parsing: body.treatmentEnd, field: "treatmentEnd"),
      today: try body.today.map { try CalendarDate(parsing: $0, field: "today") } ?? CalendarDate.today(),
      lastVisit: try body.lastVisit.map { try CalendarDate(parsing: $0, field: "lastVisit") })
  }

  static func report(_ request: Request, _ context: Context) async throws -> Response {
    let body = try await decode(ReportRequest.self, request, context)
    let summary = try CareSummary(
      facts: try CaseFacts(body.case), label: body.label,
      treatmentEnd: try body.treatmentEnd.map { try CalendarDate(parsing: $0, field: "treatmentEnd") },
      today: try body.today.map { try CalendarDate(parsing: $0, field: "today") } ?? CalendarDate.today(),
      margin: try body.margin.map { try ResectionMargin.parse($0, field: "margin") })
    switch body.format ?? "html" {
    case "html": return text(CareSummaryHTML.render(summary), type: "text/html; charset=utf-8")
    case "text": return text(CareSummaryText.render(summary), type: "text/plain; charset=utf-8")
    case let other: throw StagingError.invalidValue(field: "format", value: other, expected: ["html", "text"])
    }
  }

  /// Decodes the body as `T`, within the context's size limit.
  static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: Context) async throws -> T {
    var request = request
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    guard buffer.readableBytes > 0 else { throw Problem.malformed("The request body is empty; send a JSON document.") }
    // A flat case document (the hot path) is read without JSONDecoder; anything else, and every error, is its.
    if T.self == CaseInput.self, let input = buffer.withUnsafeReadableBytes({ CaseInput.decodeCommonShape($0) }) as? T {
      return input
    }
    return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
  }

  static func json(_ value: some Encodable) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
  }

  /// `value` written with `JSONOutput`: the same bytes as ``json(_:)``, without `JSONEncoder`. A document
  /// `JSONEncoder` would refuse (a NaN or an infinity) goes to it, and its error stands.
  static func fastJSON(_ value: some JSONWritable & Encodable) throws -> Response {
    var output = JSONOutput()
    value.write(to: &output)
    guard !output.hasInvalidNumber else { return try json(value) }
    return Response(
      status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: output.bytes))
    )
  }

  static func text(_ text: String, type: String) -> Response {
    Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}
