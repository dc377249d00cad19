import Foundation
import Hummingbird
import HummingbirdTesting
import LeioServer
import LeioStore
import Logging
import NIOConcurrencyHelpers
import Testing

/// A Prometheus text exposition (format 0.0.4), parsed strictly: every sample belongs to a family declared by
/// `# TYPE`, label values are quoted and escaped, values are numbers, histogram buckets rise to `+Inf` = `_count`.
struct Exposition {
  struct Sample: Hashable {
    let name: String
    let labels: [String: String]
    let value: Double
  }

  var types: [String: String] = [:]
  var samples: [Sample] = []

  init(_ text: String) throws {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
      if line.hasPrefix("# HELP ") { continue }
      if let match = line.wholeMatch(of: /# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)/) {
        #expect(types[String(match.1)] == nil, "family \(match.1) declared twice")
        types[String(match.1)] = String(match.2)
        continue
      }
      let match = try #require(
        line.wholeMatch(of: /([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|\+Inf|NaN)/), "not a sample: \(line)")
      var labels: [String: String] = [:]
      if let body = match.3 {
        for pair in body.matches(of: /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/) {
          labels[String(pair.1)] = String(pair.2)
        }
        let rebuilt = labels.keys.sorted().count
        #expect(rebuilt == body.matches(of: /="/).count, "malformed labels: \(line)")
      }
      let name = String(match.1)
      let family = ["_bucket", "_sum", "_count"].reduce(name) { family, suffix in
        family.hasSuffix(suffix) && types[String(family.dropLast(suffix.count))] == "histogram"
          ? String(family.dropLast(suffix.count)) : family
      }
      #expect(types[family] != nil, "sample \(name) has no # TYPE")
      samples.append(Sample(name: name, labels: labels, value: try #require(Double(String(match.4)))))
    }
    // Histograms: cumulative buckets, +Inf equal to _count.
    for (family, type) in types where type == "histogram" {
      let series = Dictionary(grouping: samples.filter { $0.name == family + "_bucket" }) {
        $0.labels.filter { $0.key != "le" }
      }
      for (labels, buckets) in series {
        let ordered = buckets.sorted {
          (Double($0.labels["le"]!) ?? .infinity) < (Double($1.labels["le"]!) ?? .infinity)
        }
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0.value <= $1.value }, "\(family) buckets fall")
        let count = samples.first { $0.name == family + "_count" && $0.labels == labels }
        #expect(ordered.last?.labels["le"] == "+Inf" && ordered.last?.value == count?.value, "\(family) +Inf ≠ count")
      }
    }
  }

  func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
    samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
  }
}

@Suite("Operations: metrics and structured logs")
struct OperationsTests {
  @Test(
    "GET /metrics on its own router: requests per route template and status, pool, commits, sign-in failures, audit rows — and no patient data"
  )
  func metricsScrape() async throws {
    try await RegistryHarness.with { harness in
      let metrics = ServerMetrics()
      let app = Application(router: buildRouter(registry: harness.registry, secureCookies: true, metrics: metrics))
      let token = try #require(harness.credentials[.admin]).apiToken
      try await app.test(.router) { client in
        for _ in 0..<3 {
          try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
        try await client.execute(
          uri: "/api/v1/patients/\(harness.patientID)", method: .get, headers: [.authorization: "Bearer \(token)"]
        ) { #expect($0.status == .ok) }
        try await client.execute(
          uri: "/api/v1/patients/no-such-id", method: .get, headers: [.authorization: "Bearer \(token)"]
        ) {
          #expect($0.status == .notFound)
        }
      }
      // Wrong passwords: counted as sign-in failures.
      for _ in 0..<2 {
        await #expect(throws: RegistryError.self) {
          _ = try await harness.registry.login(
            username: "test.viewer", password: "not the password", remote: "10.9.9.9")
        }
      }
      let scrape = Application(router: buildMetricsRouter(metrics: metrics, registry: harness.registry))
      let text = try await scrape.test(.router) { client in
        try await client.execute(uri: "/metrics", method: .get) { response in
          #expect(response.status == .ok)
          #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
          return String(buffer: response.body)
        }
      }
      let exposition = try Exposition(text)
      #expect(exposition.value("leio_http_requests_total", ["route": "/healthz", "status": "200"]) == 3)
      #expect(
        exposition.value(
          "leio_http_requests_total", ["route": "/api/v1/patients/{id}", "status": "200", "method": "GET"])
          == 1)
      #expect(exposition.value("leio_http_requests_total", ["route": "/api/v1/patients/{id}", "status": "404"]) == 1)
      #expect(
        exposition.value("leio_http_request_duration_seconds_count", ["route": "/healthz", "status": "200"]) == 3)
      #expect(exposition.types["leio_http_request_duration_seconds"] == "histogram")
      #expect(exposition.value("leio_db_pool_connections") == 5)
      #expect(exposition.value("leio_db_group_commit") == 1)
      #expect(exposition.value("leio_signin_failures_total", ["reason": "password"]) == 2)
      #expect((exposition.value("leio_audit_append_batch_requests_count") ?? 0) >= 1)
      #expect((exposition.value("leio_db_commit_batch_transactions_count") ?? 0) >= 1)
      let auditRows = try await harness.registry.auditRowCount()
      #expect(exposition.value("leio_audit_log_rows") == Double(auditRows))
      // Route templates only: no id, name or identifier of a patient.
      #expect(!text.contains(harness.patientID) && !text.contains("no-such-id"))
      #expect(!text.contains("SYN-H1") && !text.contains("Fictional Harness Patient"))
    }
  }

  @Test("--log-format json: one JSON object per line, metadata as fields, control characters escaped")
  func jsonLogLines() throws {
    let lines = NIOLockedValueBox<[String]>([])
    var logger = Logger(label: "leio") { label in
      JSONLogHandler(label: label) { line in lines.withLockedValue { $0.append(line) } }
    }
    logger[metadataKey: "hb.request.id"] = "abc123"
    logger.info(
      "request",
      metadata: ["method": "GET", "route": "/api/v1/patients/{id}", "status": "200", "odd": "a\"b\\c\nd\u{1}"])
    logger.debug("not written at info level")
    let written = lines.withLockedValue { $0 }
    #expect(written.count == 1)
    let line = try #require(written.first)
    #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
    let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
    #expect(object["message"] == "request" && object["level"] == "info" && object["logger"] == "leio")
    #expect(object["route"] == "/api/v1/patients/{id}" && object["hb.request.id"] == "abc123")
    #expect(object["odd"] == "a\"b\\c\nd\u{1}")
    #expect(object["time"]?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
  }
}
