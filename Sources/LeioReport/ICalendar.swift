import Foundation
public import LeioCore

/// RFC 5545 calendar text for a follow-up plan: one all-day event per visit.
///
/// UIDs are derived from the treatment end date and the visit's month, so
/// re-exporting the plan (another day, an updated schedule) updates the same
/// events in a calendar instead of duplicating them. Lines end in CRLF and are
/// folded at 75 octets; text values are escaped (RFC 5545 §3.1, §3.3.11).
public enum ICalendar {
  /// The calendar for `plan`.
  ///
  /// - Parameter stamp: the DTSTAMP date (the plan's `today`, or the export date).
  public static func calendar(_ plan: FollowUpPlan, stamp: CalendarDate) -> String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Leio//Leio follow-up plan//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Sarcoma follow-up",
    ]
    for visit in plan.visits {
      let summary = visit.isCheckpoint ? "Sarcoma follow-up (10-year review)" : "Sarcoma follow-up"
      var description = "Month \(visit.month) after treatment: " + visit.tests.joined(separator: "; ") + ". "
      if visit.isCheckpoint { description += plan.endRule + " " }
      description += plan.label + " Educational information, not medical advice: discuss with your care team."
      lines += [
        "BEGIN:VEVENT",
        "UID:leio-follow-up-\(plan.treatmentEnd.compact)-m\(visit.month)@leio",
        "DTSTAMP:\(stamp.compact)T000000Z",
        "DTSTART;VALUE=DATE:\(visit.date.compact)",
        "DTEND;VALUE=DATE:\(visit.date.adding(days: 1).compact)",
        "SUMMARY:" + escape(summary),
        "DESCRIPTION:" + escape(description),
        "CATEGORIES:" + escape("Follow-up"),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.map(fold).joined(separator: "\r\n") + "\r\n"
  }

  /// Escapes a TEXT value: backslash, semicolon, comma and newlines.
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\n": out += "\\n"
      case "\r": continue
      default: out.append(character)
      }
    }
    return out
  }

  /// Folds a content line into 75-octet pieces, never splitting a UTF-8 character.
  static func fold(_ line: String) -> String {
    var pieces: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = String(character).utf8.count
      let limit = pieces.isEmpty ? 75 : 74
      if octets + size > limit {
        pieces.append(current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    pieces.append(current)
    return pieces.joined(separator: "\r\n ")
  }
}
