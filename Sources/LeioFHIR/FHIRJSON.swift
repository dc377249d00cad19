public import Foundation

/// A JSON value as FHIR writes it: objects keep their members in the order they were built (`resourceType` first,
/// as FHIR's examples do), and `null`, empty arrays and empty objects are left out when written (FHIR forbids
/// them).
///
/// Literals build values directly: `["resourceType": "Patient", "gender": "female"]` is an object.
public indirect enum FHIRJSON: Sendable, Hashable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case array([FHIRJSON])
  case object([Member])
  case null

  /// One member of an object.
  public struct Member: Sendable, Hashable {
    /// The member's name.
    public var key: String
    /// Its value.
    public var value: FHIRJSON

    /// A member.
    public init(_ key: String, _ value: FHIRJSON) { (self.key, self.value) = (key, value) }
  }

  /// `value` as a string, or `null` (left out) when it is `nil`.
  public static func optional(_ value: String?) -> FHIRJSON { value.map(FHIRJSON.string) ?? .null }

  /// Whether this value is written at all (not `null`, not an empty array or object after cleaning).
  var isPresent: Bool {
    switch self {
    case .null: false
    case .array(let items): items.contains(where: \.isPresent)
    case .object(let members): members.contains(where: \.value.isPresent)
    default: true
    }
  }

  // MARK: Reading

  /// The member `key` of an object (the first, if repeated); `nil` for anything else, and for a `null` member
  /// or one that is not written (an empty array or object).
  public subscript(key: String) -> FHIRJSON? {
    guard case .object(let members) = self, let value = members.first(where: { $0.key == key })?.value,
      value.isPresent
    else { return nil }
    return value
  }

  /// The text of a string value.
  public var text: String? { if case .string(let text) = self { text } else { nil } }

  /// The items of an array (a single non-array value counts as none).
  public var items: [FHIRJSON] { if case .array(let items) = self { items } else { [] } }

  /// The members of an object.
  public var members: [Member] { if case .object(let members) = self { members } else { [] } }

  /// Sets the member `key` of an object (replacing it, or appending it).
  public mutating func set(_ key: String, _ value: FHIRJSON) {
    guard case .object(var members) = self else { return }
    if let index = members.firstIndex(where: { $0.key == key }) {
      members[index].value = value
    } else {
      members.append(Member(key, value))
    }
    self = .object(members)
  }

  /// Removes the member `key` of an object.
  public mutating func remove(_ key: String) {
    guard case .object(let members) = self else { return }
    self = .object(members.filter { $0.key != key })
  }
}

extension FHIRJSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral
{
  /// A string.
  public init(stringLiteral value: String) { self = .string(value) }
  /// A boolean.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An array.
  public init(arrayLiteral elements: FHIRJSON...) { self = .array(elements) }
  /// An object, its members in the literal's order.
  public init(dictionaryLiteral elements: (String, FHIRJSON)...) { self = .object(elements.map { Member($0, $1) }) }
  /// `null` (left out when written).
  public init(nilLiteral: ()) { self = .null }
  /// A number.
  public init(floatLiteral value: Double) { self = .number(value) }
  /// A number.
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

// MARK: Writing

extension FHIRJSON {
  /// The JSON text, indented by two spaces, members in order, absent values left out, ending in a newline.
  public func serialized() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(1 << 15)
    write(into: &out, indent: 0)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  /// Writes the value; returns `false` (having written nothing) for a value that is not written at all.
  @discardableResult
  private func write(into out: inout [UInt8], indent: Int) -> Bool {
    switch self {
    case .null: return false
    case .bool(let value): out.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    case .number(let value): out.append(contentsOf: Self.number(value).utf8)
    case .string(let text): Self.quote(text, into: &out)
    case .array(let items):
      return container(UInt8(ascii: "["), UInt8(ascii: "]"), items.count, into: &out, indent: indent) { index, out in
        items[index].write(into: &out, indent: indent + 2)
      }
    case .object(let members):
      return container(UInt8(ascii: "{"), UInt8(ascii: "}"), members.count, into: &out, indent: indent) { index, out in
        Self.quote(members[index].key, into: &out)
        out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        return members[index].value.write(into: &out, indent: indent + 2)
      }
    }
    return true
  }

  private static let trueBytes = Array("true".utf8)
  private static let falseBytes = Array("false".utf8)

  /// An array or object: each element on its own line; one that writes nothing is taken back, and so is the whole
  /// container when no element is written.
  private func container(
    _ open: UInt8, _ close: UInt8, _ count: Int, into out: inout [UInt8], indent: Int,
    element: (Int, inout [UInt8]) -> Bool
  ) -> Bool {
    let start = out.count
    out.append(open)
    var written = 0
    for index in 0..<count {
      let mark = out.count
      if written > 0 { out.append(UInt8(ascii: ",")) }
      out.append(0x0A)
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
      if element(index, &out) {
        written += 1
      } else {
        out.removeSubrange(mark...)
      }
    }
    guard written > 0 else {
      out.removeSubrange(start...)
      return false
    }
    out.append(0x0A)
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    out.append(close)
    return true
  }

  /// A decimal without exponent: `7.5`, `4`, `0.25` (FHIR decimals keep their precision; Leio's sizes have at most
  /// a few decimals).
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let text = String(value)
    if !text.contains("e") { return text }
    return String(format: "%.6f", value).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
  }

  static func quote(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case ..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [
          UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
        ])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

// MARK: Parsing

extension FHIRJSON {
  /// Nesting deeper than this is refused (a bundle is about eight levels deep; hostile input can be thousands).
  public static let maximumDepth = 64

  /// Parses JSON text (RFC 8259, UTF-8), members in document order.
  /// - Throws: an error whose description says what was expected, with the line and column.
  public static func parse(_ data: Data) throws -> FHIRJSON {
    try data.withUnsafeBytes { bytes throws -> FHIRJSON in
      var parser = FHIRJSONParser(bytes)
      return try parser.document()
    }
  }
}
