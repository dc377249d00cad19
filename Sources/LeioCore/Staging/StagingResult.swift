import Foundation

/// How a system's stage group came out.
public enum StageStatus: String, Sendable, Hashable, Codable {
  /// A full stage group.
  case computed
  /// A stage number whose substage is unknown (`I`, `II`, `III`).
  case substageUnknown
  /// The group cannot be determined from the inputs; `reason` says why.
  case unknown
  /// The system gives categories but defines no stage group for the site.
  case noGroupDefined
  /// The system does not apply to this site or histology.
  case notApplicable
  /// The system applies, but the reference gives no rules Leio could implement.
  case notImplemented
}

/// SEER Summary Stage 2018 for a case.
public struct SummaryStageResult: Sendable, Hashable, Codable {
  /// The SEER code, or `nil` when not computed.
  public var code: SummaryStage?
  /// `localized`, `regional`, `distant`, `unknown`, or `notComputed`.
  public var category: SummaryStageCategory
  /// SEER's label, or why it was not computed.
  public var label: String
  /// Derived from a stage or from missing extension facts (D-17).
  public var estimated: Bool
  /// The rule steps ("why this summary stage").
  public var steps: [RuleStep]
  /// Plain explanations where this summary stage and a system's stage seem to disagree (``SummaryStageNotes``).
  public var notes: [SummaryStageNote] = []
}

/// One staging system's answer for a case, with its explanation.
///
/// The same value is the CLI's `--json` and the HTTP API's response.
public struct StagingResult: Sendable, Hashable, Codable {
  /// The system.
  public var system: StagingSystem
  /// The system and chapter in words.
  public var systemLabel: String
  /// The site group, when known.
  public var siteGroup: SiteGroup?
  /// T as the system reports it.
  public var t: TCategory?
  /// N as the system reports it.
  public var n: NCategory?
  /// M as the system reports it.
  public var m: MCategory?
  /// The grade the system uses, or `nil` where grade is not part of it.
  public var grade: GroupingGrade?
  /// The stage group, `unknown` or `notApplicable`.
  public var stageGroup: StageGroup
  /// How the group came out.
  public var status: StageStatus
  /// Why the group is unknown, not applicable or not implemented.
  public var reason: String?
  /// Summary stage (the same for every system of a case).
  public var summaryStage: SummaryStageResult
  /// The ordered rule steps.
  public var steps: [RuleStep]
  /// Warnings to show with the result.
  public var warnings: [StagingWarning]
  /// Source keys (reference Appendix A) of every rule used.
  public var sources: [String]
  /// DECISION identifiers applied.
  public var decisions: [String]
}

/// Every applicable system's answer for a case (reference D-29).
public struct StagingReport: Sendable, Hashable, Codable {
  /// The site group, when known.
  public var siteGroup: SiteGroup?
  /// Summary stage.
  public var summaryStage: SummaryStageResult
  /// One result per system.
  public var results: [StagingResult]
}
