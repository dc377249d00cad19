import ArgumentParser
import Foundation
import Hummingbird
import LeioCore
import LeioServer
import LeioStore
import Logging

/// `leio serve`: the web pages, the registry and the HTTP API over the same core.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the web application: calculators, education pages, the registry, and the JSON API under /api/v1.",
    discussion: """
      leio serve --demo                # http://127.0.0.1:8080, with a fictional demo registry and demo logins
      leio serve --database postgres://leio:secret@db:5432/leio --host 0.0.0.0 --port 9000
      The registry is ./leio.sqlite unless --database says otherwise (created and migrated on first start).
      Stops gracefully on SIGINT (Ctrl-C) or SIGTERM. Logs request id, route, status and duration only.
      """
  )

  @Option(help: "Address to listen on.") var host = "127.0.0.1"
  @Option(help: "Port to listen on.") var port = 8080
  @OptionGroup var store: StoreOptions
  @Flag(
    help:
      "Seed an empty registry with clearly fictional demo patients and one demo account per role (password printed).")
  var demo = false
  @Option(help: "Seconds a client has to send a whole request (and an idle keep-alive connection stays open).")
  var requestTimeout = 30.0
  @Option(
    help:
      "Open connections allowed; more are answered 503 and closed (keep it below the file-descriptor limit, ulimit -n)."
  )
  var maxConnections = 1024
  @Flag(help: .hidden) var benchmarkBaseline = false

  func validate() throws {
    guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
    guard requestTimeout >= 0.1, requestTimeout <= 3600 else {
      throw ValidationError("--request-timeout must be between 0.1 and 3600 seconds.")
    }
    guard (1...1_000_000).contains(maxConnections) else {
      throw ValidationError("--max-connections must be between 1 and 1,000,000.")
    }
  }

  func run() async throws {
    var logger = Logger(label: "leio")
    logger.logLevel = .info
    try await store.withRegistry { registry in
      if demo {
        let added = try await DemoRegistry.seed(registry, today: CalendarDate.today())
        let note =
          added > 0 ? "seeded \(added) fictional patients" : "the registry already had patients; nothing seeded"
        Self.say("demo registry in \(registry.location): \(note)")
        Self.say(
          "demo sign-in (fictional data only): "
            + DemoRegistry.accounts.map { "\($0.username) (\($0.role.rawValue))" }.joined(separator: ", ")
            + " — password: \(DemoRegistry.password)")
      } else if try await registry.accounts(by: .system("serve")).isEmpty {
        Self.say(
          "no registry accounts yet: create the first admin with `leio user create --username NAME --role admin` (or start with --demo)"
        )
      }
      let limits = ConnectionLimits(
        requestTimeout: .milliseconds(Int64(requestTimeout * 1000)),
        maximumConnections: Self.connectionCap(maxConnections))
      let app = buildApplication(
        host: host, port: port, logger: logger, baselineRoute: benchmarkBaseline, registry: registry, limits: limits)
      Self.say(
        "serving on http://\(host):\(port) — registry \(registry.location) (educational software, not a medical device)"
      )
      try await app.runService()
    }
  }

  /// Raises the file-descriptor limit to its hard maximum and keeps the connection cap 64 below it (for the
  /// database, the log and the listening socket), so that the cap — not the kernel — is what refuses a flood.
  static func connectionCap(_ wanted: Int) -> Int {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return wanted }
    if limit.rlim_cur < limit.rlim_max {
      var raised = limit
      raised.rlim_cur = limit.rlim_max
      if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
    }
    let available = Int(min(limit.rlim_cur, rlim_t(Int.max))) - 64
    guard wanted > available, available > 0 else { return wanted }
    say(
      "--max-connections \(wanted) is above what the file-descriptor limit allows (ulimit -n \(limit.rlim_cur)); using \(available)"
    )
    return available
  }

  static func say(_ line: String) { FileHandle.standardError.write(Data("leio: \(line)\n".utf8)) }
}
