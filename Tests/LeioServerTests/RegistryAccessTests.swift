import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeioServer
import LeioStore
import Testing

/// Every registry route requires an authorised account: the route × role matrix, CSRF, sessions and sign-in.
@Suite("Registry access", .serialized)
struct RegistryAccessTests {
  static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

  /// Fills `{id}` with a real id and gives a plausible body, so an allowed call gets past authorisation.
  static func concrete(_ route: RegistryRoute, _ harness: RegistryHarness) -> (String, String?) {
    let path = route.path.replacingOccurrences(of: "{id}", with: harness.patientID)
    let json = route.path.hasPrefix("/api/") && route.method != "GET" && route.method != "DELETE"
    return (
      path + (route.method == "DELETE" ? "?version=1" : ""),
      json ? #"{"identifier":"SYN-X","name":"Fictional X"}"# : (route.method == "POST" ? "" : nil)
    )
  }

  @Test("API routes: 401 without credentials, 403 for a role without the permission, allowed otherwise")
  func apiMatrix() async throws {
    try await RegistryHarness.with { harness in
      var rows: [String] = []
      for route in RegistryAPI.routes {
        let (uri, body) = Self.concrete(route, harness)
        let method = HTTPRequest.Method(route.method)!
        let anonymous = try await harness.call(method, uri, body: body)
        if anonymous.status != 401 || anonymous.headers[.wwwAuthenticate] == nil {
          rows.append("\(route.method) \(route.path) anonymous → \(anonymous.status)")
        }
        let forged = try await harness.call(method, uri, headers: [.authorization: "Bearer leio_forged"], body: body)
        if forged.status != 401 { rows.append("\(route.method) \(route.path) forged token → \(forged.status)") }
        for role in Role.allCases {
          let token = try #require(harness.credentials[role]).apiToken
          let response = try await harness.call(
            method, uri, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: body)
          let allowed = route.permission.map(role.allows) ?? true
          if allowed ? [401, 403].contains(response.status) : response.status != 403 {
            rows.append("\(route.method) \(route.path) as \(role.rawValue) → \(response.status) (allowed: \(allowed))")
          }
        }
      }
      #expect(rows.isEmpty, "\(rows.joined(separator: "\n"))")
    }
  }

  @Test("web pages: sign-in first, 403 for a role without the permission, allowed otherwise")
  func webMatrix() async throws {
    try await RegistryHarness.with { harness in
      var rows: [String] = []
      // Sign-out last: it ends the sessions the other routes use.
      for route in RegistryPages.routes.filter({ $0.path != "/logout" })
        + RegistryPages.routes.filter({ $0.path == "/logout" })
      {
        let (uri, _) = Self.concrete(route, harness)
        let method = HTTPRequest.Method(route.method)!
        let anonymous = try await harness.call(method, uri, body: method == .post ? "" : nil)
        if anonymous.status != 303 || !(anonymous.headers[.location] ?? "").hasPrefix("/login") {
          rows.append("\(route.method) \(route.path) anonymous → \(anonymous.status)")
        }
        for role in Role.allCases {
          let credentials = try #require(harness.credentials[role])
          let body = method == .post ? "_csrf=\(credentials.csrf)&version=1" : nil
          let response = try await harness.call(
            method, uri, headers: [.cookie: credentials.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: body)
          let allowed = route.permission.map(role.allows) ?? true
          if allowed
            ? [401, 403].contains(response.status)
              || (response.headers[.location] ?? "").hasPrefix("/login") && route.path != "/logout"
            : response.status != 403
          {
            rows.append("\(route.method) \(route.path) as \(role.rawValue) → \(response.status) (allowed: \(allowed))")
          }
        }
      }
      #expect(rows.isEmpty, "\(rows.joined(separator: "\n"))")
    }
  }

  @Test("no public route serves registry data")
  func publicRoutes() {
    let registryWords = ["patient", "tumour", "treatment", "event", "audit", "export", "follow-up", "me"]
    for route in APIController<LeioRequestContext>.routes {
      #expect(
        !registryWords.contains {
          route.path.split(separator: "/").map(String.init).contains($0) || route.path.contains("patients")
        }, "\(route.path)")
    }
    let guarded = Set(RegistryAPI.routes.map(\.path) + RegistryPages.routes.map(\.path))
    #expect(guarded.allSatisfy { !$0.isEmpty })
    #expect(
      RegistryPages.routes.contains { $0.path == "/patients/{id}" }
        && RegistryAPI.routes.contains { $0.path == "/api/v1/patients/{id}" })
  }

  @Test("a changing request with the session cookie needs the CSRF token and the same origin; an API token does not")
  func csrf() async throws {
    try await RegistryHarness.with { harness in
      let clinician = try #require(harness.credentials[.clinician])
      let form: HTTPFields = [.cookie: clinician.cookie, .contentType: "application/x-www-form-urlencoded"]
      let fields = "identifier=SYN-C1&name=Fictional"
      #expect(try await harness.call(.post, "/patients", headers: form, body: fields).status == 403, "no token")
      #expect(
        try await harness.call(.post, "/patients", headers: form, body: fields + "&_csrf=wrong").status == 403,
        "wrong token")
      var foreign = form
      foreign[.origin] = "https://evil.example"
      #expect(
        try await harness.call(.post, "/patients", headers: foreign, body: fields + "&_csrf=\(clinician.csrf)").status
          == 403, "another site")
      let created = try await harness.call(.post, "/patients", headers: form, body: fields + "&_csrf=\(clinician.csrf)")
      #expect(created.status == 303 && (created.headers[.location] ?? "").hasPrefix("/patients/"))

      let json: HTTPFields = [.cookie: clinician.cookie, .contentType: "application/json"]
      #expect(
        try await harness.call(.post, "/api/v1/patients", headers: json, body: #"{"identifier":"SYN-C2","name":"F"}"#)
          .status == 403)
      var withHeader = json
      withHeader[Self.csrfHeader] = clinician.csrf
      #expect(
        try await harness.call(
          .post, "/api/v1/patients", headers: withHeader, body: #"{"identifier":"SYN-C2","name":"F"}"#
        ).status == 201)
      let bearer: HTTPFields = [.authorization: "Bearer \(clinician.apiToken)", .contentType: "application/json"]
      #expect(
        try await harness.call(.post, "/api/v1/patients", headers: bearer, body: #"{"identifier":"SYN-C3","name":"F"}"#)
          .status == 201)
    }
  }

  @Test(
    "sign-in sets a Secure, HttpOnly, SameSite=Strict cookie; failures lock with Retry-After; sign-out ends the session; no open redirect"
  )
  func signIn() async throws {
    try await RegistryHarness.with { harness in
      let ok = try await harness.submitLogin(
        username: "test.viewer", password: RegistryHarness.password, next: "//evil.example/x")
      #expect(ok.status == 303 && ok.headers[.location] == "/patients", "only local paths are followed")
      let cookie = try #require(ok.headers[.setCookie])
      #expect(
        cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict")
          && cookie.contains("Path=/"))
      let session = String(cookie.prefix { $0 != ";" })
      #expect(try await harness.call(.get, "/patients", headers: [.cookie: session]).status == 200)

      for _ in 0..<5 {
        #expect(try await harness.submitLogin(username: "test.viewer", password: "wrong password").status == 401)
      }
      let locked = try await harness.submitLogin(username: "test.viewer", password: "wrong password")
      #expect(locked.status == 429 && locked.headers[.retryAfter] != nil)

      let page = try await harness.call(.get, "/patients", headers: [.cookie: session])
      let csrf = try #require(page.body.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
      let out = try await harness.call(
        .post, "/logout", headers: [.cookie: session, .contentType: "application/x-www-form-urlencoded"],
        body: "_csrf=\(csrf)")
      #expect(out.status == 303 && (out.headers[.setCookie] ?? "").contains("Max-Age=0"))
      #expect(
        try await harness.call(.get, "/patients", headers: [.cookie: session]).status == 303, "the session is over")
    }
  }

  @Test("API: create, read, stale update → 409, delete needs the version, audit for admins, export for registrars")
  func apiFlow() async throws {
    try await RegistryHarness.with { harness in
      let clinician: HTTPFields = [
        .authorization: "Bearer \(try #require(harness.credentials[.clinician]).apiToken)",
        .contentType: "application/json",
      ]
      let created = try await harness.call(
        .post, "/api/v1/patients", headers: clinician,
        body: #"{"identifier":"SYN-A1","name":"Fictional API","birthDate":"1970-01-01","sex":"male"}"#)
      #expect(created.status == 201)
      let id =
        try #require(try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any])["id"] as? String
        ?? ""
      let tumour = try await harness.call(
        .post, "/api/v1/patients/\(id)/tumours", headers: clinician,
        body:
          #"{"diagnosisDate":"2025-11-03","facts":{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0"}}"#
      )
      #expect(tumour.status == 201 && tumour.body.contains(#""stageGroup":"IIIA""#))
      let invalid = try await harness.call(
        .post, "/api/v1/patients/\(id)/tumours", headers: clinician,
        body: #"{"facts":{"site":"extremity","sizeCm":-1}}"#)
      #expect(invalid.status == 422 && invalid.body.contains(#""field":"sizeCm""#))
      let file = try await harness.call(.get, "/api/v1/patients/\(id)", headers: clinician)
      #expect(file.status == 200 && file.body.contains("Fictional API") && file.body.contains("\"tumours\""))
      #expect(
        try await harness.call(
          .put, "/api/v1/patients/\(id)", headers: clinician,
          body: #"{"identifier":"SYN-A1","name":"Renamed","version":1}"#
        ).status == 200)
      let stale = try await harness.call(
        .put, "/api/v1/patients/\(id)", headers: clinician,
        body: #"{"identifier":"SYN-A1","name":"Lost update","version":1}"#)
      #expect(stale.status == 409 && stale.body.contains("changed by someone else"))
      #expect(try await harness.call(.delete, "/api/v1/patients/\(id)", headers: clinician).status == 400)
      #expect(try await harness.call(.delete, "/api/v1/patients/\(id)?version=2", headers: clinician).status == 200)
      #expect(try await harness.call(.get, "/api/v1/patients/\(id)", headers: clinician).status == 404)

      let admin: HTTPFields = [.authorization: "Bearer \(try #require(harness.credentials[.admin]).apiToken)"]
      let audit = try await harness.call(.get, "/api/v1/audit?limit=500", headers: admin)
      #expect(
        audit.status == 200 && audit.body.contains(#""action":"delete""#) && audit.body.contains("test.clinician"))
      #expect(!audit.body.contains("Fictional API"), "no patient names in the audit log")
      let registrar: HTTPFields = [.authorization: "Bearer \(try #require(harness.credentials[.registrar]).apiToken)"]
      let export = try await harness.call(.get, "/api/v1/export", headers: registrar)
      #expect(
        export.status == 200 && export.body.contains("leio-registry-backup")
          && (export.headers[.contentDisposition] ?? "").contains("attachment"))
    }
  }
}
