import NIOConcurrencyHelpers

/// Audit rows of concurrent requests, written together: while one flush is under way the rows that arrive wait, and
/// the next flush inserts all of them with one multi-row `INSERT` in one transaction — one commit, one round trip to
/// PostgreSQL, however many requests. Each `append` returns only once the flush that carried its rows has committed
/// (or fails with the flush's error).
final class AuditAppender: Sendable {
  /// Rows per `INSERT` statement (8 parameters each: within SQLite's and PostgreSQL's limits on parameters).
  static let rowsPerStatement = 500
  static let columns = "at, account_id, username, action, entity, entity_id, remote, detail"
  static let width = 8

  let statistics = CommitStatistics()
  private let state = NIOLockedValueBox(State())
  /// Runs a transaction (the backend's write) that inserts the rows.
  private let transaction: @Sendable (@escaping @Sendable (any SQLExecutor) async throws -> Void) async throws -> Void

  private struct State {
    var pending: [(rows: [[SQLValue]], continuation: CheckedContinuation<Void, any Error>)] = []
    var flushing = false
  }

  init(
    transaction: @escaping @Sendable (@escaping @Sendable (any SQLExecutor) async throws -> Void) async throws -> Void
  ) {
    self.transaction = transaction
  }

  /// Appends `rows` (each the 8 values of ``columns``) and returns once they are committed.
  func append(_ rows: [[SQLValue]]) async throws {
    guard !rows.isEmpty else { return }
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      let start = state.withLockedValue { state in
        state.pending.append((rows, continuation))
        defer { state.flushing = true }
        return !state.flushing
      }
      if start { Task { await self.drain() } }
    }
  }

  private func drain() async {
    while true {
      let batch = state.withLockedValue { state in
        defer { state.pending.removeAll(keepingCapacity: true) }
        if state.pending.isEmpty { state.flushing = false }
        return state.pending
      }
      guard !batch.isEmpty else { return }
      let rows = batch.flatMap(\.rows)
      do {
        try await transaction { db in try await Self.insert(rows, db) }
        statistics.record(units: batch.count, committed: true)
        for waiting in batch { waiting.continuation.resume() }
      } catch {
        statistics.record(units: batch.count, committed: false)
        for waiting in batch { waiting.continuation.resume(throwing: error) }
      }
    }
  }

  static func insert(_ rows: [[SQLValue]], _ db: any SQLExecutor) async throws {
    var start = 0
    while start < rows.count {
      let chunk = rows[start..<min(rows.count, start + rowsPerStatement)]
      var sql = "INSERT INTO audit_event (\(columns)) VALUES "
      var binds: [SQLValue] = []
      binds.reserveCapacity(chunk.count * width)
      for (index, row) in chunk.enumerated() {
        let base = index * width
        sql += (index == 0 ? "(" : ", (") + (1...width).map { "$\(base + $0)" }.joined(separator: ", ") + ")"
        binds.append(contentsOf: row)
      }
      try await db.execute(sql, binds)
      start += chunk.count
    }
  }
}
