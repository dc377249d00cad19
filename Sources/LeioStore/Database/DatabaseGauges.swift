import NIOConcurrencyHelpers

/// Counts of commits and of how many units each carried, for `GET /metrics`.
public final class CommitStatistics: Sendable {
  /// Upper bounds of the batch-size histogram's buckets (units per commit).
  public static let bounds = [1, 2, 4, 8, 16, 32, 64, 128, 256]

  /// A copy of the counts.
  public struct Snapshot: Sendable, Hashable {
    /// Transactions committed (and failed).
    public var commits = 0
    public var failures = 0
    /// Units carried by committed transactions.
    public var units = 0
    /// Committed transactions of at most `bounds[i]` units, cumulative (Prometheus buckets); the last entry counts
    /// all.
    public var buckets = [Int](repeating: 0, count: CommitStatistics.bounds.count + 1)
  }

  private let counts = NIOLockedValueBox(Snapshot())

  func record(units: Int, committed: Bool) {
    counts.withLockedValue { counts in
      guard committed else {
        counts.failures += 1
        return
      }
      counts.commits += 1
      counts.units += units
      for (index, bound) in Self.bounds.enumerated() where units <= bound { counts.buckets[index] += 1 }
      counts.buckets[Self.bounds.count] += 1
    }
  }

  public var snapshot: Snapshot { counts.withLockedValue { $0 } }
}

/// The connections a backend has and the transactions that use or wait for them, for `GET /metrics`.
public final class PoolGauge: Sendable {
  /// Connections: SQLite's readers and its writer; PostgreSQL's pool size.
  public let size: Int
  private let active = NIOLockedValueBox(0)

  init(size: Int) { self.size = size }

  /// Transactions running or waiting for a connection now.
  public var inFlight: Int { active.withLockedValue { $0 } }

  func track<T>(_ body: () async throws -> T) async throws -> T {
    active.withLockedValue { $0 += 1 }
    defer { active.withLockedValue { $0 -= 1 } }
    return try await body()
  }
}
