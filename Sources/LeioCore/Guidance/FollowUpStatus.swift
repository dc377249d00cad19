import Foundation

/// What a follow-up event records (a registry's follow-up log).
public enum FollowUpEventKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// A clinic visit that took place.
  case visit
  /// A scan that took place.
  case imaging
  /// Recurrence found.
  case recurrence
  /// Last contact with the patient (alive).
  case lastContact
  /// Death.
  case death

  /// Whether the event is a follow-up visit of the schedule (a visit or a scan that took place).
  public var isScheduledVisit: Bool {
    switch self {
    case .visit, .imaging: true
    case .recurrence, .lastContact, .death: false
    }
  }
}

/// Where a case stands in its follow-up schedule, from what a registry recorded: the risk group and the next visit due.
public struct FollowUpStatus: Sendable, Hashable {
  /// The risk group of the case (§9.4).
  public let riskGroup: RiskGroup
  /// The first scheduled visit after the last one that took place (an overdue one if it was missed); `nil` after
  /// death or past the month-120 checkpoint.
  public let nextDue: CalendarDate?
}

extension FollowUp {
  /// The follow-up decision of a registry record.
  ///
  /// Month 0 is the last day of the latest treatment; visits and scans on or after it count as visits that took
  /// place; the next due is the first scheduled visit after the last one (an overdue one if it was missed). `nil`
  /// without a treatment date; no next visit after death or past the month-120 checkpoint.
  /// - Source: reference §9.4 (DECISION D-23).
  /// - Throws: ``StagingError`` as ``plan(for:treatmentEnd:today:lastVisit:)`` does.
  public static func status(
    for facts: CaseFacts, treatmentEnds: [CalendarDate], events: [(kind: FollowUpEventKind, date: CalendarDate)]
  ) throws -> FollowUpStatus? {
    guard let treatmentEnd = treatmentEnds.max() else { return nil }
    let lastVisit = events.filter { $0.kind.isScheduledVisit && $0.date >= treatmentEnd }.map(\.date).max()
    let plan = try plan(for: facts, treatmentEnd: treatmentEnd, lastVisit: lastVisit)
    if events.contains(where: { $0.kind == .death }) { return FollowUpStatus(riskGroup: plan.riskGroup, nextDue: nil) }
    let after = lastVisit ?? treatmentEnd
    return FollowUpStatus(riskGroup: plan.riskGroup, nextDue: plan.visits.first { $0.date > after }?.date)
  }
}
