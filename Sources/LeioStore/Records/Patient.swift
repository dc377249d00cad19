import Foundation

/// A patient: the minimum a registry needs to find the person — identifier, name, birth date, sex.
public struct Patient: StoredRecord {
  static let table = "patient"
  static let entity = "patient"
  static let dataColumns = ["identifier", "name", "birth_date", "sex"]
  public static let sexes = ["female", "male", "other", "unknown"]

  public var id = ""
  public var version: Int64 = 0
  public var createdAt: Int64 = 0
  public var updatedAt: Int64 = 0
  public var deletedAt: Int64?
  /// The clinic's or registry's identifier (medical record number); unique.
  public var identifier: String
  public var name: String
  /// `YYYY-MM-DD`.
  public var birthDate: String?
  /// `female`, `male`, `other` or `unknown`.
  public var sex: String?

  public init(identifier: String, name: String, birthDate: String? = nil, sex: String? = nil) {
    (self.identifier, self.name, self.birthDate, self.sex) = (identifier, name, birthDate, sex)
  }

  var dataValues: [SQLValue] { [.text(identifier), .text(name), .optional(birthDate), .optional(sex)] }

  init(row: SQLRow) throws {
    self.init(
      identifier: try row.text("identifier"), name: try row.text("name"), birthDate: try row.optionalText("birth_date"),
      sex: try row.optionalText("sex"))
    try readBookkeeping(row)
  }

  /// The fields checked and normalised (trimmed text, canonical dates).
  func validated() throws -> Patient {
    var copy = self
    copy.identifier = try requiredText(identifier, field: "identifier", limit: 64)
    copy.name = try requiredText(name, field: "name")
    copy.birthDate = try validatedDate(birthDate, field: "birthDate")
    copy.sex = try code(sex, field: "sex", allowed: Self.sexes)
    return copy
  }
}
