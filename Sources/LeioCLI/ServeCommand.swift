import ArgumentParser
import Foundation
import Hummingbird
import LeioCore
import LeioServer
import LeioStore
import LeioSurvival
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
  @Option(help: "How many fictional patients --demo seeds.") var demoPatients = 48
  @Option(help: "Seconds a client has to send a whole request (and an idle keep-alive connection stays open).")
  var requestTimeout = 30.0
  @Option(
    help:
      "Open connections allowed; more are answered 503 and closed (keep it below the file-descriptor limit, ulimit -n)."
  )
  var maxConnections = 1024
  @Option(
    help: ArgumentHelp(
      "How writes reach the disk: grouped (requests that arrive while one commits share the next commit; each is answered only once its rows, audit rows included, are durable) or each (one commit per request, as before group commit: for comparison).",
      valueName: "grouped|each"))
  var commit = CommitOption.grouped
  @Option(
    help:
      "Serve GET /metrics (Prometheus text format) on this port, apart from the application (off unless given).")
  var metricsPort: Int?
  @Option(help: "Address the metrics port listens on (keep it private: loopback or an internal network).")
  var metricsHost = "127.0.0.1"
  @Option(
    help: ArgumentHelp(
      "Log lines as text or as one JSON object each (request id, method, route, status, duration; never bodies or patient data).",
      valueName: "text|json"))
  var logFormat = LogFormat.text
  @Option(
    help: ArgumentHelp(
      "The address of a reverse proxy in front of Leio (repeatable): from it, X-Forwarded-For names the client and X-Forwarded-Proto: https makes cookies Secure. See docs/deployment.md.",
      valueName: "address"))
  var trustedProxy: [String] = []
  @Flag(help: .hidden) var benchmarkBaseline = false
  @Option(
    help:
      "A model file from `leio model fit` on `leio export outcomes` data: its statement, validation and caveat are shown on case pages to registry staff."
  )
  var prognosisModel: String?

  func validate() throws {
    guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
    guard (1...10_000).contains(demoPatients) else {
      throw ValidationError("--demo-patients must be between 1 and 10,000.")
    }
    guard requestTimeout >= 0.1, requestTimeout <= 3600 else {
      throw ValidationError("--request-timeout must be between 0.1 and 3600 seconds.")
    }
    guard (1...1_000_000).contains(maxConnections) else {
      throw ValidationError("--max-connections must be between 1 and 1,000,000.")
    }
    for address in trustedProxy where !ProxyMiddleware.isAddress(address) {
      throw ValidationError("--trusted-proxy '\(address.excerpt())' is not an IPv4 or IPv6 address.")
    }
    if let metricsPort {
      guard (1...65535).contains(metricsPort), metricsPort != port else {
        throw ValidationError("--metrics-port must be between 1 and 65535 and differ from --port.")
      }
    }
  }

  func run() async throws {
    if logFormat == .json { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
    let prognosis = try prognosisModel.map { path in try Self.loadModel(path) }
    var logger = Logger(label: "leio")
    logger.logLevel = .info
    // The start-up lines go where the log goes: JSON objects with --log-format json, plain lines otherwise.
    let say: (String) -> Void = logFormat == .json ? { [logger] in logger.info("\($0)") } : { Self.say($0) }
    try await store.withRegistry(commitMode: commit.mode) { registry in
      if demo {
        let added = try await DemoRegistry.seed(registry, patients: demoPatients, today: CalendarDate.today())
        let note =
          added > 0 ? "seeded \(added) fictional patients" : "the registry already had patients; nothing seeded"
        say("demo registry in \(registry.location): \(note)")
        say(
          "demo sign-in (fictional data only): "
            + DemoRegistry.accounts.map { "\($0.username) (\($0.role.rawValue))" }.joined(separator: ", ")
            + " — password: \(DemoRegistry.password)")
      } else if try await registry.accounts(by: .system("serve")).isEmpty {
        say(
          "no registry accounts yet: create the first admin with `leio user create --username NAME --role admin` (or start with --demo)"
        )
      }
      let limits = ConnectionLimits(
        requestTimeout: .milliseconds(Int64(requestTimeout * 1000)),
        maximumConnections: Self.connectionCap(maxConnections))
      let metrics = metricsPort.map { _ in ServerMetrics() }
      let app = buildApplication(
        host: host, port: port, logger: logger, baselineRoute: benchmarkBaseline, registry: registry, limits: limits,
        prognosis: prognosis, metrics: metrics, trustedProxies: Set(trustedProxy))
      say(
        "serving on http://\(host):\(port) — registry \(registry.location) (educational software, not a medical device)"
      )
      guard let metrics, let metricsPort else { return try await app.runService() }
      say("metrics on http://\(metricsHost):\(metricsPort)/metrics")
      let operations = buildMetricsApplication(
        host: metricsHost, port: metricsPort, logger: logger, metrics: metrics, registry: registry)
      // Both stop on SIGINT/SIGTERM; either one failing (a port in use) stops the other.
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService() }
        group.addTask { try await operations.runService() }
        try await group.next()
        group.cancelAll()
      }
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

  /// The model file, refused unless every covariate is a column of the outcomes dataset (the case page reads the
  /// tumour's row of it).
  static func loadModel(_ path: String) throws -> PrognosisModel {
    let model = try reportingErrors { try PrognosisModel.read(try Console.read(path)) }
    let unknown = model.terms.map(\.name).filter { !OutcomeDataset.columns.contains($0) }
    guard unknown.isEmpty else {
      throw Exit.translated(
        SurvivalInputError(
          message:
            "--prognosis-model: the model's covariates \(unknown.joined(separator: ", ")) are not columns of `leio export outcomes`; fit it on that dataset."
        ))
    }
    say(
      "prognosis model \(path.excerpt()): Cox on \(model.terms.map(\.name).joined(separator: ", ")), \(model.data.n) patients; shown on case pages"
    )
    return model
  }

  static func say(_ line: String) { FileHandle.standardError.write(Data("leio: \(line)\n".utf8)) }
}

/// `--log-format`.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// `--commit`: LeioStore's ``CommitMode``, as an argument.
enum CommitOption: String, ExpressibleByArgument, CaseIterable {
  case grouped, each
  var mode: CommitMode { self == .grouped ? .grouped : .each }
}
