import Foundation
import Hummingbird
import HummingbirdTesting
import LeioServer
import Testing

/// Every route, good and bad input, problem bodies and limits, driven in memory.
@Suite("HTTP routes")
struct RouteTests {
  static let extremity = #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"3","nodes":"N0","metastasis":"M0"}"#

  static func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> (
    status: Int, type: String, body: String, allow: String?
  ) {
    let app = Application(router: buildRouter())
    return try await app.test(.router) { client in
      try await client.execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) }) { response in
        (
          Int(response.status.code), response.headers[.contentType] ?? "", String(buffer: response.body),
          response.headers[.allow]
        )
      }
    }
  }

  static func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test(
    "good requests",
    arguments: [
      (HTTPRequest.Method.get, "/healthz", nil as String?, "application/json", "\"status\":\"ok\""),
      (.get, "/readyz", nil, "application/json", "\"status\":\"ready\""),
      (.post, "/api/v1/stage", extremity, "application/json", "\"results\""),
      (
        .post, "/api/v1/stage", #"{"system":"ajcc7","t":"T2b","n":"N0","m":"M0","grade":"G3"}"#, "application/json",
        "\"stageGroup\":\"III\""
      ),
      (
        .post, "/api/v1/grade", #"{"subtype":"conventional","mitoticCount":12,"necrosisPercent":30}"#,
        "application/json", "\"grade\":\"G2\""
      ),
      (
        .post, "/api/v1/classify",
        #"{"uterine":{"subtype":"spindle","atypia":"moderate","mitoticCount":12,"necrosis":"absent"}}"#,
        "application/json", "\"criteriaMet\":\"yes\""
      ),
      (
        .post, "/api/v1/classify", #"{"kind":"deepSoftTissue","mitosesPer50HPF":3}"#, "application/json",
        "\"criteriaMet\":\"indeterminate\""
      ),
      (.post, "/api/v1/prognosis", extremity, "application/json", "\"cohort\":\"softTissueSarcoma\""),
      (
        .post, "/api/v1/options", #"{"case":\#(extremity),"margin":"R1"}"#, "application/json",
        "\"radiation-extremity\""
      ),
      (
        .post, "/api/v1/plan", #"{"case":\#(extremity),"treatmentEnd":"2025-01-15","today":"2026-11-23"}"#,
        "application/json", "\"riskGroup\":\"RG-HI\""
      ),
      (
        .post, "/api/v1/plan.ics", #"{"case":\#(extremity),"treatmentEnd":"2025-01-15","today":"2026-11-23"}"#,
        "text/calendar; charset=utf-8", "BEGIN:VCALENDAR"
      ),
      (
        .post, "/api/v1/report", #"{"case":\#(extremity),"label":"<b>Fictional</b>"}"#, "text/html; charset=utf-8",
        "&lt;b&gt;Fictional&lt;/b&gt;"
      ),
      (
        .post, "/api/v1/report", #"{"case":\#(extremity),"format":"text"}"#, "text/plain; charset=utf-8",
        "LEIOMYOSARCOMA CARE SUMMARY"
      ),
      (.get, "/api/v1/facts?q=does%20it%20come%20back", nil, "application/json", "\"id\":\"recurrence"),
      (.get, "/api/v1/facts/pazopanib", nil, "application/json", "\"id\":\"pazopanib\""),
    ])
  func good(_ method: HTTPRequest.Method, _ uri: String, _ body: String?, _ type: String, _ contains: String)
    async throws
  {
    let response = try await Self.call(method, uri, body)
    #expect(response.status == 200, "\(uri): \(response.body.prefix(300))")
    #expect(response.type == type)
    #expect(response.body.contains(contains), "\(uri)")
  }

  @Test(
    "bad requests are RFC 9457 problems with the right status and field",
    arguments: [
      (HTTPRequest.Method.post, "/api/v1/stage", "{not json" as String?, 400, nil as String?),
      (.post, "/api/v1/stage", "", 400, nil),
      (.post, "/api/v1/stage", #"{"site":"extremity","grade":"4"}"#, 422, "grade"),
      (.post, "/api/v1/stage", #"{"site":"extremity","sizeCm":-1}"#, 422, "sizeCm"),
      (.post, "/api/v1/stage", #"{"site":"extremity","uterineExtent":"confined"}"#, 422, "uterineExtent"),
      (.post, "/api/v1/stage", #"{"topography":"C16.9","histology":"8936/3"}"#, 422, "histology"),
      (.post, "/api/v1/stage", #"{"site":"extremity","sizeCm":"big"}"#, 422, "sizeCm"),
      (.post, "/api/v1/grade", #"{"differentiationScore":7}"#, 422, "differentiationScore"),
      (.post, "/api/v1/classify", #"{"kind":"other"}"#, 422, "kind"),
      (.post, "/api/v1/options", #"{"case":{"site":"extremity","metastasis":"M1"},"margin":"R0"}"#, 422, "margin"),
      (.post, "/api/v1/plan", #"{"case":{"site":"extremity"},"treatmentEnd":"2025-02-30"}"#, 422, "treatmentEnd"),
      (.post, "/api/v1/plan", #"{"case":{"site":"extremity"}}"#, 400, "treatmentEnd"),
      (.post, "/api/v1/report", #"{"case":{"site":"extremity"},"format":"pdf"}"#, 422, "format"),
      (.get, "/api/v1/facts", nil, 400, "q"),
      (.get, "/api/v1/facts/no-such-fact", nil, 404, nil),
      (.get, "/nowhere", nil, 404, nil),
      (.get, "/api/v1/stage", nil, 405, nil),
      (.delete, "/api/v1/facts/pazopanib", nil, 405, nil),
    ])
  func bad(_ method: HTTPRequest.Method, _ uri: String, _ body: String?, _ status: Int, _ field: String?) async throws {
    let response = try await Self.call(method, uri, body)
    #expect(response.status == status, "\(method) \(uri): \(response.body)")
    #expect(response.type == "application/problem+json")
    let problem = try Self.object(response.body)
    #expect(problem["status"] as? Int == status)
    #expect((problem["title"] as? String)?.isEmpty == false && (problem["detail"] as? String)?.isEmpty == false)
    #expect(problem["field"] as? String == field, "\(uri)")
    if status == 405 { #expect(response.allow != nil) }
    if status >= 500 { Issue.record("server error for client input") }
  }

  @Test("a body over 64 KiB is refused with 413")
  func tooLarge() async throws {
    let response = try await Self.call(.post, "/api/v1/stage", String(repeating: " ", count: 70_000) + Self.extremity)
    #expect(response.status == 413)
    #expect(response.type == "application/problem+json")
    #expect(response.body.contains("64 KiB"))
  }

  @Test("the stage response is the same JSON as the CLI's result")
  func sameShapeAsCLI() async throws {
    let response = try await Self.call(
      .post, "/api/v1/stage",
      #"{"system":"ajcc8","site":"retroperitoneum","sizeCm":16,"grade":"G2","nodes":"N1","metastasis":"M0"}"#)
    let result = try Self.object(response.body)
    for key in ["system", "t", "n", "m", "grade", "stageGroup", "summaryStage", "steps", "warnings", "sources"] {
      #expect(result[key] != nil, "\(key)")
    }
    #expect(result["stageGroup"] as? String == "IIIB")
  }
}
