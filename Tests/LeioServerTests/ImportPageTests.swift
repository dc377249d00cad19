import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeioServer
import LeioStore
import Testing

/// `/import` (issue 14 part 3): upload, dry-run report, confirm; CSRF inside the multipart form; roles.
@Suite("NAACCR import page", .serialized)
struct ImportPageTests {
  static let boundary = "----LeioTestBoundary7MA4YWxk"

  static func multipart(csrf: String?, file: String) -> String {
    var body = ""
    if let csrf {
      body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n"
    }
    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"incidence.xml\"\r\n"
    body += "Content-Type: application/xml\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
    return body
  }

  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/naaccr/incidence-220.xml").standardized

  @Test("a registrar uploads, reads the dry run, confirms; the records are stored once")
  func flow() async throws {
    try await RegistryHarness.with { harness in
      let registrar = try #require(harness.credentials[.registrar])
      let page = try await harness.call(.get, "/import", headers: [.cookie: registrar.cookie])
      #expect(page.status == 200 && page.body.contains("enctype=\"multipart/form-data\""))
      let list = try await harness.call(.get, "/patients", headers: [.cookie: registrar.cookie])
      #expect(list.body.contains("/api/v1/export/naaccr") && list.body.contains("href=\"/import\""))
      let headers: HTTPFields = [
        .cookie: registrar.cookie, .contentType: "multipart/form-data; boundary=\(Self.boundary)",
      ]
      let file = try String(contentsOf: Self.fixture, encoding: .utf8)
      let checked = try await harness.call(
        .post, "/import", headers: headers, body: Self.multipart(csrf: registrar.csrf, file: file))
      #expect(checked.status == 200, "\(checked.body)")
      #expect(checked.body.contains("What the import would do"))
      #expect(try await harness.registry.counts()["tumour"] == 0)
      let token = try #require(checked.body.firstMatch(of: /name="upload" value="([0-9a-f]{32})"/)).1
      let confirm = try await harness.call(
        .post, "/import/confirm",
        headers: [.cookie: registrar.cookie, .contentType: "application/x-www-form-urlencoded"],
        body: "_csrf=\(registrar.csrf)&upload=\(token)")
      #expect(confirm.status == 200 && confirm.body.contains("What was imported"), "\(confirm.body)")
      #expect(try await harness.registry.counts()["tumour"] == 3)
      // The patient list's export link works with the session cookie.
      let export = try await harness.call(.get, "/api/v1/export/naaccr", headers: [.cookie: registrar.cookie])
      #expect(export.status == 200 && export.body.contains("00000101"))
      // The same confirmation again: the upload is gone.
      let again = try await harness.call(
        .post, "/import/confirm",
        headers: [.cookie: registrar.cookie, .contentType: "application/x-www-form-urlencoded"],
        body: "_csrf=\(registrar.csrf)&upload=\(token)")
      #expect(again.status == 404)
    }
  }

  @Test("without the form's CSRF token: 403; a malformed file: 422 with the line; a clinician: 403")
  func refusals() async throws {
    try await RegistryHarness.with { harness in
      let registrar = try #require(harness.credentials[.registrar])
      let headers: HTTPFields = [
        .cookie: registrar.cookie, .contentType: "multipart/form-data; boundary=\(Self.boundary)",
      ]
      let file = try String(contentsOf: Self.fixture, encoding: .utf8)
      let forged = try await harness.call(
        .post, "/import", headers: headers, body: Self.multipart(csrf: nil, file: file))
      #expect(forged.status == 403)
      let wrong = try await harness.call(
        .post, "/import", headers: headers, body: Self.multipart(csrf: "not-the-token", file: file))
      #expect(wrong.status == 403)
      let broken = file.replacingOccurrences(of: "</Tumor>", with: "</Tumour>")
      let malformed = try await harness.call(
        .post, "/import", headers: headers, body: Self.multipart(csrf: registrar.csrf, file: broken))
      #expect(malformed.status == 422 && malformed.body.contains("does not match"), "\(malformed.body)")
      let clinician = try #require(harness.credentials[.clinician])
      let refused = try await harness.call(
        .post, "/import",
        headers: [.cookie: clinician.cookie, .contentType: "multipart/form-data; boundary=\(Self.boundary)"],
        body: Self.multipart(csrf: clinician.csrf, file: file))
      #expect(refused.status == 403)
      #expect(try await harness.registry.counts()["tumour"] == 0)
    }
  }
}
