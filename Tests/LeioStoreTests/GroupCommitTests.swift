import Foundation
import LeioCore
import NIOConcurrencyHelpers
import Testing

@testable import LeioStore

/// Group commit (issue 17 §1): concurrent transactions and audit rows share commits, each request is answered only
/// after the commit that carries it, and a unit that fails is undone alone.
@Suite("Group commit")
struct GroupCommitTests {
  /// Concurrent traffic like the load benchmark's (case files, searches, new patients) on one registry.
  static func traffic(_ registry: Registry, requests: Int) async throws -> (reads: Int, lists: Int, creates: Int) {
    var ids: [String] = []
    for index in 0..<16 {
      ids.append(
        try await registry.createPatient(
          Patient(identifier: "GC-SEED-\(index)", name: "Seed patient \(index) (fictional)"), by: tester
        ).id)
    }
    let seeded = ids
    return try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<requests {
        group.addTask {
          switch index % 10 {
          case 0:
            _ = try await registry.createPatient(
              Patient(identifier: "GC-NEW-\(index)", name: "New patient (fictional)"), by: tester)
            return 2
          case 1, 2:
            _ = try await registry.patients(PatientQuery(text: "seed", limit: 5), by: tester)
            return 1
          default:
            let file = try await registry.file(seeded[index % seeded.count], by: tester)
            #expect(file.patient.id == seeded[index % seeded.count])
            return 0
          }
        }
      }
      var counts = (reads: 0, lists: 0, creates: 0)
      for try await kind in group {
        switch kind {
        case 0: counts.reads += 1
        case 1: counts.lists += 1
        default: counts.creates += 1
        }
      }
      return counts
    }
  }

  @Test(
    "every acknowledged read and write has its audit row, and grouped commits carry many units each",
    arguments: TestBackend.available, CommitMode.allCases)
  func auditRowsOfConcurrentTraffic(kind: TestBackend, mode: CommitMode) async throws {
    try await withRegistry(kind, commitMode: mode) { registry in
      let before = registry.commitStatistics
      let appendsBefore = registry.appendStatistics
      let counts = try await Self.traffic(registry, requests: 400)
      let after = registry.commitStatistics
      let appends = registry.appendStatistics
      let audit = try await registry.export(by: .system("check")).audit.filter { $0.username == tester.username }
      #expect(audit.filter { $0.action == "read" && $0.detail == "case file" }.count == counts.reads)
      #expect(audit.filter { $0.action == "list" }.count == counts.lists)
      #expect(audit.filter { $0.action == "create" && $0.detail == "version 1" }.count == counts.creates + 16)
      #expect(after.failures == before.failures)
      let commits = after.commits - before.commits
      let units = after.units - before.units
      switch mode {
      case .each:
        // One commit per unit, every one of size 1.
        #expect(commits == units)
        #expect(after.buckets[0] - before.buckets[0] == commits)
        #expect(appends == appendsBefore)
      case .grouped:
        // The reads' audit rows queue while a flush commits and share the next one; on SQLite the writes (and the
        // flushes) also share commits.
        #expect(appends.units - appendsBefore.units == counts.reads + counts.lists)
        #expect(appends.commits - appendsBefore.commits < counts.reads + counts.lists, "no audit rows were grouped")
        #expect(appends.failures == 0)
        if kind == .sqlite { #expect(commits < units, "commits \(commits) for \(units) units: nothing was grouped") }
      }
    }
  }

  @Test("a unit that fails in a shared transaction is undone alone", arguments: TestBackend.available)
  func failingUnitsAreIsolated(kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let first = try await registry.createPatient(
        Patient(identifier: "GC-DUP-0", name: "Taken (fictional)"), by: tester)
      let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
        for index in 0..<120 {
          group.addTask {
            // Every third identifier is taken already: refused; the others are created.
            let identifier = index % 3 == 0 ? "GC-DUP-0" : "GC-OK-\(index)"
            do {
              _ = try await registry.createPatient(Patient(identifier: identifier, name: "P (fictional)"), by: tester)
              return (index, true)
            } catch RegistryError.duplicate {
              return (index, false)
            }
          }
        }
        var outcomes: [Int: Bool] = [:]
        for try await (index, created) in group { outcomes[index] = created }
        return outcomes
      }
      for (index, created) in outcomes { #expect(created == (index % 3 != 0), "request \(index)") }
      let stored = try await registry.export(by: .system("check")).patients.map(\.identifier)
      #expect(Set(stored) == Set(["GC-DUP-0"] + (0..<120).filter { $0 % 3 != 0 }.map { "GC-OK-\($0)" }))
      #expect(stored.count == 81)
      // Concurrent edits of one version: exactly one wins, however the transactions were grouped.
      let results = await withTaskGroup(of: Bool.self) { group in
        for index in 0..<12 {
          group.addTask {
            var edit = first
            edit.name = "Edited \(index) (fictional)"
            return (try? await registry.updatePatient(edit, by: tester)) != nil
          }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      #expect(results.filter { $0 }.count == 1)
    }
  }

  @Test("no unit returns before the commit that carries it; a failed commit fails every unit it carried")
  func acknowledgementFollowsCommit() async throws {
    for failCommit in [false, true] {
      let log = NIOLockedValueBox<[String]>([])
      let executor = ScriptedExecutor(log: log, failCommit: failCommit)
      let commits = GroupCommit(mode: .grouped, begin: "BEGIN", executor: executor)
      let results = await withTaskGroup(of: Bool.self) { group in
        for index in 0..<50 {
          group.addTask {
            do {
              try await commits.run(isolated: index % 2 == 0) { db in try await db.execute("INSERT \(index)") }
              log.withLockedValue { $0.append("ack \(index)") }
              return true
            } catch {
              return false
            }
          }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
      }
      let lines = log.withLockedValue { $0 }
      // Each acknowledgement comes after a COMMIT that follows its INSERT.
      for index in 0..<50 {
        guard let ack = lines.firstIndex(of: "ack \(index)") else { continue }
        let insert = try #require(lines.firstIndex(of: "INSERT \(index)"))
        #expect(lines[insert..<ack].contains("COMMIT"), "unit \(index) acknowledged before its commit")
      }
      let statistics = commits.statistics.snapshot
      if failCommit {
        #expect(results.allSatisfy { !$0 }, "a unit was acknowledged although its commit failed")
        #expect(statistics.commits == 0 && statistics.failures > 0)
      } else {
        #expect(results.allSatisfy { $0 })
        #expect(statistics.units == 50)
        #expect(statistics.commits < 50, "the slow commits should have gathered units: \(statistics)")
      }
      // Units that failed alone would have rolled back to their savepoint; none did here.
      #expect(!lines.contains("ROLLBACK TO leio_unit"))
    }
  }
}

/// An executor that records statements; its commits take a while (as a flush does) and can be made to fail.
struct ScriptedExecutor: SQLExecutor {
  let log: NIOLockedValueBox<[String]>
  let failCommit: Bool

  struct CommitFailed: Error {}

  func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
    if sql == "COMMIT" {
      try await Task.sleep(for: .milliseconds(5))
      if failCommit { throw CommitFailed() }
    }
    log.withLockedValue { $0.append(sql) }
    return []
  }
}
