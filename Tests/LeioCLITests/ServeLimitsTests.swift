import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `leio serve --request-timeout --max-connections` against clients that never finish (issue 10, finding 3) and
/// bodies that break HTTP (finding 11), on a real socket.
@Suite("leio serve limits", .serialized)
struct ServeLimitsTests {
  /// A blocking TCP socket to 127.0.0.1.
  final class RawSocket {
    let descriptor: Int32

    init?(port: Int) {
      descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard descriptor >= 0, connected == 0 else {
        close(descriptor)
        return nil
      }
    }

    deinit { close(descriptor) }

    func send(_ text: String) { _ = text.withCString { Glibc.send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
    func halfClose() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Everything until the server closes or `seconds` pass; nil when nothing came and the socket stayed open.
    func readAll(seconds: Double) -> String? {
      var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
      setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      var data: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = recv(descriptor, &buffer, buffer.count, 0)
        if count > 0 {
          data += buffer[0..<count]
          continue
        }
        if count == 0 { return String(decoding: data, as: UTF8.self) }  // closed by the server
        return data.isEmpty ? nil : String(decoding: data, as: UTF8.self)
      }
    }
  }

  @Test(
    "partial requests are closed within the timeout while /healthz answers; past the cap a 503; broken chunked bodies are 400"
  )
  func limits() async throws {
    let port = CLIRunner.freePort()
    let process = Process()
    process.executableURL = CLIRunner.binary
    process.arguments = [
      "serve", "--port", String(port), "--request-timeout", "1.5", "--max-connections", "250",
      "--database",
      FileManager.default.temporaryDirectory.appendingPathComponent("leio-limits-\(UUID().uuidString).sqlite").path,
    ]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    defer { process.terminate() }
    var healthy = false
    for _ in 0..<100 where !healthy {
      healthy = (try? await ServeCommandTests.request(port, "/healthz"))?.0 == 200
      if !healthy { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(healthy)

    let slow = (0..<200).compactMap { _ in RawSocket(port: port) }
    for socket in slow { socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ") }
    let started = Date()
    #expect(
      try await ServeCommandTests.request(port, "/healthz").0 == 200, "the server answers while 200 requests hang")
    let closed = slow.filter { $0.readAll(seconds: 4) != nil }.count
    #expect(slow.count == 200 && closed == 200, "every partial request is closed (\(closed) of \(slow.count))")
    #expect(Date().timeIntervalSince(started) < 4.5, "within the timeout")

    let held = (0..<280).compactMap { _ in RawSocket(port: port) }
    try await Task.sleep(for: .milliseconds(300))
    let refused = withExtendedLifetime(held) {
      held.filter { $0.readAll(seconds: 0.3)?.hasPrefix("HTTP/1.1 503") == true }.count
    }
    #expect(refused >= 25, "connections past the cap of 250 get a 503 (\(refused) of 280)")
    try await Task.sleep(for: .milliseconds(300))

    for (raw, half) in [
      ("Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n", false),
      ("Transfer-Encoding: chunked\r\n\r\n10\r\nabc", true),
      ("Content-Length: 1000\r\n\r\n{\"site\":", true),
    ] {
      let socket = try #require(RawSocket(port: port))
      socket.send("POST /api/v1/stage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + raw)
      if half { socket.halfClose() }
      let reply = socket.readAll(seconds: 5) ?? ""
      #expect(reply.hasPrefix("HTTP/1.1 400"), "\(raw.prefix(30)): \(reply.prefix(60))")
    }
  }
}
