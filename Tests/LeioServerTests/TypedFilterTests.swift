import Foundation
import HTTPTypes
import Hummingbird
import LeioStore
import Testing

@testable import LeioServer

/// Patient-list filters are typed (issue 12 §2): a code or date that is not one is a field error at the edge, never an
/// empty list that looks like an answer.
@Suite("Typed registry filters")
struct TypedFilterTests {
  @Test(
    "unknown filter codes and malformed dates are 4xx field problems; known ones filter",
    arguments: [
      ("/api/v1/patients?site=XX", "site"), ("/api/v1/patients?stage=IIID", "stage"),
      ("/api/v1/patients?overdueOn=2026-02-30", "overdueOn"),
      ("/api/v1/patients?dueFrom=tomorrow", "dueFrom"), ("/api/v1/follow-up?today=2026-13-01", "today"),
    ])
  func badFilters(_ uri: String, _ field: String) async throws {
    try await RegistryHarness.with { harness in
      let viewer: HTTPFields = [.authorization: "Bearer \(try #require(harness.credentials[.viewer]).apiToken)"]
      let response = try await harness.call(.get, uri, headers: viewer)
      #expect((400..<500).contains(response.status), "\(uri): \(response.status)")
      let problem = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
      #expect(problem?["field"] as? String == field, "\(response.body)")
    }
  }

  @Test("valid filters answer 200")
  func goodFilters() async throws {
    try await RegistryHarness.with { harness in
      let viewer: HTTPFields = [.authorization: "Bearer \(try #require(harness.credentials[.viewer]).apiToken)"]
      for uri in [
        "/api/v1/patients?site=TE&stage=IIIA", "/api/v1/patients?overdueOn=2026-11-24&dueFrom=2026-11-01",
        "/api/v1/follow-up?today=2026-11-24",
      ] {
        #expect(try await harness.call(.get, uri, headers: viewer).status == 200, "\(uri)")
      }
    }
  }
}
