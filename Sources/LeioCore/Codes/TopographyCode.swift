import Foundation

/// An ICD-O-3 topography code such as `C49.2`, stored as 492.
///
/// Round trip: `TopographyCode(parsing: code.description) == code`.
/// - Source: reference §1.4 (topography lists use `Cnn.n`).
public struct TopographyCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Three digits and the decimal digit: C49.2 → 492.
  public let value: Int

  /// Reads `C49.2` (also `c49.2` and `C492`).
  ///
  /// - Throws: ``StagingError/invalidValue(field:value:expected:)`` for any other
  ///   text or a code outside C00.0–C80.9.
  public init(parsing text: String, field: String = "topography") throws(StagingError) {
    let bytes = Array(text.utf8.trimmingASCIISpaces)
    let digits = bytes.dropFirst().filter { $0 != UInt8(ascii: ".") }
    let hasDot = bytes.count == 5 && bytes[3] == UInt8(ascii: ".")
    guard let first = bytes.first, first | 0x20 == UInt8(ascii: "c"),
      digits.count == 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
      hasDot || bytes.count == 4
    else {
      throw StagingError.invalidValue(field: field, value: text, expected: ["an ICD-O-3 topography code such as C49.2"])
    }
    let value = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    guard value <= 809 else {
      throw StagingError.invalidValue(
        field: field, value: text, expected: ["an ICD-O-3 topography code from C00.0 to C80.9"])
    }
    self.value = value
  }

  init(value: Int) { self.value = value }

  /// The value in words, as messages and pages show it.
  public var description: String { "C\(value / 100)\(value / 10 % 10).\(value % 10)" }

  /// Orders the values (dates by day, codes by number).
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

  /// Reads the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
  }

  /// Writes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
