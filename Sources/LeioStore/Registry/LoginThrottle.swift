import Foundation
import LeioCore

/// Sign-in failure counting for one user name from one source address (table `login_throttle`).
///
/// The count is taken in one database transaction *before* the password is checked (a "claim"): the row is locked
/// by an upsert (PostgreSQL row lock; SQLite has one writer), read, and moved on. A claim that reaches the allowance
/// sets the lock at once, provisionally; a success clears it. So N parallel guesses count N, and once the allowance
/// is used up the rest are refused without reaching bcrypt.
///
/// Keyed by (SHA-256 of the normalised name, source): a guesser on another address cannot lock the real user out,
/// and names that do not exist are throttled exactly as those that do (so the lock-out does not reveal which
/// names exist). An admin lifts every lock of a name with ``Registry/unlockAccount(username:by:)``.
struct LoginThrottle: Sendable {
  let nameKey: String
  let source: String
  let policy: SecurityPolicy

  enum Claim: Sendable, Equatable {
    /// The attempt may check its password (and counts as a failure until it succeeds).
    case allowed
    /// Locked until this time (milliseconds); the password is not checked.
    case locked(until: Int64)
  }

  /// Counts one attempt, atomically; run inside a write transaction.
  func claim(_ db: any SQLExecutor, at time: Int64) async throws -> Claim {
    let row = try await db.query(
      """
      INSERT INTO login_throttle (name_key, source, failures, locked_until, updated_at) VALUES ($1, $2, 0, NULL, $3)
      ON CONFLICT (name_key, source) DO UPDATE SET updated_at = excluded.updated_at RETURNING failures, locked_until
      """, [.text(nameKey), .text(source), .integer(time)])
    guard let row = row.first else { throw RegistryError.corrupt(column: "login_throttle") }
    if let until = try row.optionalInteger("locked_until"), until > time { return .locked(until: until) }
    let failures = try row.integer("failures") + 1
    try await db.execute(
      "UPDATE login_throttle SET failures = $3, locked_until = $4 WHERE name_key = $1 AND source = $2",
      [.text(nameKey), .text(source), .integer(failures), .optional(lockUntil(failures: failures, at: time))])
    return .allowed
  }

  /// The lock that `failures` failures earn: none below the allowance, then the first lock, doubling with each
  /// further failure up to the maximum.
  func lockUntil(failures: Int64, at time: Int64) -> Int64? {
    let over = failures - policy.failuresBeforeLock
    guard over >= 0 else { return nil }
    return time + min(policy.maximumLockSeconds, policy.firstLockSeconds << min(over, 20)) * 1000
  }

  /// Clears this name and source after a correct password, and forgets stale rows of others (a day untouched and
  /// not locked).
  func succeeded(_ db: any SQLExecutor, at time: Int64) async throws {
    try await db.execute(
      "DELETE FROM login_throttle WHERE name_key = $1 AND source = $2", [.text(nameKey), .text(source)])
    try await db.execute(
      "DELETE FROM login_throttle WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $2)",
      [.integer(time - 86_400_000), .integer(time)])
  }

  /// The name as accounts store it (trimmed, lower case), whatever was typed; never refused here, so that a
  /// malformed name is counted and answered like any other.
  static func normalisedName(_ typed: String) -> String {
    String(typed.trimmingCharacters(in: .whitespaces).lowercased().prefix(256))
  }

  /// The audit log's name for a sign-in with no such account: a short excerpt, marked (people type passwords in
  /// the name field; a 60,000-character name must not be stored).
  static func unknownNameLabel(_ typed: String) -> String {
    "unknown:" + normalisedName(typed).excerpt(limit: 16)
  }
}
