import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeioServer
import LeioStore
import Testing

/// `POST /api/v1/import/naaccr` and `GET /api/v1/export/naaccr` (issue 14 part 3): role-checked, the file as the
/// body, problems as JSON.
@Suite("NAACCR over the API", .serialized)
struct NAACCRAPITests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/naaccr").standardized

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  @Test("a registrar imports (dry run, then for real, then again: unchanged) and exports")
  func importAndExport() async throws {
    try await RegistryHarness.with { harness in
      let token = try #require(harness.credentials[.registrar]).apiToken
      let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/xml"]
      let body = try Self.fixture("incidence-240.xml")
      let dry = try await harness.call(.post, "/api/v1/import/naaccr?dryRun=true", headers: headers, body: body)
      #expect(dry.status == 200, "\(dry.body)")
      #expect(dry.body.contains(#""dryRun":true"#) && dry.body.contains(#""tumoursCreated":3"#))
      let first = try await harness.call(.post, "/api/v1/import/naaccr", headers: headers, body: body)
      #expect(first.status == 200 && first.body.contains(#""patientsCreated":2"#), "\(first.body)")
      #expect(first.body.contains(#""refused":1"#) && first.body.contains(#""outOfScope":1"#))
      let again = try await harness.call(.post, "/api/v1/import/naaccr", headers: headers, body: body)
      #expect(again.body.contains(#""tumoursUnchanged":3"#) && again.body.contains(#""patientsUnchanged":2"#))
      let export = try await harness.call(.get, "/api/v1/export/naaccr", headers: [.authorization: "Bearer \(token)"])
      #expect(export.status == 200 && export.headers[.contentType] == "application/xml")
      #expect(export.body.contains(#"<Item naaccrId="patientIdNumber">00000101</Item>"#))
      #expect(export.body.contains("leioCaseDocument"))
    }
  }

  @Test("problems: a malformed file and a file with bad records are 422 with the line; other roles are refused")
  func problems() async throws {
    try await RegistryHarness.with { harness in
      let token = try #require(harness.credentials[.registrar]).apiToken
      let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/xml"]
      let malformed = try await harness.call(
        .post, "/api/v1/import/naaccr", headers: headers, body: try Self.fixture("malformed-mismatched-tag.xml"))
      #expect(malformed.status == 422 && malformed.body.contains("line 29"), "\(malformed.body)")
      #expect(malformed.headers[.contentType] == "application/problem+json")
      let bad = try Self.fixture("incidence-230.xml").replacingOccurrences(
        of: #"<Item naaccrId="eodMets">00</Item>"#, with: #"<Item naaccrId="eodMets">55</Item>"#)
      let refused = try await harness.call(.post, "/api/v1/import/naaccr", headers: headers, body: bad)
      #expect(refused.status == 422 && refused.body.contains("invalid-import") && refused.body.contains("eodMets"))
      #expect(try await harness.registry.counts()["tumour"] == 0)
      let empty = try await harness.call(.post, "/api/v1/import/naaccr", headers: headers, body: "")
      #expect(empty.status == 400)
      let dryRun = try await harness.call(.post, "/api/v1/import/naaccr?dryRun=maybe", headers: headers, body: "x")
      #expect(dryRun.status == 400)
      for role in [Role.clinician, .viewer] {
        let other = try #require(harness.credentials[role]).apiToken
        let response = try await harness.call(
          .post, "/api/v1/import/naaccr", headers: [.authorization: "Bearer \(other)"],
          body: try Self.fixture("incidence-230.xml"))
        #expect(response.status == 403, "\(role)")
      }
    }
  }
}
