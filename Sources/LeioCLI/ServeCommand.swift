import ArgumentParser
import Foundation
import Hummingbird
import LeioServer
import Logging

/// `leio serve`: the HTTP API and web pages over the same core.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the HTTP server: the JSON API under /api/v1 and /healthz.",
    discussion: """
      leio serve                       # http://127.0.0.1:8080
      leio serve --host 0.0.0.0 --port 9000
      Stops gracefully on SIGINT (Ctrl-C) or SIGTERM. Logs request id, route, status and duration only.
      """
  )

  @Option(help: "Address to listen on.") var host = "127.0.0.1"
  @Option(help: "Port to listen on.") var port = 8080
  @Flag(help: .hidden) var benchmarkBaseline = false

  func validate() throws {
    guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
  }

  func run() async throws {
    var logger = Logger(label: "leio")
    logger.logLevel = .info
    let app = buildApplication(host: host, port: port, logger: logger, baselineRoute: benchmarkBaseline)
    FileHandle.standardError.write(Data("leio: serving on http://\(host):\(port) (educational software, not a medical device)\n".utf8))
    try await app.runService()
  }
}
