import NIOConcurrencyHelpers

/// Copies the write-ahead log back into the database file in the background, from a connection of its own.
///
/// By default SQLite checkpoints in the connection that commits, once the log passes 1,000 pages: that commit then
/// copies the pages and flushes the database file while every write queued behind it waits. Leio's writer does not
/// checkpoint (`wal_autocheckpoint = 0`); this runs a PASSIVE checkpoint every ``interval`` instead, which copies what
/// no reader still needs without taking the write lock, so commits go on meanwhile. Often, so that each flush of the
/// database file is small: the commits' own flushes of the log wait behind it on the disk. In the registry benchmark
/// (60 s, SQLite) p99 was 136–281 ms with checkpoints in the commit, 135–144 ms with this every 250 ms, 40–87 ms
/// every 40 ms, and 40 ms with no checkpoint at all (the log then grows without bound). The log restarts from its
/// beginning once it has been copied entirely.
/// <https://www.sqlite.org/wal.html#ckpt>, <https://www.sqlite.org/pragma.html#pragma_wal_checkpoint>
final class SQLiteCheckpointer: Sendable {
  static let interval: Duration = .milliseconds(40)

  /// Checkpoints that found frames in the log, and the last one's log size and frames copied (in pages).
  private let statistics = NIOLockedValueBox((runs: 0, log: Int64(0), copied: Int64(0)))
  var progress: (runs: Int, log: Int64, copied: Int64) { statistics.withLockedValue { $0 } }
  private let connection: SQLiteConnection
  private let task: Task<Void, Never>

  init(connection: SQLiteConnection) {
    self.connection = connection
    let statistics = statistics
    task = Task {
      while !Task.isCancelled {
        try? await Task.sleep(for: Self.interval)
        guard !Task.isCancelled,
          let row = try? await connection.query("PRAGMA wal_checkpoint(PASSIVE)", []).first,
          let log = try? row.integer("log"), let copied = try? row.integer("checkpointed"), log > 0
        else { continue }
        statistics.withLockedValue { $0 = ($0.runs + 1, log, copied) }
      }
    }
  }

  /// Stops checkpointing and closes the connection (the last connection to close checkpoints what is left).
  func stop() async throws {
    task.cancel()
    await task.value
    try await connection.close()
  }
}
