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
    var out = ""
    write(into: &out, indent: 0)
    out += "\n"
    return out
  }

  private func write(into out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .number(let value): out += Self.number(value)
    case .string(let text): Self.quote(text, into: &out)
    case .array(let items):
      let present = items.filter(\.isPresent)
      out += "["
      for (index, item) in present.enumerated() {
        out += index == 0 ? "\n" : ",\n"
        out += String(repeating: " ", count: indent + 2)
        item.write(into: &out, indent: indent + 2)
      }
      out += "\n" + String(repeating: " ", count: indent) + "]"
    case .object(let members):
      let present = members.filter(\.value.isPresent)
      out += "{"
      for (index, member) in present.enumerated() {
        out += index == 0 ? "\n" : ",\n"
        out += String(repeating: " ", count: indent + 2)
        Self.quote(member.key, into: &out)
        out += ": "
        member.value.write(into: &out, indent: indent + 2)
      }
      out += "\n" + String(repeating: " ", count: indent) + "}"
    }
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

  static func quote(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}

// MARK: Parsing

extension FHIRJSON: Decodable {
  /// Nesting deeper than this is refused (a bundle is about six levels deep; hostile input can be thousands).
  static let maximumDepth = 64

  /// Decodes any JSON value (members in no particular order).
  public init(from decoder: any Decoder) throws {
    guard decoder.codingPath.count <= Self.maximumDepth else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "nested deeper than \(Self.maximumDepth) levels"))
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([FHIRJSON].self) {
      self = .array(value)
    } else {
      let object = try container.decode([String: FHIRJSON].self)
      self = .object(object.sorted { $0.key < $1.key }.map { Member($0.key, $0.value) })
    }
  }

  /// Parses JSON text.
  /// - Throws: `DecodingError` for text that is not JSON.
  public static func parse(_ data: Data) throws -> FHIRJSON {
    try JSONDecoder().decode(FHIRJSON.self, from: data)
  }
}
