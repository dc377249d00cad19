import Foundation
import Hummingbird
import HummingbirdTesting
import LeioServer
import LeioStore
import LeioSurvival
import Testing

/// A registry on a temporary SQLite file with one account per role, each signed in (session cookie + CSRF token)
/// and holding an API token, and one fictional patient; the router built over it.
struct RegistryHarness: Sendable {
  struct Credentials: Sendable {
    let role: Role
    let cookie: String
    let csrf: String
    let apiToken: String
  }

  let registry: Registry
  let directory: URL
  let credentials: [Role: Credentials]
  let patientID: String
  /// A prognosis model for the case pages (`leio serve --prognosis-model`).
  var prognosis: PrognosisModel? = nil
  static let password = "correct horse battery"

  static func make() async throws -> RegistryHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let backend = try await SQLiteBackend.open(path: directory.appendingPathComponent("registry.sqlite").path)
    let registry = try await Registry(backend: backend, security: SecurityPolicy(bcryptCost: 4))
    var credentials: [Role: Credentials] = [:]
    for role in Role.allCases {
      let account = try await registry.createAccount(
        username: "test.\(role.rawValue)", password: password, role: role, by: .system("test"))
      let grant = try await registry.login(username: account.username, password: password, remote: nil)
      let token = try await registry.createAPIToken(name: "test", for: account.id, by: .system("test")).token
      credentials[role] = Credentials(
        role: role, cookie: "leio_session=\(grant.token)", csrf: grant.csrfToken, apiToken: token)
    }
    let patient = try await registry.createPatient(
      Patient(identifier: "SYN-H1", name: "Fictional Harness Patient"), by: .system("test"))
    return RegistryHarness(registry: registry, directory: directory, credentials: credentials, patientID: patient.id)
  }

  func close() async {
    try? await registry.close()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Runs one request against the router and returns status, headers and body.
  func call(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws
    -> (status: Int, headers: HTTPFields, body: String)
  {
    let app = Application(router: buildRouter(registry: registry, secureCookies: true, prognosis: prognosis))
    return try await app.test(.router) { client in
      try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
        response in
        (Int(response.status.code), response.headers, String(buffer: response.body))
      }
    }
  }

  /// Signs in through the form as a browser does: `GET /login` (its CSRF cookie and hidden field), then the POST.
  func submitLogin(username: String, password: String, next: String? = nil, extraHeaders: HTTPFields = [:]) async throws
    -> (status: Int, headers: HTTPFields, body: String)
  {
    let form = try await call(.get, "/login")
    let cookie = try #require(form.headers[.setCookie]).prefix { $0 != ";" }
    let token = try #require(form.body.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: String(cookie)]
    for field in extraHeaders { headers.append(field) }
    func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
    let body =
      "username=\(encode(username))&password=\(encode(password))&_csrf=\(token)"
      + (next.map { "&next=\(encode($0))" } ?? "")
    return try await call(.post, "/login", headers: headers, body: body)
  }

  /// Runs `body` with a fresh harness, closed afterwards whatever happens.
  static func with(_ body: (RegistryHarness) async throws -> Void) async throws {
    let harness = try await make()
    do {
      try await body(harness)
      await harness.close()
    } catch {
      await harness.close()
      throw error
    }
  }
}
