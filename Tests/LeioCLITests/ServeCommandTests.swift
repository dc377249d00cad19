import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `leio serve` as a process: it answers, logs without patient data, and stops cleanly on SIGTERM and SIGINT.
@Suite("leio serve", .serialized)
struct ServeCommandTests {
  static func request(_ port: Int, _ path: String, body: String? = nil) async throws -> (Int, String) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    if let body {
      request.httpMethod = "POST"
      request.httpBody = Data(body.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
  }

  @Test(
    "serves the API and pages, logs route and status only, and exits 0 on the signal", arguments: [SIGTERM, SIGINT])
  func lifecycle(_ signal: Int32) async throws {
    let port = CLIRunner.freePort()
    let process = Process()
    process.executableURL = CLIRunner.binary
    process.arguments = ["serve", "--host", "127.0.0.1", "--port", String(port)]
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("leio-serve-\(UUID().uuidString).log")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardError = handle
    process.standardOutput = handle
    try process.run()
    defer { if process.isRunning { process.terminate() } }

    var healthy = false
    for _ in 0..<100 where !healthy {
      healthy = (try? await Self.request(port, "/healthz"))?.0 == 200
      if !healthy { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(healthy, "the server answers /healthz")
    let staged = try await Self.request(
      port, "/api/v1/stage",
      body: #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0"}"#)
    #expect(staged.0 == 200 && staged.1.contains(#""stageGroup":"III""#))
    let refused = try await Self.request(port, "/api/v1/stage", body: #"{"site":"Jane-Doe-1970-01-01"}"#)
    #expect(refused.0 == 422 && refused.1.contains("Jane-Doe-1970-01-01"), "the caller sees the offending value")
    let page = try await Self.request(port, "/learn?q=Jane-Doe-1970-01-01")
    #expect(page.0 == 200)

    kill(process.processIdentifier, signal)
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    #expect(!process.isRunning, "stops within 10 s of the signal")
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "a clean exit, not a kill")
    try handle.close()
    let text = try String(contentsOf: log, encoding: .utf8)
    #expect(text.contains("route=/api/v1/stage status=200") && text.contains("status=422"))
    #expect(text.contains("hb.request.id=") && text.contains("duration_ms="))
    #expect(!text.contains("Jane-Doe"), "no request body or query value in the log")
    #expect(!text.contains("sizeCm"), "no request body in the log")
    try? FileManager.default.removeItem(at: log)
  }
}
