import Foundation
public import LeioStore
import NIOConcurrencyHelpers

/// What `GET /metrics` reports, in the Prometheus text format (version 0.0.4): requests by method, route template
/// and status with their latency histograms, and — with a registry — the database pool, the sizes of group
/// commits, sign-in failures and the rows of the audit log.
///
/// Labels are route templates (`/api/v1/patients/{id}`), methods and status codes only: never an id, a query, a
/// body or anything else a request carried. Related: <https://prometheus.io/docs/instrumenting/exposition_formats/>.
public final class ServerMetrics: Sendable {
  /// Upper bounds of the latency buckets, in seconds.
  public static let latencyBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

  struct Key: Hashable, Comparable {
    let method: String
    let route: String
    let status: Int

    static func < (a: Key, b: Key) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
  }

  struct Series {
    var count = 0
    var sum = 0.0
    /// Non-cumulative counts per bucket; the last one is +Inf.
    var buckets = [Int](repeating: 0, count: ServerMetrics.latencyBounds.count + 1)
  }

  private let series = NIOLockedValueBox<[Key: Series]>([:])

  public init() {}

  /// Counts one answered request.
  public func record(method: String, route: String, status: Int, seconds: Double) {
    let bucket = Self.latencyBounds.firstIndex { seconds <= $0 } ?? Self.latencyBounds.count
    let key = Key(method: method, route: route, status: status)
    series.withLockedValue { all in
      var series = all.removeValue(forKey: key) ?? Series()
      series.count += 1
      series.sum += seconds
      series.buckets[bucket] += 1
      all[key] = series
    }
  }

  /// The exposition: the request series, then the registry's figures when there is a registry.
  public func render(registry: Registry?) async -> String {
    var text = ""
    let snapshot = series.withLockedValue { $0 }.sorted { $0.key < $1.key }
    text += "# HELP leio_http_requests_total Requests answered, by method, route template and status.\n"
    text += "# TYPE leio_http_requests_total counter\n"
    for (key, value) in snapshot { text += "leio_http_requests_total{\(labels(key))} \(value.count)\n" }
    text +=
      "# HELP leio_http_request_duration_seconds Time to answer a request, by method, route template and status.\n"
    text += "# TYPE leio_http_request_duration_seconds histogram\n"
    for (key, value) in snapshot {
      var cumulative = 0
      for (index, bound) in Self.latencyBounds.enumerated() {
        cumulative += value.buckets[index]
        text += "leio_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(cumulative)\n"
      }
      text += "leio_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(value.count)\n"
      text += "leio_http_request_duration_seconds_sum{\(labels(key))} \(value.sum)\n"
      text += "leio_http_request_duration_seconds_count{\(labels(key))} \(value.count)\n"
    }
    if let registry { text += await Self.registryFigures(registry) }
    return text
  }

  private func labels(_ key: Key) -> String {
    "method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\""
  }

  static func registryFigures(_ registry: Registry) async -> String {
    var text = ""
    let pool = registry.pool
    text += gauge("leio_db_pool_connections", "Database connections (SQLite: readers and the writer).", pool.size)
    text += gauge(
      "leio_db_transactions_in_flight", "Database transactions running or waiting for a connection now.",
      pool.inFlight)
    text += gauge(
      "leio_db_group_commit", "1 when concurrent transactions share commits (leio serve --commit grouped).",
      registry.commitMode == .grouped ? 1 : 0)
    text += batches(
      "leio_db_commit", "transactions", "Write transactions carried by each commit (SQLite shares commits).",
      registry.commitStatistics)
    text += batches(
      "leio_audit_append", "requests", "Requests whose audit rows each group-committed flush carried.",
      registry.appendStatistics)
    text += "# HELP leio_signin_failures_total Sign-ins refused by this process, by reason.\n"
    text += "# TYPE leio_signin_failures_total counter\n"
    let failures = registry.signInFailureCounts
    for reason in ["locked", "password"] {
      text += "leio_signin_failures_total{reason=\"\(reason)\"} \(failures[reason] ?? 0)\n"
    }
    if let rows = try? await registry.auditRowCount() {
      text += gauge("leio_audit_log_rows", "Rows in the audit log (written by every server on this database).", rows)
    }
    return text
  }

  static func gauge(_ name: String, _ help: String, _ value: some BinaryInteger) -> String {
    "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
  }

  /// `PREFIX_batch_UNIT` (a histogram of units per commit) and `PREFIX_failures_total`.
  static func batches(_ prefix: String, _ unit: String, _ help: String, _ statistics: CommitStatistics.Snapshot)
    -> String
  {
    let name = "\(prefix)_batch_\(unit)"
    var text = "# HELP \(name) \(help)\n# TYPE \(name) histogram\n"
    for (index, bound) in CommitStatistics.bounds.enumerated() {
      text += "\(name)_bucket{le=\"\(bound)\"} \(statistics.buckets[index])\n"
    }
    text += "\(name)_bucket{le=\"+Inf\"} \(statistics.commits)\n"
    text += "\(name)_sum \(statistics.units)\n\(name)_count \(statistics.commits)\n"
    text += "# HELP \(prefix)_failures_total Commits that failed (every unit they carried was refused).\n"
    text += "# TYPE \(prefix)_failures_total counter\n\(prefix)_failures_total \(statistics.failures)\n"
    return text
  }

  /// A label value as the format wants it: backslash, double quote and line feed escaped.
  static func escape(_ value: String) -> String {
    value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n")
  }
}
