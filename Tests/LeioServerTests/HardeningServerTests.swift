import Foundation
import HTTPTypes
import Hummingbird
import LeioStore
import Testing

@testable import LeioServer

/// Issue 10's findings at the HTTP layer (the router, as requests arrive).
@Suite("Server hardening (issue 10)")
struct HardeningServerTests {
  static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

  @Test(
    "finding 4: after sign-in only a path on this server is followed",
    arguments: [
      ("/\t/evil.example", "/patients"), ("/\n/evil.example", "/patients"), ("//evil.example", "/patients"),
      ("/\\evil.example", "/patients"),
      ("/%2F/evil.example", "/patients"), ("/%5Cevil.example", "/patients"), ("/%09/evil.example", "/patients"),
      ("https://evil.example/", "/patients"),
      ("evil.example", "/patients"), ("/ /evil.example", "/patients"), ("", "/patients"),
      ("/patients/abc", "/patients/abc"), ("/patients?q=smith&site=TE", "/patients?q=smith&site=TE"),
      ("/follow-up", "/follow-up"),
    ])
  func safeNext(_ next: String, _ expected: String) {
    #expect(LoginPage.safeNext(next) == expected)
  }

  @Test("finding 4: the open redirect of the report is closed end to end")
  func openRedirect() async throws {
    try await RegistryHarness.with { harness in
      let response = try await harness.submitLogin(
        username: "test.viewer", password: RegistryHarness.password, next: "/\t/evil.example")
      #expect(response.status == 303 && response.headers[.location] == "/patients")
    }
  }

  @Test("finding 17: the sign-in form needs its CSRF cookie and token, and a same-origin Origin")
  func signInCSRF() async throws {
    try await RegistryHarness.with { harness in
      let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
      let bare = try await harness.call(
        .post, "/login", headers: form, body: "username=test.viewer&password=correct+horse+battery")
      #expect(bare.status == 403 && bare.body.contains("expired or came from another site"))
      #expect(
        !(bare.headers[.setCookie] ?? "").contains("leio_session=")
          || (bare.headers[.setCookie] ?? "").contains("leio_login_csrf"))
      let foreign = try await harness.submitLogin(
        username: "test.viewer", password: RegistryHarness.password, extraHeaders: [.origin: "https://evil.example"])
      #expect(foreign.status == 403)
      let page = try await harness.call(.get, "/login")
      let cookie = try #require(page.headers[.setCookie])
      #expect(
        cookie.contains("leio_login_csrf=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
          && cookie.contains("Path=/login"))
      #expect(try await harness.submitLogin(username: "test.viewer", password: RegistryHarness.password).status == 303)
    }
  }

  @Test("finding 2: a registrar exports clinical records only; a full backup is the admin's")
  func exportScopes() async throws {
    try await RegistryHarness.with { harness in
      let registrar: HTTPFields = [.authorization: "Bearer \(try #require(harness.credentials[.registrar]).apiToken)"]
      let clinical = try await harness.call(.get, "/api/v1/export", headers: registrar)
      #expect(clinical.status == 200 && clinical.body.contains(#""scope" : "clinical""#))
      #expect(
        !clinical.body.contains("$2b$") && !clinical.body.contains("passwordHash")
          && !clinical.body.contains("loginFailed"))
      #expect(try await harness.call(.get, "/api/v1/export?scope=full", headers: registrar).status == 403)
      #expect(try await harness.call(.get, "/api/v1/export?scope=everything", headers: registrar).status == 400)
      let admin: HTTPFields = [.authorization: "Bearer \(try #require(harness.credentials[.admin]).apiToken)"]
      let full = try await harness.call(.get, "/api/v1/export", headers: admin)
      #expect(full.status == 200 && full.body.contains(#""scope" : "full""#) && full.body.contains("passwordHash"))
      #expect(
        try await harness.call(.get, "/api/v1/export?scope=clinical", headers: admin).body.contains(
          #""scope" : "clinical""#))
    }
  }

  @Test(
    "finding 5: admins see accounts, unlock, disable and enable them and revoke tokens on a page; refusals are audited")
  func accountsPage() async throws {
    try await RegistryHarness.with { harness in
      let admin = try #require(harness.credentials[.admin])
      let viewer = try #require(harness.credentials[.viewer])
      for _ in 0..<5 { _ = try await harness.submitLogin(username: "test.clinician", password: "wrong password") }
      let page = try await harness.call(.get, "/accounts", headers: [.cookie: admin.cookie])
      #expect(
        page.status == 200 && page.body.contains("Unlock test.clinician") && page.body.contains("Disable test.viewer"))
      #expect(!page.body.contains("Disable test.admin"), "an admin cannot disable their own account here")
      #expect(try await harness.call(.get, "/accounts", headers: [.cookie: viewer.cookie]).status == 403)
      let accounts = try await harness.registry.accounts(by: .system("test"))
      let clinician = try #require(accounts.first { $0.username == "test.clinician" })
      let form: HTTPFields = [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"]
      #expect(
        try await harness.call(.post, "/accounts/\(clinician.id)/unlock", headers: form, body: "_csrf=\(admin.csrf)")
          .status == 303)
      #expect(
        try await harness.registry.accounts(by: .system("test")).first { $0.username == "test.clinician" }?.locked
          == false)
      let target = try #require(accounts.first { $0.username == "test.viewer" })
      #expect(
        try await harness.call(
          .post, "/accounts/\(target.id)/disable", headers: form, body: "_csrf=\(admin.csrf)&version=\(target.version)"
        ).status == 303)
      #expect(
        try await harness.call(.get, "/patients", headers: [.cookie: viewer.cookie]).status == 303,
        "a disabled account's session ends")
      let tokens = try await harness.registry.apiTokens(by: .system("test"))
      let token = try #require(tokens.first { $0.username == "test.registrar" })
      #expect(
        try await harness.call(.post, "/tokens/\(token.id)/revoke", headers: form, body: "_csrf=\(admin.csrf)").status
          == 303)
      let registrar = try #require(harness.credentials[.registrar])
      #expect(
        try await harness.call(.get, "/api/v1/me", headers: [.authorization: "Bearer \(registrar.apiToken)"]).status
          == 401)
      let audit = try await harness.registry.auditLog(limit: 1000, by: .system("test"))
      #expect(audit.contains { $0.action == "refused" && $0.detail == "401 GET /api/v1/me" })
      #expect(
        audit.contains { $0.action == "refused" && $0.detail == "403 GET /accounts" && $0.username == "test.viewer" })
      #expect(audit.contains { $0.action == "unlock" })
    }
  }

  @Test("finding 10: changing a record of a deleted patient is refused (409) until the patient is restored")
  func deletedPatient() async throws {
    try await RegistryHarness.with { harness in
      let clinician: HTTPFields = [
        .authorization: "Bearer \(try #require(harness.credentials[.clinician]).apiToken)",
        .contentType: "application/json",
      ]
      let tumour = try await harness.call(
        .post, "/api/v1/patients/\(harness.patientID)/tumours", headers: clinician,
        body: #"{"facts":{"site":"extremity","sizeCm":3,"depth":"deep","grade":"G1","nodes":"N0","metastasis":"M0"}}"#)
      let tumourID =
        try #require(try JSONSerialization.jsonObject(with: Data(tumour.body.utf8)) as? [String: Any])["id"] as? String
        ?? ""
      #expect(
        try await harness.call(.delete, "/api/v1/patients/\(harness.patientID)?version=1", headers: clinician).status
          == 200)
      let refused = try await harness.call(
        .post, "/api/v1/tumours/\(tumourID)/treatments", headers: clinician,
        body: #"{"kind":"surgery","startDate":"2025-01-02"}"#)
      #expect(refused.status == 409 && refused.body.contains("restore the patient"))
    }
  }

  @Test("finding 15: a registry body with an unknown or misspelled field is refused (422), naming it")
  func unknownFields() async throws {
    try await RegistryHarness.with { harness in
      let clinician: HTTPFields = [
        .authorization: "Bearer \(try #require(harness.credentials[.clinician]).apiToken)",
        .contentType: "application/json",
      ]
      let response = try await harness.call(
        .post, "/api/v1/patients", headers: clinician,
        body: #"{"identifier":"SYN-U1","name":"F","birthdate":"1970-01-01","Sex":"male"}"#)
      #expect(
        response.status == 422 && response.body.contains("'Sex', 'birthdate'")
          && response.body.contains(#""field":"Sex""#))
      let event = try await harness.call(
        .post, "/api/v1/patients/\(harness.patientID)/events", headers: clinician,
        body: #"{"kind":"visit","date":"2025-01-01","note":"x"}"#)
      #expect(event.status == 422 && event.body.contains("'note'"))
      #expect(
        try await harness.call(
          .post, "/api/v1/patients", headers: clinician, body: #"{"identifier":"syn-h1","name":"Case twin"}"#
        ).status == 409,
        "identifiers are unique whatever their case")
    }
  }

  @Test(
    "finding 18: every cell a spreadsheet could run as a formula is neutralised",
    arguments: [
      ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
      ("\n=1", "'\n=1"),
      ("  =1", "'  =1"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
    ])
  func spreadsheetSafe(_ text: String, _ expected: String) {
    #expect(AuditPage.spreadsheetSafe(text) == expected)
  }

  @Test("finding 19: a stale delete form gets an HTML conflict page, not problem JSON")
  func staleDeleteForm() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician])
      let form: HTTPFields = [.cookie: clinician.cookie, .contentType: "application/x-www-form-urlencoded"]
      let stale = try await harness.call(
        .post, "/patients/\(harness.patientID)/delete", headers: form, body: "_csrf=\(clinician.csrf)&version=7")
      #expect(
        stale.status == 409 && (stale.headers[.contentType] ?? "").hasPrefix("text/html")
          && stale.body.contains("Someone else changed this record"))
      let noToken = try await harness.call(
        .post, "/patients/\(harness.patientID)/delete", headers: form, body: "version=1")
      #expect(noToken.status == 403 && (noToken.headers[.contentType] ?? "").hasPrefix("text/html"))
    }
  }

  @Test(
    "security headers on every page, API answer and problem; the style is allowed by hash, nothing inline may run",
    arguments: [
      "/", "/login", "/healthz", "/api/v1/facts?q=", "/no-such-page", "/patients",
    ])
  func securityHeaders(_ path: String) async throws {
    try await RegistryHarness.with { harness in
      let response = try await harness.call(.get, path)
      let policy = try #require(response.headers[.contentSecurityPolicy])
      #expect(
        policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'")
          && !policy.contains("unsafe-inline") && policy.contains("style-src 'sha256-"))
      #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
      #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
      #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
    }
  }

  @Test("a bad value is named, never echoed whole")
  func valueNotEchoed() async throws {
    try await RegistryHarness.with { harness in
      let long = String(repeating: "A", count: 20_000)
      let response = try await harness.call(
        .post, "/api/v1/stage", headers: [.contentType: "application/json"], body: #"{"site":"\#(long)","sizeCm":3}"#)
      #expect(response.status == 422 && response.body.count < 1500 && response.body.contains("(20000 characters)"))
    }
  }
}
