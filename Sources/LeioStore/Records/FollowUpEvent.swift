import Foundation
public import LeioCore

/// Something that happened after treatment: a visit, an imaging study with its result, a recurrence (local or
/// distant, with its site), the last contact, or death.
public struct FollowUpEvent: StoredRecord {
  static let table = "follow_up_event"
  static let entity = "event"
  static let dataColumns = [
    "patient_id", "tumour_id", "kind", "event_date", "imaging_result", "recurrence_type", "site", "notes",
  ]
  public static let kinds = FollowUpEventKind.allCases.map(\.rawValue)
  public static let imagingResults = ["noEvidence", "suspicious", "recurrence"]
  public static let recurrenceTypes = ["local", "distant"]

  public var id = ""
  public var version: Int64 = 0
  public var createdAt: Int64 = 0
  public var updatedAt: Int64 = 0
  public var deletedAt: Int64?
  public var patientID: String
  /// The tumour the event belongs to, when it is tied to one (a recurrence, a scan of the tumour bed).
  public var tumourID: String?
  public var kind: FollowUpEventKind
  /// `YYYY-MM-DD`.
  public var date: String
  /// Imaging only.
  public var imagingResult: String?
  /// Recurrence only.
  public var recurrenceType: String?
  /// Recurrence: where (for example "lung").
  public var site: String?
  public var notes: String?

  public init(
    patientID: String, tumourID: String? = nil, kind: FollowUpEventKind, date: String, imagingResult: String? = nil,
    recurrenceType: String? = nil, site: String? = nil, notes: String? = nil
  ) {
    (
      self.patientID, self.tumourID, self.kind, self.date, self.imagingResult, self.recurrenceType, self.site,
      self.notes
    ) =
      (patientID, tumourID, kind, date, imagingResult, recurrenceType, site, notes)
  }

  var dataValues: [SQLValue] {
    [
      .text(patientID), .optional(tumourID), .text(kind.rawValue), .text(date), .optional(imagingResult),
      .optional(recurrenceType),
      .optional(site), .optional(notes),
    ]
  }

  init(row: SQLRow) throws {
    self.init(
      patientID: try row.text("patient_id"), tumourID: try row.optionalText("tumour_id"),
      kind: try row.code("kind", as: FollowUpEventKind.self),
      date: try row.text("event_date"), imagingResult: try row.optionalText("imaging_result"),
      recurrenceType: try row.optionalText("recurrence_type"), site: try row.optionalText("site"),
      notes: try row.optionalText("notes"))
    try readBookkeeping(row)
  }

  func validated() throws -> FollowUpEvent {
    var copy = self
    guard let date = try validatedDate(date, field: "date") else {
      throw RegistryError.invalid(field: "date", message: "give the date (YYYY-MM-DD).")
    }
    copy.date = date
    copy.imagingResult = try code(imagingResult, field: "imagingResult", allowed: Self.imagingResults)
    if copy.imagingResult != nil, kind != .imaging {
      throw RegistryError.invalid(field: "imagingResult", message: "an imaging result is recorded for imaging only.")
    }
    copy.recurrenceType = try code(recurrenceType, field: "recurrenceType", allowed: Self.recurrenceTypes)
    if kind == .recurrence, copy.recurrenceType == nil {
      throw RegistryError.invalid(field: "recurrenceType", message: "say whether the recurrence is local or distant.")
    }
    if copy.recurrenceType != nil, kind != .recurrence {
      throw RegistryError.invalid(field: "recurrenceType", message: "recorded for a recurrence only.")
    }
    copy.site = try optionalText(site, field: "site", limit: 200)
    copy.notes = try optionalText(notes, field: "notes", multiline: true)
    return copy
  }

  /// The kind written `text` (a form or request body), or a field error listing the kinds.
  public static func kind(_ text: String?) throws(RegistryError) -> FollowUpEventKind {
    guard let text, !text.isEmpty else {
      throw .invalid(field: "kind", message: "give the kind of event: \(kinds.joined(separator: ", ")).")
    }
    guard let kind = FollowUpEventKind(rawValue: text) else {
      throw .invalid(
        field: "kind", message: "'\(text.excerpt())' is not accepted; expected \(kinds.joined(separator: ", ")).")
    }
    return kind
  }
}
