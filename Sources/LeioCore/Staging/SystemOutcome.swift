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
    return SystemOutcome(
      system: system, stageGroup: status == .notImplemented ? .unknown : .notApplicable,
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
      system: system, systemLabel: Self.label(system, context.group), siteGroup: context.group, t: t,
      n: n, m: m, grade: grade,
      stageGroup: stageGroup, status: status, reason: reason, summaryStage: summary,
      steps: trace.steps, warnings: trace.warnings, sources: trace.sources, decisions: decisions)
  }
}

extension SystemOutcome {
  /// The system and chapter in words.
  static func label(_ system: StagingSystem, _ group: SiteGroup?) -> String {
    switch system {
    case .ajcc7:
      group == .uterineCorpus
        ? "TNM 7 corpus uteri sarcoma (FIGO 2009 categories)" : "AJCC 7th edition, soft tissue sarcoma"
    case .ajcc8: AJCC8Staging.label(group)
    case .figo2009: "FIGO 2009 uterine LMS/ESS (current for LMS/ESS as of the sources checked)"
    }
  }
}

/// How a system derived T from the facts: the table, the facts as a mask, the size, and the result. Kept so that a
/// recorded T can be checked against exactly the facts that were given (cheap: one table reference and three values).
struct TDerivation {
  let table: BoundTable<TCategory>
  /// The facts, one bit per categorical column (a column whose fact was missing holds its "not recorded" code).
  let mask: UInt64
  /// Size in cm; NaN when not given.
  let number: Double
  /// T from the facts as given.
  let value: TCategory
}

/// What a recorded T is checked against, built only when a T was recorded: the derivation, which of its columns
/// hold facts that were not given, and the case field behind each column (for messages).
struct RecordedTCheck {
  let derivation: TDerivation
  /// Keys of the categorical columns whose fact was not given: any value is possible.
  let unknown: Set<String>
  /// Column key → the case field that fills it (`sizeCm` for the numeric column); a shared constant.
  let fields: [String: String]

  /// Whether some completion of the missing facts gives a T compatible with `given`.
  func admits(_ given: TCategory, unknown extra: Set<String> = [], anyNumber: Bool = false) -> Bool {
    let values = derivation.table.values
    return derivation.table.table.admits(
      derivation.mask, unknown: extra.isEmpty ? unknown : unknown.union(extra),
      number: anyNumber ? .nan : derivation.number
    ) { row in
      values[row].map { StagingChecks.compatible(given, $0) } ?? false
    }
  }

  /// The given facts that `given` contradicts: each one that, were it unknown, would allow `given`; when no single
  /// fact does (two facts both contradict it), every fact given.
  func contradicted(by given: TCategory, describe: [String: String]) -> [String] {
    let table = derivation.table.table
    func name(_ key: String) -> String? {
      guard let field = fields[key] else { return nil }
      return "\(field) \(describe[field] ?? "")".trimmingCharacters(in: .whitespaces)
    }
    let known = table.inputs.filter { $0.isNumeric ? !derivation.number.isNaN : !unknown.contains($0.key) }.map(\.key)
      .filter { $0 != "primary" || describe["primaryTumor"] != "'present'" }
    let single = known.filter { key in
      table.column(key)?.isNumeric == true ? admits(given, anyNumber: true) : admits(given, unknown: [key])
    }
    return (single.isEmpty ? known : single).compactMap { key in
      name(table.column(key)?.isNumeric == true ? "sizeCm" : key)
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

  /// Whether a recorded T and a T from the facts agree: equal, or one the unsuffixed parent of the other (T2 and
  /// T2a). TX agrees only with TX.
  static func compatible(_ given: TCategory, _ derived: TCategory) -> Bool {
    given == derived || base(given) == derived || base(derived) == given
  }

  /// The T to use when a category is given: checks it is in the system's domain and that the facts given allow it.
  ///
  /// The general rule (reference §4.1 registrar rule — "when a recorded stage and the extension details conflict,
  /// the details win" — applied to every system, issue 11): every part of a recorded category that the given facts
  /// decide (a size cut, depth, extent, invasion, multifocality, discontinuity) is checked against them, whichever
  /// other facts are missing. The category is accepted when some row of the system's T table gives a compatible
  /// category for the facts given, whatever the missing facts are; otherwise it is a field error on `t` that names
  /// the fact it contradicts.
  ///
  /// `describe` is asked only for an error message (the facts as messages name them), so that the accepted path
  /// allocates nothing.
  static func direct(
    _ given: TCategory, _ check: RecordedTCheck, system: String, describe: () -> [String: String],
    _ trace: inout Trace
  ) throws(StagingError) -> TCategory {
    let derivation = check.derivation
    guard derivation.table.outputDomain.contains(given) else {
      throw .invalidValue(
        field: "t", value: given.rawValue,
        expected: [
          "one of the \(system) categories " + derivation.table.outputDomain.map(\.rawValue).joined(separator: ", ")
        ])
    }
    guard !check.admits(given) else {
      trace.note(
        "t", "§13", "T given as a category: \(given.rawValue) (the facts given allow it)", output: given.rawValue)
      return given
    }
    let culprits = check.contradicted(by: given, describe: describe())
    let named = culprits.isEmpty ? "the facts given" : culprits.joined(separator: " and ")
    let result =
      derivation.value == .tx
      ? "no category compatible with it fits them" : "they make the tumour \(derivation.value.rawValue)"
    throw .inconsistent(
      field: "t",
      message:
        "'\(given.rawValue)' contradicts \(named) under \(system): \(result) (a recorded category must agree with the facts given, §4.1)."
    )
  }

  /// The more specific of a recorded T and the T from the facts, once they are known to agree: the facts' T when
  /// the recorded one is its unsuffixed parent (T2 recorded, facts give T2b), else the recorded one (it may carry
  /// what the facts do not say, such as multifocality).
  static func mostSpecific(given: TCategory?, derived: TCategory) -> TCategory {
    guard let given else { return derived }
    return derived != given && base(derived) == given ? derived : given
  }
  /// Warns when `size` is within 0.5 mm of a cut-point of `table` (D-02).
  static func warnNearCutPoints(_ table: RuleTable, size: Double, _ trace: inout Trace) {
    guard trace.isRecording, !size.isNaN else { return }
    // 0.05 cm = 0.5 mm (D-02); the 1e-9 absorbs binary rounding of decimal sizes such as 4.95.
    for cut in table.cutPoints where abs(size - cut) <= 0.05 + 1e-9 {
      trace.warn(
        "sizeAtCutPoint", "§0.3",
        "Size \(size.clinicalText) cm is within 0.5 mm of the \(cut.clinicalText) cm cut-point. T is assigned by exact comparison (≤ belongs to the lower category, D-01); AJCC's rounding rule could not be verified (U-11), so check the measured size (D-02)."
      )
    }
  }
}
