import Foundation

/// What one system produced, before it is packaged as a ``StagingResult``.
struct SystemOutcome: ~Copyable, Sendable {
  var system: StagingSystem
  var t: TCategory?
  var n: NCategory?
  var m: MCategory?
  var grade: GroupingGrade?
  var stageGroup: StageGroup
  var status: StageStatus
  var reason: String?
  var trace: Trace

  /// An outcome with no categories: the system does not apply or is not implemented.
  static func without(_ system: StagingSystem, _ status: StageStatus, reason: String, trace: Trace) -> SystemOutcome {
    var trace = trace
    trace.note("\(system.rawValue).applicability", "§1.4", reason, output: status.rawValue)
    return SystemOutcome(system: system, stageGroup: status == .notImplemented ? .unknown : .notApplicable,
                         status: status, reason: reason, trace: trace)
  }

  /// Sets the group and status from a stage table row.
  mutating func group(_ value: StageGroup, row: Int, of table: BoundTable<StageGroup>) {
    stageGroup = value
    if value == .unknown {
      status = .unknown
      reason = table.table.rows[row].because
    } else if table.qualifiers[row] == "substageUnknown" {
      status = .substageUnknown
      reason = table.table.rows[row].because
    } else {
      status = .computed
    }
  }

  func result(_ context: borrowing CaseContext, summary: SummaryStageResult) -> StagingResult {
    var trace = context.trace
    trace.append(self.trace)
    var decisions: [String] = []
    if trace.isRecording {
      for step in trace.steps { for id in step.decisions where !decisions.contains(id) { decisions.append(id) } }
    }
    return StagingResult(
      system: system, systemLabel: Self.label(system, context.group), siteGroup: context.group, t: t?.rawValue,
      n: n?.rawValue, m: m?.rawValue, grade: grade?.rawValue,
      stageGroup: stageGroup, status: status, reason: reason, summaryStage: summary,
      steps: trace.steps, warnings: trace.warnings, sources: trace.sources, decisions: decisions)
  }
}

extension SystemOutcome {
  /// The system and chapter in words.
  static func label(_ system: StagingSystem, _ group: SiteGroup?) -> String {
    switch system {
    case .ajcc7: group == .uterineCorpus ? "TNM 7 corpus uteri sarcoma (FIGO 2009 categories)" : "AJCC 7th edition, soft tissue sarcoma"
    case .ajcc8: AJCC8Staging.label(group)
    case .figo2009: "FIGO 2009 uterine LMS/ESS (current for LMS/ESS as of the sources checked)"
    }
  }
}

/// Checks shared by the systems.
enum StagingChecks {
  /// The unsuffixed parent of a T category (T2b → T2), or itself.
  static func base(_ t: TCategory) -> TCategory {
    switch t {
    case .t1a, .t1b: .t1
    case .t2a, .t2b: .t2
    case .t3a, .t3b: .t3
    case .t4a, .t4b, .t4c: .t4
    case .tx, .t0, .t1, .t2, .t3, .t4: t
    }
  }

  /// The T to use when a category is given: checks it is in the system's
  /// domain and agrees with the T that the facts give.
  static func direct(_ given: TCategory, domain: [TCategory], derived: TCategory, system: String,
                     _ trace: inout Trace) throws(StagingError) -> TCategory {
    guard domain.contains(given) else {
      throw .invalidValue(field: "t", value: given.rawValue, expected: ["one of the \(system) categories " + domain.map(\.rawValue).joined(separator: ", ")])
    }
    let compatible = derived == .tx || given == derived || base(given) == derived || base(derived) == given
    guard compatible else {
      throw .inconsistent(field: "t", message: "'\(given.rawValue)' contradicts the facts given, which make the tumour \(derived.rawValue) under \(system).")
    }
    trace.note("t", "§13", "T given as a category: \(given.rawValue)", output: given.rawValue)
    return given
  }

  /// Warns when `size` is within 0.5 mm of a cut-point of `table` (D-02).
  static func warnNearCutPoints(_ table: RuleTable, size: Double, _ trace: inout Trace) {
    guard trace.isRecording, !size.isNaN else { return }
    // 0.05 cm = 0.5 mm (D-02); the 1e-9 absorbs binary rounding of decimal sizes such as 4.95.
    for cut in table.cutPoints where abs(size - cut) <= 0.05 + 1e-9 {
      trace.warn("sizeAtCutPoint", "§0.3", "Size \(size.clinicalText) cm is within 0.5 mm of the \(cut.clinicalText) cm cut-point. T is assigned by exact comparison (≤ belongs to the lower category, D-01); AJCC's rounding rule could not be verified (U-11), so check the measured size (D-02).")
    }
  }
}
