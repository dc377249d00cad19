import Foundation

extension Staging {
  /// The system a registry row is staged with when it names none: the current
  /// standard for its site (FIGO 2009 for the uterus, AJCC 8 otherwise).
  public static func currentStandard(for site: Site?) -> StagingSystem {
    site == .uterus ? .figo2009 : .ajcc8
  }

  /// Stages a case with every applicable system, or with `systems`.
  ///
  /// ```swift
  /// var facts = CaseFacts()
  /// facts.site = .extremity; facts.sizeCm = 7.5; facts.depth = .deep
  /// facts.grade = .g3; facts.nodes = .n0; facts.metastasis = .m0
  /// let report = try Staging.stage(facts)
  /// report.results.map(\.stageGroup) // [.iii, .iiia]  (AJCC 7, AJCC 8)
  /// ```
  /// ```
  /// $ leio stage --site extremity --size 7.5 --depth deep --grade 3 --nodes N0 --metastasis M0
  /// ```
  /// - Parameters:
  ///   - facts: the validated case.
  ///   - systems: the systems to use; `nil` for the case's `system`, or else
  ///     every system that applies to the site (D-29).
  ///   - explain: record rule steps, warnings and sources (off for batch speed).
  /// - Throws: ``StagingError`` for invalid, inconsistent or out-of-scope input.
  public static func stage(_ facts: CaseFacts, systems: [StagingSystem]? = nil, explain: Bool = true) throws
    -> StagingReport
  {
    try stageTyped(facts, systems: systems, explain: explain)
  }

  /// Validates `input` and stages it; see ``stage(_:systems:explain:)-(CaseFacts,_,_)``.
  public static func stage(_ input: CaseInput, systems: [StagingSystem]? = nil, explain: Bool = true) throws
    -> StagingReport
  {
    try stageTyped(try CaseFacts(input), systems: systems, explain: explain)
  }

  /// Stages with the case's `system`, or else with the current standard for
  /// its site (one result); the rule of `leio batch stage`.
  public static func stageWithCurrentStandard(_ facts: CaseFacts, explain: Bool = false) throws -> StagingReport {
    try stageTyped(facts, systems: nil, explain: explain, currentStandardOnly: true)
  }

  /// The stage group and summary stage category of the system that batch
  /// staging uses (the case's `system`, or the current standard for its site),
  /// without building the explained result: the same pipeline, nothing packaged.
  ///
  /// - Throws: ``StagingError`` exactly as ``stage(_:systems:explain:)-(CaseFacts,_,_)`` does.
  public static func stageCodes(_ facts: CaseFacts) throws -> (
    stageGroup: StageGroup, summaryStage: SummaryStageCategory, summaryStageCode: SummaryStage?
  ) {
    var group = StageGroup.notApplicable
    let (_, summary) = try evaluate(facts, systems: nil, explain: false, currentStandardOnly: true) {
      _, _, outcome throws(StagingError) in
      group = outcome.stageGroup
    }
    return (group, summary.category, summary.code)
  }

  static func stageTyped(
    _ facts: CaseFacts, systems: [StagingSystem]?, explain: Bool,
    currentStandardOnly: Bool = false
  ) throws(StagingError) -> StagingReport {
    var results: [StagingResult] = []
    let (group, summary) = try evaluate(
      facts, systems: systems, explain: explain, currentStandardOnly: currentStandardOnly
    ) {
      context, summary, outcome throws(StagingError) in
      results.append(outcome.result(context, summary: summary))
    }
    var report = StagingReport(siteGroup: group, summaryStage: summary, results: results)
    if explain { SummaryStageNotes.annotate(&report, facts: facts) }
    return report
  }

  /// Validates the case, computes summary stage once, and hands each chosen
  /// system's outcome to `body` in order (AJCC 7, AJCC 8, FIGO 2009, or the
  /// order of `systems`).
  static func evaluate(
    _ facts: CaseFacts, systems: [StagingSystem]?, explain: Bool, currentStandardOnly: Bool,
    _ body: (borrowing CaseContext, SummaryStageResult, borrowing SystemOutcome) throws(StagingError) -> Void
  ) throws(StagingError) -> (SiteGroup?, SummaryStageResult) {
    let catalog = try catalog()
    if facts.t != nil, facts.system == nil, systems == nil, facts.site != .uterus, !currentStandardOnly {
      throw .missingValue(
        field: "system",
        message:
          "T categories differ between AJCC 7, AJCC 8 and FIGO 2009; give system (ajcc7, ajcc8 or figo2009) with t.")
    }
    let context = try CaseContext(facts, catalog: catalog, explain: explain)
    let summary = try SummaryStaging.stage(context, catalog)
    let requested = facts.system
    let site = context.site
    for system in systems ?? StagingSystem.allCases
    where systems != nil || isChosen(system, requested: requested, site: site, currentStandardOnly: currentStandardOnly)
    {
      var outcome = try stage(system, context, catalog)
      if context.facts.registry.metastasisUnknown { metastasisUnknown(&outcome) }
      try body(context, summary, outcome)
    }
    return (context.group, summary)
  }

  /// EOD Mets 99 (death certificate only): M is unknown, so no stage group can be assigned (M1 is not excluded).
  /// - Source: registry-codes §4 (EOD Mets 99); reference §2.3, §3.5, §4.2 (M1 decides the group first).
  private static func metastasisUnknown(_ outcome: inout SystemOutcome) {
    outcome.m = nil
    guard outcome.stageGroup != .notApplicable else { return }
    let reason = "EOD Mets 99 (death certificate only): distant metastasis unknown, so stage IV cannot be excluded"
    outcome.trace.note("registry.metastasisUnknown", "registry-codes §4", reason, output: "unknown")
    outcome.stageGroup = .unknown
    outcome.status = .unknown
    outcome.reason = reason
  }

  /// Whether `system` is staged when the caller names none (D-29; batch: the current standard).
  private static func isChosen(
    _ system: StagingSystem, requested: StagingSystem?, site: Site?, currentStandardOnly: Bool
  ) -> Bool {
    if let requested { return system == requested }
    if currentStandardOnly { return system == currentStandard(for: site) }
    return site == .uterus ? system == .figo2009 : system != .figo2009
  }

  private static func stage(_ system: StagingSystem, _ context: borrowing CaseContext, _ catalog: StagingCatalog)
    throws(StagingError) -> SystemOutcome
  {
    switch system {
    case .ajcc7: try AJCC7Staging.stage(context, catalog)
    case .ajcc8: try AJCC8Staging.stage(context, catalog)
    case .figo2009: try FIGO2009Staging.stage(context, catalog, as: .figo2009)
    }
  }
}
