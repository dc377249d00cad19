public import Foundation

/// A calendar date (proleptic Gregorian), with no time and no time zone.
///
/// Follow-up dates are dates, not instants: computing them with plain
/// year/month/day arithmetic means the plan is the same in every time zone.
/// Adding months keeps the day of month, clamped to the month's length
/// (31 January + 1 month = 28 or 29 February; 29 February + 12 months = 28 February).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The year (1–9999).
  public let year: Int
  /// The month (1–12).
  public let month: Int
  /// The day of the month.
  public let day: Int

  /// A date, or `nil` when the day does not exist.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day)
    else { return nil }
    (self.year, self.month, self.day) = (year, month, day)
  }

  /// Reads `YYYY-MM-DD`.
  ///
  /// - Throws: ``StagingError/invalidValue(field:value:expected:)``.
  public init(parsing text: String, field: String) throws {
    guard let date = CalendarDate(text: text) else {
      throw StagingError.invalidValue(field: field, value: text, expected: ["a date written YYYY-MM-DD that exists"])
    }
    self = date
  }

  /// Reads `YYYY-MM-DD`; `nil` for any other shape or a day that does not exist.
  public init?(text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The same day `months` later, clamped to the end of a shorter month.
  public func adding(months: Int) -> CalendarDate {
    let index = year * 12 + (month - 1) + months
    let newYear = index / 12
    let newMonth = index % 12 + 1
    return CalendarDate(year: newYear, month: newMonth, day: min(day, Self.days(inMonth: newMonth, year: newYear)))
      ?? self
  }

  /// Days since 1970-01-01 (negative before).
  public var dayNumber: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `days` later.
  public func adding(days: Int) -> CalendarDate {
    // Howard Hinnant's civil_from_days.
    let z = dayNumber + days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return CalendarDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d) ?? self
  }

  /// Orders the values (dates by day, codes by number).
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.dayNumber < rhs.dayNumber }

  /// The value in words, as messages and pages show it.
  public var description: String {
    let y = String(year).leftPadded(4)
    return "\(y)-\(String(month).leftPadded(2))-\(String(day).leftPadded(2))"
  }

  /// `YYYYMMDD`, the iCalendar DATE form.
  public var compact: String { description.replacingOccurrences(of: "-", with: "") }

  /// Reads the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    self = try CalendarDate(parsing: try decoder.singleValueContainer().decode(String.self), field: "date")
  }

  /// Writes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension String {
  func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension CalendarDate {
  /// Today's date in `timeZone` (the user's, by default).
  public static func today(in timeZone: TimeZone = .current) -> CalendarDate {
    let parts = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: Date())
    return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? CalendarDate(unchecked: 1970, 1, 1)
  }

  /// A date known to exist (used only for constants).
  private init(unchecked year: Int, _ month: Int, _ day: Int) { (self.year, self.month, self.day) = (year, month, day) }
}
