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
  public static func stage(_ facts: CaseFacts, systems: [StagingSystem]? = nil, explain: Bool = true) throws -> StagingReport {
    try stageTyped(facts, systems: systems, explain: explain)
  }

  /// Validates `input` and stages it; see ``stage(_:systems:explain:)``.
  public static func stage(_ input: CaseInput, systems: [StagingSystem]? = nil, explain: Bool = true) throws -> StagingReport {
    try stageTyped(try CaseFacts(input), systems: systems, explain: explain)
  }

  /// Stages with the case's `system`, or else with the current standard for
  /// its site (one result); the rule of `leio batch stage`.
  public static func stageWithCurrentStandard(_ facts: CaseFacts, explain: Bool = false) throws -> StagingReport {
    try stageTyped(facts, systems: nil, explain: explain, currentStandardOnly: true)
  }

  static func stageTyped(_ facts: CaseFacts, systems: [StagingSystem]?, explain: Bool,
                         currentStandardOnly: Bool = false) throws(StagingError) -> StagingReport {
    let catalog = try catalog()
    if facts.t != nil, facts.system == nil, systems == nil, facts.site != .uterus, !currentStandardOnly {
      throw .missingValue(field: "system", message: "T categories differ between AJCC 7, AJCC 8 and FIGO 2009; give system (ajcc7, ajcc8 or figo2009) with t.")
    }
    let context = try CaseContext(facts, catalog: catalog, explain: explain)
    let chosen = systems ?? facts.system.map { [$0] }
      ?? (currentStandardOnly ? [currentStandard(for: context.site)] : (context.site == .uterus ? [.figo2009] : [.ajcc7, .ajcc8]))
    let summary = try SummaryStaging.stage(context, catalog)
    var results: [StagingResult] = []
    results.reserveCapacity(chosen.count)
    for system in chosen {
      let outcome = switch system {
      case .ajcc7: try AJCC7Staging.stage(context, catalog)
      case .ajcc8: try AJCC8Staging.stage(context, catalog)
      case .figo2009: try FIGO2009Staging.stage(context, catalog, as: .figo2009)
      }
      results.append(outcome.result(context, summary: summary))
    }
    return StagingReport(siteGroup: context.group, summaryStage: summary, results: results)
  }
}
