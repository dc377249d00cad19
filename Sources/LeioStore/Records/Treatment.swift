import Foundation

/// A treatment of a tumour: surgery (with its margin), radiation, or systemic therapy (with its agent).
public struct Treatment: StoredRecord {
  static let table = "treatment"
  static let entity = "treatment"
  static let dataColumns = ["tumour_id", "kind", "start_date", "end_date", "margin", "agent", "notes"]
  public static let kinds = ["surgery", "radiation", "systemic"]
  /// Residual tumour classification of a resection (reference §8; R0 none, R1 microscopic, R2 macroscopic).
  public static let margins = ["R0", "R1", "R2", "RX"]

  public var id = ""
  public var version: Int64 = 0
  public var createdAt: Int64 = 0
  public var updatedAt: Int64 = 0
  public var deletedAt: Int64?
  public var tumourID: String
  /// `surgery`, `radiation` or `systemic`.
  public var kind: String
  /// `YYYY-MM-DD`; `endDate` is empty for a single-day treatment or one still going on.
  public var startDate: String
  public var endDate: String?
  /// Surgery only.
  public var margin: String?
  /// Systemic therapy only: the agent or regimen as written in the record (for example "doxorubicin").
  public var agent: String?
  public var notes: String?

  public init(
    tumourID: String, kind: String, startDate: String, endDate: String? = nil, margin: String? = nil,
    agent: String? = nil, notes: String? = nil
  ) {
    (self.tumourID, self.kind, self.startDate, self.endDate, self.margin, self.agent, self.notes) =
      (tumourID, kind, startDate, endDate, margin, agent, notes)
  }

  var dataValues: [SQLValue] {
    [
      .text(tumourID), .text(kind), .text(startDate), .optional(endDate), .optional(margin), .optional(agent),
      .optional(notes),
    ]
  }

  init(row: SQLRow) throws {
    self.init(
      tumourID: try row.text("tumour_id"), kind: try row.text("kind"), startDate: try row.text("start_date"),
      endDate: try row.optionalText("end_date"), margin: try row.optionalText("margin"),
      agent: try row.optionalText("agent"),
      notes: try row.optionalText("notes"))
    try readBookkeeping(row)
  }

  func validated() throws -> Treatment {
    var copy = self
    guard let kind = try code(kind, field: "kind", allowed: Self.kinds) else {
      throw RegistryError.invalid(
        field: "kind", message: "give the kind of treatment: \(Self.kinds.joined(separator: ", ")).")
    }
    copy.kind = kind
    guard let start = try validatedDate(startDate, field: "startDate") else {
      throw RegistryError.invalid(field: "startDate", message: "give the start date (YYYY-MM-DD).")
    }
    copy.startDate = start
    copy.endDate = try validatedDate(endDate, field: "endDate")
    if let end = copy.endDate, end < start {
      throw RegistryError.invalid(field: "endDate", message: "the end date \(end) is before the start date \(start).")
    }
    copy.margin = try code(margin, field: "margin", allowed: Self.margins)
    if copy.margin != nil, kind != "surgery" {
      throw RegistryError.invalid(field: "margin", message: "a margin is recorded for surgery only.")
    }
    copy.agent = try optionalText(agent, field: "agent", limit: 200)
    if copy.agent != nil, kind != "systemic" {
      throw RegistryError.invalid(field: "agent", message: "an agent is recorded for systemic therapy only.")
    }
    copy.notes = try optionalText(notes, field: "notes", multiline: true)
    return copy
  }

  /// The day treatment ended, for the follow-up plan (month 0).
  var lastDay: String { endDate ?? startDate }
}
