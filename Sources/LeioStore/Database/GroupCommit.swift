/// How write transactions reach the disk (`leio serve --commit`).
public enum CommitMode: String, Sendable, CaseIterable {
  /// Every transaction commits on its own (one durable flush each), and an audited read writes its audit row in a
  /// write transaction of its own: Leio's behaviour before group commit, kept to measure against.
  case each
  /// Transactions that arrive while another commits share the next commit (one flush carries them all); each still
  /// returns only after that commit is durable. Audited reads read a snapshot, then append their audit rows to the
  /// shared commit. The default.
  case grouped
}

/// Group commit over one connection: the units of work that queue for the connection while it is busy run one after
/// another in one transaction, and the last of them commits it for all (the leader/follower scheme of database
/// logs).
///
/// A unit runs in its caller's task, holding the connection. When it finishes and nobody is queued behind it — or
/// the transaction holds ``maximumUnits`` units or is ``maximumDuration`` old — it commits, then wakes every unit
/// that waits for that commit; otherwise it leaves the transaction open to the next unit and waits. No unit returns
/// before the commit that carries its rows is durable, so the guarantee of a commit per request is kept while the
/// flushes are shared. A unit that throws is undone alone (`ROLLBACK TO` its savepoint) and fails alone; a failed
/// commit fails every unit of its transaction.
///
/// Related: PostgreSQL's `commit_delay` (<https://www.postgresql.org/docs/15/wal-configuration.html>), SQLite's
/// savepoints (<https://www.sqlite.org/lang_savepoint.html>).
final class GroupCommit: Sendable {
  let mode: CommitMode
  /// Units in one transaction at most: the commit is not put off for ever under a steady stream.
  let maximumUnits: Int
  /// Age of a transaction after which the next unit to finish commits it.
  let maximumDuration: Duration
  let statistics = CommitStatistics()
  private let gate = CommitGate()
  private let beginStatement: String
  /// The connection the transactions run on.
  private let db: any SQLExecutor

  init(
    mode: CommitMode, begin: String, executor: any SQLExecutor, maximumUnits: Int = 256,
    maximumDuration: Duration = .milliseconds(8)
  ) {
    (self.mode, beginStatement, db) = (mode, begin, executor)
    (self.maximumUnits, self.maximumDuration) = (maximumUnits, maximumDuration)
  }

  /// Runs `body` in the shared transaction and returns once that transaction is committed.
  /// - Parameter isolated: `true` for a unit that may throw after writing (it runs in a savepoint, undone alone);
  ///   `false` for appends whose failure means the connection failed (no savepoint: one statement fewer each).
  func run<T: Sendable>(isolated: Bool, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
    await gate.lock()
    do {
      if await !gate.isOpen {
        try await db.execute(beginStatement)
        await gate.opened()
      }
    } catch {
      await gate.unlock()
      throw error
    }
    let savepoint = mode == .grouped && isolated
    var outcome: Result<T, any Error>
    var broken: (any Error)?
    do {
      if savepoint { try await db.execute("SAVEPOINT leio_unit") }
      outcome = .success(try await body(db))
      if savepoint { try await db.execute("RELEASE leio_unit") }
    } catch {
      outcome = .failure(error)
      if savepoint {
        do {
          try await db.execute("ROLLBACK TO leio_unit")
          try await db.execute("RELEASE leio_unit")
        } catch { broken = error }
      } else {
        broken = error
      }
    }
    let (units, age, queued) = await gate.joined()
    if broken != nil || mode == .each || !queued || units >= maximumUnits || age >= maximumDuration {
      let failure = await finish(broken: broken)
      if case .success = outcome, let failure { throw failure }
      return try outcome.get()
    }
    // Someone is queued: they continue this transaction, and the last of them commits it.
    guard case .success(let value) = outcome else {
      await gate.unlock()  // a failed unit was undone alone; it need not wait
      return try outcome.get()
    }
    try await gate.awaitCommitAndUnlock()
    return value
  }

  /// Runs `body` holding the connection outside any transaction (a schema check, `VACUUM`, closing), after
  /// committing the open transaction if there is one.
  func exclusive<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    await gate.lock()
    do {
      if await gate.isOpen, let failure = await finish(broken: nil, unlock: false) { throw failure }
      let result = try await body()
      await gate.unlock()
      return result
    } catch {
      await gate.unlock()
      throw error
    }
  }

  /// Commits (or, when a unit broke the transaction, rolls back) and wakes the units that waited for it.
  /// - Returns: why the transaction did not commit, if it did not.
  private func finish(broken: (any Error)?, unlock: Bool = true) async -> (any Error)? {
    var failure = broken
    if failure == nil {
      do { try await db.execute("COMMIT") } catch { failure = error }
    }
    if failure != nil { try? await db.execute("ROLLBACK") }
    let (waiting, units) = await gate.closed()
    statistics.record(units: units, committed: failure == nil)
    for unit in waiting {
      if let failure { unit.resume(throwing: failure) } else { unit.resume() }
    }
    if unlock { await gate.unlock() }
    return failure
  }
}

/// The connection's lock (first come, first served) and its open transaction: who waits for its commit, how many
/// units it holds, since when.
private actor CommitGate {
  private var isLocked = false
  private var queue: [CheckedContinuation<Void, Never>] = []
  private var head = 0
  private(set) var isOpen = false
  private var openedAt = ContinuousClock.now
  private var units = 0
  private var waiting: [CheckedContinuation<Void, any Error>] = []

  func lock() async {
    guard isLocked else {
      isLocked = true
      return
    }
    await withCheckedContinuation { queue.append($0) }
  }

  func unlock() {
    guard head < queue.count else {
      isLocked = false
      queue.removeAll(keepingCapacity: true)
      head = 0
      return
    }
    let next = queue[head]
    head += 1
    next.resume()  // ownership passes to the next in line; the lock stays held
  }

  func opened() {
    (isOpen, openedAt, units) = (true, .now, 0)
  }

  /// Counts a unit into the open transaction.
  /// - Returns: its units so far, its age, and whether anyone is queued for the connection.
  func joined() -> (units: Int, age: Duration, queued: Bool) {
    units += 1
    return (units, ContinuousClock.now - openedAt, head < queue.count)
  }

  /// Leaves the transaction open for the next in line and waits until someone commits it.
  func awaitCommitAndUnlock() async throws {
    try await withCheckedThrowingContinuation { continuation in
      waiting.append(continuation)
      unlock()
    }
  }

  /// The transaction is over. - Returns: who waited for it, and how many units it carried.
  func closed() -> (waiting: [CheckedContinuation<Void, any Error>], units: Int) {
    isOpen = false
    defer { waiting.removeAll(keepingCapacity: true) }
    return (waiting, units)
  }
}
