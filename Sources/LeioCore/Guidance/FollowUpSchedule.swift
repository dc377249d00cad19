import Foundation

/// One visit of a schedule, in months after the end of primary treatment (no date).
public struct ScheduledVisit: Sendable, Hashable, Codable {
  /// Months after the end of primary treatment.
  public let month: Int
  /// The tests, in words.
  public let tests: [String]
  /// Month 120: continue or stop as the team advises (§9.4 endRule).
  public let isCheckpoint: Bool
}

/// A case's follow-up schedule before it is dated: the same visits as ``FollowUpPlan``, counted in months after the end
/// of primary treatment.
/// - Source: reference §9.4 (DECISION D-23).
public struct FollowUpSchedule: Sendable, Hashable, Codable {
  /// The risk group that chose the schedule (§9.4).
  public let riskGroup: RiskGroup
  /// The risk group in words.
  public let riskGroupLabel: String
  /// Why this risk group.
  public let reason: String
  /// True when the risk group is a conservative default (unknown grade, RG-UNK).
  public let flagged: Bool
  /// The visits, in month order.
  public let visits: [ScheduledVisit]
  /// "Typical guideline-based schedule; your team may differ."
  public let label: String
  /// What happens after the last scheduled visit (§9.4).
  public let endRule: String
  /// The version of the shipped schedules.
  public let scheduleVersion: String
  /// Source keys (reference Appendix A).
  public let sources: [String]
}
