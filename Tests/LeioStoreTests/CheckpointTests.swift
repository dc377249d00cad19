import Foundation
import Testing

@testable import LeioStore

/// SQLite's log is copied back in the background, never by a commit (a checkpoint in a commit stalls every write
/// queued behind it).
@Suite("SQLite background checkpoints")
struct CheckpointTests {
  @Test("the writer does not checkpoint; the background checkpointer copies the whole log while writes go on")
  func background() async throws {
    let database = try await TestBackend.sqlite.makeBackend()
    defer { Task { await database.cleanup() } }
    let backend = try #require(database.backend as? SQLiteBackend)
    let setting = try await backend.withoutTransaction { db in try await db.query("PRAGMA wal_autocheckpoint", []) }
    #expect(try setting.first?.integer("wal_autocheckpoint") == 0)
    try await backend.write { db in try await db.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)") }
    // About 4 MB of log: four times the 1,000 pages at which a commit would have checkpointed.
    for batch in 0..<40 {
      try await backend.write { db in
        for row in 0..<25 {
          try await db.execute(
            "INSERT INTO filler (id, text) VALUES ($1, $2)",
            [.integer(Int64(batch * 25 + row)), .text(String(repeating: "x", count: 4000))])
        }
      }
    }
    var statistics = backend.checkpointer.progress
    for _ in 0..<40 where statistics.runs == 0 || statistics.copied < statistics.log {
      try await Task.sleep(for: .milliseconds(100))
      statistics = backend.checkpointer.progress
    }
    // The log may have restarted between two checkpoints: what counts is that they ran and the last copied it all.
    #expect(statistics.runs > 0 && statistics.log > 0 && statistics.copied == statistics.log)
    let rows = try await backend.read { db in try await db.query("SELECT count(*) AS n FROM filler", []) }
    #expect(try rows.first?.integer("n") == 1000)
  }
}
