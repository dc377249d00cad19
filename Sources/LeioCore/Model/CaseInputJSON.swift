import Foundation

/// A fast reader for the common shape of a case document: one flat JSON object whose fields are the documented
/// names, with text, number, boolean and list-of-text values.
///
/// It is an accelerator for `JSONDecoder`, not a second validator. It returns the same ``CaseInput`` the
/// `Decodable` conformance returns, or `nil` — and then the caller decodes with `JSONDecoder`, whose answer
/// (including every error message) stands. Anything unusual gives `nil`: a syntax error, an unknown, repeated or
/// `null` field, a value of another type than the field's, the nested `fnclcc` object (not a field name here), a number that is not a
/// plain integer where a whole number is expected. LeioCoreTests checks the agreement on the worked examples and
/// on thousands of mutated documents.
extension CaseInput {
  /// The case of a flat JSON document read without `JSONDecoder`, or `nil` when the document needs it (see above).
  public static func decodeCommonShape(_ bytes: UnsafeRawBufferPointer) -> CaseInput? {
    var reader = FlatJSONReader(bytes)
    return reader.caseInput()
  }
}

struct FlatJSONReader {
  let bytes: UnsafeRawBufferPointer
  var index = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  mutating func caseInput() -> CaseInput? {
    var input = CaseInput()
    var seen: UInt64 = 0
    skipSpace()
    guard take(UInt8(ascii: "{")) else { return nil }
    skipSpace()
    if !take(UInt8(ascii: "}")) {
      repeat {
        skipSpace()
        guard let name = string(), let field = CaseField(name: name),
          CaseSchema.specs[field.rawValue].placement == .topLevel
        else {
          return nil
        }
        let bit: UInt64 = 1 << UInt64(field.rawValue)
        guard seen & bit == 0 else { return nil }
        seen |= bit
        skipSpace()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        guard set(field, in: &input) else { return nil }
        skipSpace()
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
    }
    skipSpace()
    return index == bytes.count ? input : nil
  }

  /// Reads the value of `field` into `input`, by the field's kind; `false` when it is not of the plain shape the
  /// field takes.
  mutating func set(_ field: CaseField, in input: inout CaseInput) -> Bool {
    switch CaseSchema.specs[field.rawValue].kind {
    case .number:
      guard let number = number() else { return false }
      input[field] = .number(number)
    case .whole:
      guard let whole = integer() else { return false }
      input[field] = .whole(whole)
    case .flag:
      guard let flag = boolean() else { return false }
      input[field] = .flag(flag)
    case .list:
      guard let list = strings() else { return false }
      input[field] = .list(list)
    case .code, .text, .date:
      guard let text = string() else { return false }
      input[field] = text.isEmpty ? nil : .text(text)
    }
    return true
  }

  mutating func skipSpace() {
    while index < bytes.count,
      bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
    { index += 1 }
  }

  mutating func take(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// A JSON string: UTF-8 as is, escapes decoded; `nil` for anything malformed (JSONDecoder then reports it).
  mutating func string() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { return escapedString(from: start) }
      index += 1
    }
    return nil
  }

  private mutating func escapedString(from start: Int) -> String? {
    guard var text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) else {
      return nil
    }
    var pending: [UInt8] = []
    func flush() -> Bool {
      guard !pending.isEmpty else { return true }
      guard let part = String(validating: pending, as: UTF8.self) else { return false }
      text += part
      pending.removeAll(keepingCapacity: true)
      return true
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return flush() ? text : nil
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { return nil }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): pending.append(escape)
        case UInt8(ascii: "b"): pending.append(0x08)
        case UInt8(ascii: "f"): pending.append(0x0C)
        case UInt8(ascii: "n"): pending.append(0x0A)
        case UInt8(ascii: "r"): pending.append(0x0D)
        case UInt8(ascii: "t"): pending.append(0x09)
        case UInt8(ascii: "u"):
          guard let unit = hex4() else { return nil }
          var scalar: Unicode.Scalar?
          if (0xD800...0xDBFF).contains(unit) {
            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00...0xDFFF).contains(low)
            else { return nil }
            scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
          } else {
            scalar = Unicode.Scalar(UInt32(unit))
          }
          guard let scalar, flush() else { return nil }
          text.unicodeScalars.append(scalar)
        default: return nil
        }
      default:
        guard byte >= 0x20 else { return nil }
        pending.append(byte)
      }
    }
    return nil
  }

  private mutating func hex4() -> UInt16? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt16 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      index += 1
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x41...0x46: digit = byte - 0x37
      case 0x61...0x66: digit = byte - 0x57
      default: return nil
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  /// A JSON number (RFC 8259 grammar), converted with the standard library's correctly rounded parser.
  mutating func number() -> Double? {
    let start = index
    _ = take(UInt8(ascii: "-"))
    let integerStart = index
    guard digits(leadingZeroAllowed: false) else { return nil }
    let zeroInteger = index - integerStart == 1 && bytes[integerStart] == UInt8(ascii: "0")
    if take(UInt8(ascii: ".")) { guard digits(leadingZeroAllowed: true) else { return nil } }
    if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
      // Foundation's JSONDecoder refuses some valid numbers of this shape (`0e1`); its answer stands, so they are
      // left to it (found by the flat-json fuzz target).
      if zeroInteger { return nil }
      if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
      guard digits(leadingZeroAllowed: true) else { return nil }
    }
    guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self),
      let value = Double(text), value.isFinite
    else { return nil }
    return value
  }

  /// A plain JSON integer (no fraction or exponent) that fits an `Int`.
  mutating func integer() -> Int? {
    let start = index
    _ = take(UInt8(ascii: "-"))
    guard digits(leadingZeroAllowed: false), index - start <= 18 else { return nil }
    if index < bytes.count,
      bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
    {
      return nil
    }
    guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self) else {
      return nil
    }
    return Int(text)
  }

  private mutating func digits(leadingZeroAllowed: Bool) -> Bool {
    let start = index
    while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
    if index == start { return false }
    return leadingZeroAllowed || bytes[start] != 0x30 || index - start == 1
  }

  mutating func boolean() -> Bool? {
    func literal(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
      index += count
      return true
    }
    if literal("true") { return true }
    if literal("false") { return false }
    return nil
  }

  mutating func strings() -> [String]? {
    guard take(UInt8(ascii: "[")) else { return nil }
    var list: [String] = []
    skipSpace()
    if take(UInt8(ascii: "]")) { return list }
    repeat {
      skipSpace()
      guard let item = string() else { return nil }
      list.append(item)
      skipSpace()
    } while take(UInt8(ascii: ","))
    return take(UInt8(ascii: "]")) ? list : nil
  }
}
