import Foundation

/// One follow-up visit of a plan.
public struct FollowUpVisit: Sendable, Hashable, Codable {
  /// Months after the end of primary treatment.
  public let month: Int
  /// The visit's date.
  public let date: CalendarDate
  /// The tests, in words.
  public let tests: [String]
  /// Where the visit stands on the reference date; `nil` without one.
  public let status: VisitStatus?
  /// Month 120: continue or stop as the team advises (§9.4 endRule).
  public let isCheckpoint: Bool
}

/// Where a visit of a plan stands on the reference date ("today").
public enum VisitStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Before today, on or before the last visit that took place.
  case done
  /// Before today and after the last visit that took place: missed.
  case overdue
  /// Before today, with no last visit given.
  case past
  /// Within ``FollowUp/dueWindowDays`` days from today.
  case due
  /// Later.
  case upcoming
}

/// The follow-up risk group of reference §9.4, which picks the schedule.
/// - Source: reference §9.4 (DECISION D-23).
public enum RiskGroup: String, Sendable, Hashable, Codable, CaseIterable {
  /// Uterine LMS.
  case uterine = "RG-UT"
  /// Retroperitoneal, peritoneal or visceral site.
  case abdominal = "RG-AB"
  /// Grade 2–3 or stage II or higher outside the uterus (and the conservative default when unknown).
  case higher = "RG-HI"
  /// Grade 1 and stage I outside the uterus.
  case lower = "RG-LO"
}

/// A dated follow-up schedule for a case.
public struct FollowUpPlan: Sendable, Hashable, Codable {
  /// The risk group that chose the schedule (§9.4).
  public let riskGroup: RiskGroup
  /// The risk group in words.
  public let riskGroupLabel: String
  /// Why this risk group.
  public let reason: String
  /// True when the risk group is a conservative default (unknown grade, RG-UNK).
  public let flagged: Bool
  /// End of primary treatment: month 0 of the schedule.
  public let treatmentEnd: CalendarDate
  /// The reference date the visit statuses are relative to.
  public let today: CalendarDate?
  /// The last visit that took place, when given.
  public let lastVisit: CalendarDate?
  /// The visits, in date order.
  public let visits: [FollowUpVisit]
  /// "Typical guideline-based schedule; your team may differ."
  public let label: String
  /// What happens after the last scheduled visit (§9.4).
  public let endRule: String
  /// The version of the shipped schedules.
  public let scheduleVersion: String
  /// Source keys (reference Appendix A).
  public let sources: [String]
}

/// Follow-up plans from the default schedules of reference §9.4 (DECISION D-23).
///
/// ```
/// $ leio plan --input Examples/extremity-lms.json --treatment-end 2026-01-15 --today 2026-11-23 --ics plan.ics
/// ```
/// - Source: reference §9.1–§9.5 `[BCCANCER-FU]` `[ESMO-2010-KICK]` `[MEMO-2014]` `[AGO-AT]` `[CORR-FU]` `[MSKCC-FU]`.
public enum FollowUp {
  struct Rule: Decodable, Sendable {
    let fromMonth: Int
    let toMonth: Int?
    let everyMonths: Int
    let tests: [String]
  }

  struct Document: Decodable, Sendable {
    let version: String
    let sources: [String]
    let label: String
    let riskGroups: [String: String]
    let tests: [String: String]
    let schedules: [String: [Rule]]
    let checkpointMonth: Int
    let endRule: String
  }

  /// Days ahead in which a visit counts as due (as the registry's dashboard).
  public static let dueWindowDays = 30

  private static let loaded = KnowledgeResource.decode("surveillance", as: Document.self)

  /// The plan for a case.
  ///
  /// - Parameters:
  ///   - facts: the case.
  ///   - treatmentEnd: end of primary treatment (month 0).
  ///   - today: marks visits `due` (within 30 days), `upcoming`, and past ones.
  ///   - lastVisit: the last visit that took place; later past visits are `overdue`, earlier ones `done`.
  /// - Throws: ``StagingError`` as staging does, or when the dates are inconsistent.
  public static func plan(
    for facts: CaseFacts, treatmentEnd: CalendarDate, today: CalendarDate? = nil,
    lastVisit: CalendarDate? = nil
  ) throws -> FollowUpPlan {
    if let lastVisit {
      guard lastVisit >= treatmentEnd else {
        throw StagingError.inconsistent(
          field: "lastVisit", message: "the last visit (\(lastVisit)) is before the end of treatment (\(treatmentEnd))."
        )
      }
      if let today, lastVisit > today {
        throw StagingError.inconsistent(
          field: "lastVisit", message: "the last visit (\(lastVisit)) is after today (\(today)).")
      }
    }
    let schedule = try self.schedule(for: facts)
    let visits = schedule.visits.map { visit -> FollowUpVisit in
      let date = treatmentEnd.adding(months: visit.month)
      return FollowUpVisit(
        month: visit.month, date: date, tests: visit.tests,
        status: status(date, today: today, lastVisit: lastVisit), isCheckpoint: visit.isCheckpoint)
    }
    return FollowUpPlan(
      riskGroup: schedule.riskGroup, riskGroupLabel: schedule.riskGroupLabel, reason: schedule.reason,
      flagged: schedule.flagged, treatmentEnd: treatmentEnd, today: today, lastVisit: lastVisit, visits: visits,
      label: schedule.label, endRule: schedule.endRule, scheduleVersion: schedule.scheduleVersion,
      sources: schedule.sources)
  }

  /// The schedule for a case without dates: each visit in months after the end of primary treatment (what the care
  /// summary shows when no end date is given).
  ///
  /// - Throws: ``StagingError`` as staging does.
  public static func schedule(for facts: CaseFacts) throws -> FollowUpSchedule {
    let document = try loaded.get()
    let (group, reason, flagged) = try riskGroup(facts)
    guard let rules = document.schedules[group.rawValue] else {
      throw KnowledgeError.malformed("no schedule for \(group.rawValue)")
    }
    var byMonth: [Int: [String]] = [:]
    for rule in rules {
      var month = rule.fromMonth + rule.everyMonths
      while month <= min(rule.toMonth ?? document.checkpointMonth, document.checkpointMonth) {
        for test in rule.tests where !(byMonth[month] ?? []).contains(test) { byMonth[month, default: []].append(test) }
        month += rule.everyMonths
      }
    }
    // Tests in a visit follow their first appearance in the schedule (history and examination first).
    var canonical: [String] = []
    for test in rules.flatMap(\.tests) where !canonical.contains(test) { canonical.append(test) }
    let visits = byMonth.keys.sorted().map { month -> ScheduledVisit in
      let tests = (byMonth[month] ?? []).sorted {
        (canonical.firstIndex(of: $0) ?? 0) < (canonical.firstIndex(of: $1) ?? 0)
      }
      return ScheduledVisit(
        month: month, tests: tests.map { document.tests[$0] ?? $0 }, isCheckpoint: month == document.checkpointMonth)
    }
    return FollowUpSchedule(
      riskGroup: group, riskGroupLabel: document.riskGroups[group.rawValue] ?? group.rawValue, reason: reason,
      flagged: flagged, visits: visits, label: document.label, endRule: document.endRule,
      scheduleVersion: document.version, sources: document.sources)
  }

  static func status(_ date: CalendarDate, today: CalendarDate?, lastVisit: CalendarDate?) -> VisitStatus? {
    guard let today else { return nil }
    if date < today {
      guard let lastVisit else { return .past }
      return date <= lastVisit ? .done : .overdue
    }
    return date.dayNumber - today.dayNumber <= dueWindowDays ? .due : .upcoming
  }

  /// Risk-group assignment, first match (reference §9.4).
  static func riskGroup(_ facts: CaseFacts) throws -> (RiskGroup, String, Bool) {
    let report = try Staging.stage(facts, systems: [Staging.currentStandard(for: facts.site)], explain: false)
    switch report.siteGroup {
    case .uterineCorpus?: return (.uterine, "Uterine LMS (§9.4 rule 1)", false)
    case .retroperitoneum?, .visceral?, .heartMediastinumPleura?:
      return (.abdominal, "Retroperitoneal, peritoneal or visceral site (§9.4 rule 2)", false)
    case .trunkAndExtremities?, .headAndNeck?, .cervix?, .otherGynaecologic?, .skin?, .bone?, .orbit?, .other?, nil:
      break
    }
    let result = report.results.first
    switch result?.grade {
    case .g2?, .g3?, .high?:
      return (.higher, "Grade \(result?.grade?.rawValue ?? "") (§9.4 rule 3)", false)
    case .g1?, .gx?, nil: break
    }
    if let rank = result?.stageGroup.rank, rank >= (StageGroup.ii.rank ?? 3) {
      return (.higher, "AJCC 8 stage \(result?.stageGroup.rawValue ?? "") (§9.4 rule 3)", false)
    }
    if result?.grade == .g1, let stage = result?.stageGroup, [.ia, .ib, .i].contains(stage) {
      return (.lower, "Grade 1 and stage \(stage.rawValue) (§9.4 rule 4)", false)
    }
    if result?.grade == nil || result?.grade == .gx {
      return (
        .higher, "Grade unknown outside the uterus: the higher-risk schedule is used and flagged (§9.4 rule 5, RG-UNK)",
        true
      )
    }
    return (
      .higher,
      "Low grade but the stage could not be determined: the higher-risk schedule is used and flagged (conservative, as §9.4 rule 5)",
      true
    )
  }
}
