import Foundation
public import LeioCore

/// The follow-up clocks of one tumour, from its patient's records (docs/outcomes.md states the rules; each rule is
/// tested with hand-built histories in OutcomeDatasetTests).
///
/// - The clock starts at the date of diagnosis. Times are whole days.
/// - Death: the patient's earliest death event. Last follow-up: the latest date of any of the patient's events,
///   treatments or diagnoses, and never after death.
/// - Recurrences of the tumour: recurrence events tied to it, and those tied to no tumour when the patient has just
///   this one. An imaging result "recurrence" is not a recurrence event. A recurrence dated before the diagnosis or
///   after death is ignored, with a warning.
/// - First event: the earliest of first local recurrence (1), first distant metastasis (2) and death without an
///   earlier or same-day recurrence (3); local and distant on the same day count as distant (2); none: censored (0)
///   at last follow-up.
/// - Local and distant clocks: time to the first such recurrence, else censored at death or last follow-up.
/// - End of primary treatment: the latest end (or start, for a single-day or ongoing treatment) of the tumour's
///   treatments that began before its first recurrence. Times from it are empty when there is no such treatment or
///   when they would be negative.
public struct OutcomeClocks: Sendable, Hashable {
  /// Days from diagnosis to death or last follow-up, and whether it ended in death.
  public var overallDays: Int
  public var died: Bool
  /// Days to the first event and its code (0 censored, 1 local recurrence, 2 distant metastasis, 3 death without
  /// recurrence).
  public var eventDays: Int
  public var event: Int
  /// Days to the first local recurrence (or censoring) and whether it happened.
  public var localDays: Int
  public var local: Bool
  /// Days to the first distant metastasis (or censoring) and whether it happened.
  public var distantDays: Int
  public var distant: Bool
  /// Days from diagnosis to the end of primary treatment, when there was primary treatment.
  public var treatmentEndDays: Int?
  /// What was ignored, in words (no identifying data: dates relative to diagnosis only).
  public var warnings: [String]

  /// A recurrence as the clocks read it.
  public struct Recurrence: Sendable, Hashable {
    public var date: CalendarDate
    public var distant: Bool
    /// A recurrence.
    public init(date: CalendarDate, distant: Bool) { (self.date, self.distant) = (date, distant) }
  }

  /// The clocks of a tumour diagnosed on `diagnosis`.
  ///
  /// - Parameters:
  ///   - recurrences: the tumour's recurrences (see above for which).
  ///   - death: the patient's death date, if any.
  ///   - lastFollowUp: the latest date the patient's records show (any event, treatment or diagnosis).
  ///   - treatments: each treatment of the tumour as (start, end or start).
  public init(
    diagnosis: CalendarDate, recurrences: [Recurrence], death: CalendarDate?, lastFollowUp: CalendarDate,
    treatments: [(start: CalendarDate, end: CalendarDate)]
  ) {
    var warnings: [String] = []
    let day0 = diagnosis.dayNumber
    let end = death ?? max(lastFollowUp, diagnosis)
    var kept: [Recurrence] = []
    for recurrence in recurrences {
      if recurrence.date < diagnosis {
        warnings.append("a recurrence \(day0 - recurrence.date.dayNumber) day(s) before the diagnosis was ignored")
      } else if let death, death < recurrence.date {
        warnings.append("a recurrence \(recurrence.date.dayNumber - death.dayNumber) day(s) after death was ignored")
      } else {
        kept.append(recurrence)
      }
    }
    let firstLocal = kept.filter { !$0.distant }.map(\.date).min()
    let firstDistant = kept.filter(\.distant).map(\.date).min()
    overallDays = end.dayNumber - day0
    died = death != nil
    (localDays, local) = firstLocal.map { ($0.dayNumber - day0, true) } ?? (end.dayNumber - day0, false)
    (distantDays, distant) = firstDistant.map { ($0.dayNumber - day0, true) } ?? (end.dayNumber - day0, false)
    let firstRecurrence = [firstLocal, firstDistant].compactMap { $0 }.min()
    switch (firstLocal, firstDistant) {
    case (let l?, let d?) where d <= l: (eventDays, event) = (d.dayNumber - day0, 2)
    case (let l?, _): (eventDays, event) = (l.dayNumber - day0, 1)
    case (nil, let d?): (eventDays, event) = (d.dayNumber - day0, 2)
    case (nil, nil): (eventDays, event) = (end.dayNumber - day0, death == nil ? 0 : 3)
    }
    let primary = treatments.filter { firstRecurrence == nil || $0.start < firstRecurrence! }
    treatmentEndDays = primary.map(\.end).max().map { $0.dayNumber - day0 }
    self.warnings = warnings
  }

  /// A time from the end of primary treatment: `days − treatmentEndDays`, or `nil` without primary treatment or when
  /// negative.
  public func fromTreatmentEnd(_ days: Int) -> Int? {
    guard let end = treatmentEndDays, days >= end else { return nil }
    return days - end
  }
}
