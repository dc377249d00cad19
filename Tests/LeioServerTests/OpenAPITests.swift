import Foundation
import Hummingbird
import HummingbirdTesting
import LeioCore
import LeioServer
import LeioStore
import Testing

/// The OpenAPI document is valid and true to the implementation: every route is in it,
/// and real responses of every route — good and bad — match the schemas it declares.
@Suite("OpenAPI document")
struct OpenAPITests {
  static func document() async throws -> [String: Any] {
    let response = try await RouteTests.call(.get, "/api/v1/openapi.json")
    #expect(response.status == 200)
    return try RouteTests.object(response.body)
  }

  @Test("it lists every route with its method")
  func routes() async throws {
    let paths = try #require(try await Self.document()["paths"] as? [String: [String: Any]])
    let all = APIController<LeioRequestContext>.routes + RegistryAPI.routes.map { (method: $0.method, path: $0.path) }
    for route in all {
      #expect(paths[route.path]?[route.method.lowercased()] != nil, "\(route.method) \(route.path)")
    }
    #expect(Set(paths.keys) == Set(all.map(\.path)))
    // Every registry operation names its permission and declares 401 and 403.
    for route in RegistryAPI.routes {
      let operation = paths[route.path]?[route.method.lowercased()] as? [String: Any]
      #expect(
        operation?["x-leio-permission"] as? String == (route.permission?.rawValue ?? "any"),
        "\(route.method) \(route.path)")
      let responses = operation?["responses"] as? [String: Any] ?? [:]
      #expect(responses["401"] != nil && responses["403"] != nil, "\(route.method) \(route.path)")
    }
  }

  /// Each coded request field outside the case document, with the core type that parses it: the document's enum must
  /// list exactly that type's accepted spellings (parsing is case-insensitive, so case variants are accepted too).
  /// The case document's schemas are derived from the declaration (next test).
  static let codedFields: [(schema: String, property: String, spellings: [String])] = [
    ("UterineCriteriaInput", "subtype", UterineSubtype.acceptedSpellings),
    ("UterineCriteriaInput", "atypia", Atypia.acceptedSpellings),
    ("UterineCriteriaInput", "necrosis", NecrosisFinding.acceptedSpellings),
    ("UterineCriteriaInput", "border", TumourBorder.acceptedSpellings),
    ("OptionsRequest", "margin", ResectionMargin.acceptedSpellings),
    ("OptionsRequest", "situation", TreatmentSituation.acceptedSpellings),
  ]

  @Test("the case document's schemas are exactly what the case declaration gives (python3 scripts/openapi.py)")
  func caseSchemasAreDerived() async throws {
    let schemas = try #require(
      (try await Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
    func canonical(_ value: Any) throws -> String {
      let parsed = try JSONSerialization.jsonObject(
        with: try JSONSerialization.data(withJSONObject: value), options: [])
      return String(decoding: try JSONSerialization.data(withJSONObject: parsed, options: [.sortedKeys]), as: UTF8.self)
    }
    let derived = CaseSchema.jsonSchemas()
    #expect(Set(derived.keys) == ["CaseInput", "CaseFNCLCC", "FNCLCCInput"])
    for (name, schema) in derived {
      let committed = try #require(schemas[name], "\(name) is missing: run python3 scripts/openapi.py")
      #expect(
        try canonical(committed) == canonical(schema),
        "\(name) differs from the declaration: run python3 scripts/openapi.py")
    }
  }

  @Test("every coded request field lists exactly the spellings the core accepts")
  func codedFieldsMatchTheCore() async throws {
    let schemas = try #require(
      (try await Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
    for field in Self.codedFields {
      let properties = try #require(
        (schemas[field.schema] as? [String: Any])?["properties"] as? [String: Any], "\(field.schema)")
      var schema = try #require(properties[field.property] as? [String: Any], "\(field.schema).\(field.property)")
      if let items = schema["items"] as? [String: Any] { schema = items }
      let listed = (schema["enum"] as? [Any] ?? []).map { "\($0)" }
      #expect(
        Set(listed) == Set(field.spellings),
        "\(field.schema).\(field.property): python3 scripts/openapi.py must list \(field.spellings)")
    }
  }

  @Test("the document validates and the responses match their schemas (openapi-spec-validator, jsonschema)")
  func responsesMatch() async throws {
    var samples: [[String: Any]] = []
    func sample(_ method: HTTPRequest.Method, _ path: String, _ uri: String, _ body: String?) async throws {
      let response = try await RouteTests.call(method, uri, body)
      samples.append([
        "method": method.rawValue.lowercased(), "path": path, "status": String(response.status), "type": response.type,
        "body": response.body,
      ])
    }
    let extremity = RouteTests.extremity
    try await sample(.post, "/api/v1/stage", "/api/v1/stage", extremity)
    try await sample(
      .post, "/api/v1/stage", "/api/v1/stage",
      #"{"system":"ajcc8","site":"uterus","sizeCm":4,"uterineExtent":"confined","nodes":"N0"}"#)
    try await sample(.post, "/api/v1/stage", "/api/v1/stage", #"{"site":"extremity","grade":"4"}"#)
    try await sample(.post, "/api/v1/stage", "/api/v1/stage", "{oops")
    try await sample(
      .post, "/api/v1/grade", "/api/v1/grade",
      #"{"subtype":"conventional","mitoticCount":12,"mitoticAreaMm2":2.4,"necrosis":"none"}"#)
    try await sample(
      .post, "/api/v1/classify", "/api/v1/classify",
      #"{"uterine":{"subtype":"epithelioid","atypia":"moderate","mitoticCount":2,"necrosis":"absent"}}"#)
    try await sample(
      .post, "/api/v1/prognosis", "/api/v1/prognosis", #"{"site":"uterus","uterineExtent":"adnexa","nodes":"N0"}"#)
    try await sample(.post, "/api/v1/options", "/api/v1/options", #"{"case":{"site":"extremity","metastasis":"M1"}}"#)
    try await sample(
      .post, "/api/v1/plan", "/api/v1/plan",
      #"{"case":\#(extremity),"treatmentEnd":"2024-02-29","today":"2026-11-23","lastVisit":"2026-01-01"}"#)
    try await sample(.post, "/api/v1/plan", "/api/v1/plan", #"{"case":\#(extremity),"treatmentEnd":"2024-02-30"}"#)
    try await sample(.get, "/api/v1/facts", "/api/v1/facts?q=survival", nil)
    try await sample(.get, "/api/v1/facts/{id}", "/api/v1/facts/survival-sts", nil)
    try await sample(.get, "/api/v1/facts/{id}", "/api/v1/facts/nope", nil)
    try await sample(.get, "/healthz", "/healthz", nil)
    try await sample(.get, "/readyz", "/readyz", nil)

    // The registry, signed in with API tokens: successes, conflicts, field errors, 401 and 403.
    try await RegistryHarness.with { harness in
      func token(_ role: Role) -> HTTPFields {
        [.authorization: "Bearer \(harness.credentials[role]?.apiToken ?? "")", .contentType: "application/json"]
      }
      func registry(
        _ method: HTTPRequest.Method, _ path: String, _ uri: String, _ headers: HTTPFields, _ body: String? = nil
      ) async throws -> String {
        let response = try await harness.call(method, uri, headers: headers, body: body)
        samples.append([
          "method": method.rawValue.lowercased(), "path": path, "status": String(response.status),
          "type": response.headers[.contentType] ?? "", "body": response.body,
        ])
        return response.body
      }
      let created = try await registry(
        .post, "/api/v1/patients", "/api/v1/patients", token(.clinician),
        #"{"identifier":"SYN-O1","name":"Fictional","sex":"other","birthDate":"1980-05-06"}"#)
      let id =
        (try? JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any])?["id"] as? String ?? "missing"
      let tumour = try await registry(
        .post, "/api/v1/patients/{id}/tumours", "/api/v1/patients/\(id)/tumours", token(.clinician),
        #"{"diagnosisDate":"2025-01-02","facts":\#(extremity)}"#)
      let tumourID =
        (try? JSONSerialization.jsonObject(with: Data(tumour.utf8)) as? [String: Any])?["id"] as? String ?? "missing"
      _ = try await registry(
        .post, "/api/v1/tumours/{id}/treatments", "/api/v1/tumours/\(tumourID)/treatments", token(.clinician),
        #"{"kind":"surgery","startDate":"2025-02-01","margin":"R0"}"#)
      _ = try await registry(
        .post, "/api/v1/patients/{id}/events", "/api/v1/patients/\(id)/events", token(.clinician),
        #"{"kind":"imaging","date":"2025-05-03","imagingResult":"noEvidence"}"#)
      _ = try await registry(
        .post, "/api/v1/patients/{id}/events", "/api/v1/patients/\(id)/events", token(.clinician),
        #"{"kind":"recurrence","date":"2025-05-03"}"#)
      _ = try await registry(.get, "/api/v1/patients/{id}", "/api/v1/patients/\(id)", token(.viewer))
      _ = try await registry(.get, "/api/v1/patients", "/api/v1/patients?q=fict&overdueOn=2026-11-24", token(.viewer))
      _ = try await registry(
        .put, "/api/v1/patients/{id}", "/api/v1/patients/\(id)", token(.clinician),
        #"{"identifier":"SYN-O1","name":"F","version":1}"#)
      _ = try await registry(
        .put, "/api/v1/patients/{id}", "/api/v1/patients/\(id)", token(.clinician),
        #"{"identifier":"SYN-O1","name":"F","version":1}"#)
      _ = try await registry(
        .post, "/api/v1/patients", "/api/v1/patients", token(.viewer), #"{"identifier":"SYN-O2","name":"F"}"#)
      _ = try await registry(.get, "/api/v1/patients", "/api/v1/patients", [:])
      _ = try await registry(.get, "/api/v1/follow-up", "/api/v1/follow-up?today=2026-11-24", token(.viewer))
      _ = try await registry(.get, "/api/v1/me", "/api/v1/me", token(.registrar))
      _ = try await registry(.get, "/api/v1/audit", "/api/v1/audit?limit=5", token(.admin))
      _ = try await registry(.get, "/api/v1/export", "/api/v1/export", token(.registrar))
      _ = try await registry(.delete, "/api/v1/patients/{id}", "/api/v1/patients/\(id)?version=2", token(.clinician))
      _ = try await registry(.get, "/api/v1/patients/{id}", "/api/v1/patients/\(id)", token(.viewer))
    }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-openapi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let specURL = directory.appendingPathComponent("openapi.json")
    try JSONSerialization.data(withJSONObject: try await Self.document()).write(to: specURL)
    let samplesURL = directory.appendingPathComponent("samples.json")
    try JSONSerialization.data(withJSONObject: samples).write(to: samplesURL)
    let script = """
      import json, sys
      try:
          from openapi_spec_validator import validate
          import jsonschema
      except ImportError:
          print("MISSING"); sys.exit(0)
      spec = json.load(open(sys.argv[1])); validate(spec)
      problems = []
      for s in json.load(open(sys.argv[2])):
          op = spec["paths"][s["path"]][s["method"]]
          declared = op["responses"].get(s["status"])
          if declared is None:
              problems.append(f"{s['method']} {s['path']}: status {s['status']} not declared"); continue
          media = declared["content"]
          if s["type"] not in media:
              problems.append(f"{s['method']} {s['path']}: content type {s['type']} not declared ({list(media)})"); continue
          schema = dict(media[s["type"]]["schema"]); schema["components"] = spec["components"]
          body = json.loads(s["body"]) if "json" in s["type"] else s["body"]
          for error in jsonschema.Draft202012Validator(schema).iter_errors(body):
              problems.append(f"{s['method']} {s['path']} {s['status']}: {error.message[:200]} at {list(error.absolute_path)}")
      print("OK" if not problems else "\\n".join(problems))
      """
    let scriptURL = directory.appendingPathComponent("check.py")
    try Data(script.utf8).write(to: scriptURL)
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", scriptURL.path, specURL.path, samplesURL.path]
    let pipe = Pipe()
    python.standardOutput = pipe
    python.standardError = pipe
    try python.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    if output.hasPrefix("MISSING") {
      #expect(
        ProcessInfo.processInfo.environment["CI"] == nil,
        "CI must install openapi-spec-validator and jsonschema (.ci/run)")
      return
    }
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "OK", "\(output)")
  }
}
