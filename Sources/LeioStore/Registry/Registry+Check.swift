import Foundation
import LeioCore

extension Registry {
  /// Checks the database: the engine's own integrity check (SQLite `PRAGMA integrity_check` and
  /// `foreign_key_check`), and on both engines that every reference points at a record and every derived field is
  /// consistent. Returns the problems found (empty when sound).
  public func check() async throws -> [String] {
    let dialect = backend.dialect
    return try await backend.withoutTransaction { db in
      var problems: [String] = []
      if dialect == .sqlite {
        let integrity = try await db.query("PRAGMA integrity_check", []).compactMap {
          try $0.optionalText("integrity_check")
        }
        if integrity != ["ok"] { problems += integrity.map { "integrity_check: \($0)" } }
        let keys = try await db.query("PRAGMA foreign_key_check", [])
        if !keys.isEmpty { problems.append("foreign_key_check: \(keys.count) rows refer to missing records") }
      }
      let orphans = [
        (
          "tumour without patient",
          "SELECT count(*) AS n FROM tumour t LEFT JOIN patient p ON p.id = t.patient_id WHERE p.id IS NULL"
        ),
        (
          "treatment without tumour",
          "SELECT count(*) AS n FROM treatment r LEFT JOIN tumour t ON t.id = r.tumour_id WHERE t.id IS NULL"
        ),
        (
          "event without patient",
          "SELECT count(*) AS n FROM follow_up_event e LEFT JOIN patient p ON p.id = e.patient_id WHERE p.id IS NULL"
        ),
        (
          "event on another patient's tumour",
          "SELECT count(*) AS n FROM follow_up_event e JOIN tumour t ON t.id = e.tumour_id WHERE t.patient_id <> e.patient_id"
        ),
        (
          "record with version below 1",
          "SELECT (SELECT count(*) FROM patient WHERE version < 1) + (SELECT count(*) FROM tumour WHERE version < 1) AS n"
        ),
        (
          "duplicate patient identifier",
          "SELECT count(*) AS n FROM (SELECT lower(identifier) AS i FROM patient GROUP BY lower(identifier) HAVING count(*) > 1) d"
        ),
      ]
      for (label, sql) in orphans {
        let count = try await db.query(sql, []).first?.integer("n") ?? 0
        if count > 0 { problems.append("\(label): \(count)") }
      }
      if dialect == .sqlite {
        // The search index (trigrams) holds each patient once, under its current name and identifier.
        let stale =
          try await db.query(
            """
            WITH matched AS (SELECT count(*) AS m FROM patient_search s JOIN patient p ON p.id = s.id
              AND p.name = s.name AND p.identifier = s.identifier)
            SELECT (SELECT count(*) FROM patient) - m + (SELECT count(*) FROM patient_search) - m AS n FROM matched
            """, []
          ).first?.integer("n") ?? 0
        if stale != 0 { problems.append("patient search index out of step with the patients: \(stale)") }
      }
      let audit = try await db.query("SELECT count(*) AS n, COALESCE(max(seq), 0) AS top FROM audit_event", []).first
      if let audit, try audit.integer("top") < (try audit.integer("n")) {
        problems.append("audit_event sequence has gaps below its count")
      }
      // Every record as the API would accept it, every derived field derived again (the same checks as restore).
      func all<R: StoredRecord>(_ type: R.Type) async throws -> [R] {
        try await db.query("SELECT \(R.allColumns.joined(separator: ", ")) FROM \(R.table) ORDER BY created_at, id", [])
          .map(R.init(row:))
      }
      var consistency = RecordConsistency(
        patients: try await all(Patient.self), tumours: try await all(Tumour.self),
        treatments: try await all(Treatment.self), events: try await all(FollowUpEvent.self),
        accounts: try await all(Account.self))
      problems += consistency.problems().map(\.description)
      for tumour in consistency.restaged {
        problems.append(
          "tumour \(tumour.id): staged with older rules; the current rules (\(Staging.rulesVersion)) derive other values — save it again to restage"
        )
      }
      return problems
    }
  }

  /// Whether the database answers a query within `timeout` (`GET /readyz`): one trivial read, no table scanned; a
  /// database that hangs counts as not ready (the probe answers after `timeout` and leaves the read behind).
  public func ready(timeout: Duration = .seconds(2)) async -> Bool {
    let backend = self.backend
    let answer = ReadinessAnswer()
    return await withCheckedContinuation { continuation in
      Task {
        let ok =
          (try? await backend.read { db in try await db.query("SELECT 1 AS one", []).first?.integer("one") }) == 1
        await answer.give(ok, to: continuation)
      }
      Task {
        try? await Task.sleep(for: timeout)
        await answer.give(false, to: continuation)
      }
    }
  }

  /// How many live and deleted records of each kind there are.
  public func counts() async throws -> [String: Int64] {
    try await backend.read { db in
      var counts: [String: Int64] = [:]
      for table in ["patient", "tumour", "treatment", "follow_up_event", "account", "audit_event"] {
        counts[table] = try await db.query("SELECT count(*) AS n FROM \(table)", []).first?.integer("n") ?? 0
      }
      return counts
    }
  }
}

/// The first of the readiness probe's two answers (the query's or the timeout's); the other is dropped.
private actor ReadinessAnswer {
  private var given = false

  func give(_ value: Bool, to continuation: CheckedContinuation<Bool, Never>) {
    guard !given else { return }
    given = true
    continuation.resume(returning: value)
  }
}
