import Foundation

/// A field's value as a case document holds it, before validation.
public enum CaseValue: Sendable, Hashable {
  /// Text: a code, an ICD-O-3 code, a date.
  case text(String)
  /// A decimal number.
  case number(Double)
  /// A whole number.
  case whole(Int)
  /// `true` or `false`.
  case flag(Bool)
  /// A list of codes.
  case list([String])

  /// The value as text, the way a form or a CSV cell writes it.
  public var formText: [String] {
    switch self {
    case .text(let text): [text]
    case .number(let number): [number.clinicalText]
    case .whole(let whole): [String(whole)]
    case .flag(let flag): [flag ? "true" : "false"]
    case .list(let items): items
    }
  }
}

extension CaseValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
  /// A text value.
  public init(stringLiteral value: String) { self = .text(value) }
  /// A decimal value.
  public init(floatLiteral value: Double) { self = .number(value) }
  /// A whole-number value.
  public init(integerLiteral value: Int) { self = .whole(value) }
  /// A yes/no value.
  public init(booleanLiteral value: Bool) { self = .flag(value) }
  /// A list value.
  public init(arrayLiteral elements: String...) { self = .list(elements) }
}

/// One field's value on its way into ``CaseFactsParser``: the bytes of a CSV cell (no string made for codes and
/// numbers), or a value of a decoded JSON document or form. The readers throw the field-level errors.
struct FieldValue {
  enum Source {
    case bytes(UnsafeBufferPointer<UInt8>)
    case value(CaseValue)
  }

  let field: CaseField
  let source: Source

  private var name: String { field.name }

  /// The value as text.
  var text: String {
    switch source {
    case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
    case .value(let value): value.formText.joined(separator: ";")
    }
  }

  func code<C: ClinicalCode>(_ type: C.Type) throws(StagingError) -> C {
    // The CSV path first, touching no string (the batch hot path).
    if case .bytes(let bytes) = source, let found = C.parse(bytes: bytes) { return found }
    if case .value(.text(let text)) = source, let found = C.parse(text) { return found }
    throw .invalidValue(field: name, value: text, expected: C.acceptedSpellings)
  }

  func codes<C: ClinicalCode>(_ type: C.Type) throws(StagingError) -> [C] {
    let items: [String] =
      switch source {
      case .bytes(let bytes): String(decoding: bytes, as: UTF8.self).split(separator: ";").map(String.init)
      case .value(.list(let items)): items
      case .value(let other): other.formText
      }
    return try items.map { item throws(StagingError) in
      guard let code = C.parse(item) else {
        throw .invalidValue(field: name, value: item, expected: C.acceptedSpellings)
      }
      return code
    }
  }

  func number() throws(StagingError) -> Double {
    switch source {
    case .bytes(let bytes):
      if let value = CaseFactsParser.decimal(bytes) ?? Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite
      {
        return value
      }
    case .value(.number(let number)) where number.isFinite: return number
    case .value(.whole(let whole)): return Double(whole)
    case .value: break
    }
    throw .invalidValue(field: name, value: text, expected: ["a number"])
  }

  func whole() throws(StagingError) -> Int {
    if case .value(.whole(let whole)) = source { return whole }
    guard let value = Int(exactly: try number()) else {
      throw .invalidValue(field: name, value: text, expected: ["a whole number"])
    }
    return value
  }

  func flag() throws(StagingError) -> Bool {
    if case .value(.flag(let flag)) = source { return flag }
    switch text.lowercased() {
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    default: throw .invalidValue(field: name, value: text, expected: ["true", "false"])
    }
  }

  func date() throws(StagingError) -> CalendarDate {
    guard let date = CalendarDate(text: text.trimmingCharacters(in: .whitespaces)) else {
      throw .invalidValue(field: name, value: text, expected: ["a date written YYYY-MM-DD that exists"])
    }
    return date
  }

  /// `true` when the text starts with `p` (a pathological category such as `pT2b`).
  var startsWithP: Bool {
    switch source {
    case .bytes(let bytes): bytes.first { $0 != 0x20 && $0 != 0x09 }.map { $0 | 0x20 == UInt8(ascii: "p") } ?? false
    case .value(.text(let text)): text.drop { $0 == " " || $0 == "\t" }.first.map { $0 == "p" || $0 == "P" } ?? false
    case .value: false
    }
  }
}
