/// A first-come, first-served mutual exclusion lock for async code: the SQLite writer connection is used by one
/// transaction at a time, in arrival order (an actor alone would interleave transactions at every `await`).
actor AsyncLock {
  private var isLocked = false
  private var waiters: [CheckedContinuation<Void, Never>] = []
  private var head = 0

  func lock() async {
    guard isLocked else {
      isLocked = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  func unlock() {
    guard head < waiters.count else {
      isLocked = false
      waiters.removeAll(keepingCapacity: true)
      head = 0
      return
    }
    let next = waiters[head]
    head += 1
    next.resume()  // ownership passes to the next waiter; the lock stays held
  }

  /// Runs `body` holding the lock.
  nonisolated func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    await lock()
    do {
      let result = try await body()
      await unlock()
      return result
    } catch {
      await unlock()
      throw error
    }
  }
}
