import Foundation

/// A JSON reader straight from bytes into ``FHIRJSON`` (RFC 8259): one pass, members in document order, strict
/// syntax, UTF-8 checked, nesting limited to ``FHIRJSON/maximumDepth``. Errors say what was expected and where
/// (line and column), the same for the same bytes.
struct FHIRJSONParser {
  let bytes: UnsafeRawBufferPointer
  var index = 0

  /// What was expected, and where (computed when thrown: the bytes are not kept).
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  func fail(_ message: String) -> Failure {
    var line = 1
    var column = 1
    for byte in bytes.prefix(index) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return Failure(description: "\(message) at line \(line), column \(column)")
  }

  mutating func document() throws(Failure) -> FHIRJSON {
    skipSpace()
    let value = try self.value(depth: 0)
    skipSpace()
    guard index == bytes.count else { throw fail("unexpected text after the document") }
    return value
  }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  mutating func value(depth: Int) throws(Failure) -> FHIRJSON {
    guard depth <= FHIRJSON.maximumDepth else { throw fail("nested deeper than \(FHIRJSON.maximumDepth) levels") }
    guard index < bytes.count else { throw fail("unexpected end of the document") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      var members: [FHIRJSON.Member] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
        let key = try string()
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
        index += 1
        skipSpace()
        members.append(FHIRJSON.Member(key, try value(depth: depth + 1)))
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of the document") }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
        } else if bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        } else {
          throw fail("expected ',' or '}'")
        }
      }
    case UInt8(ascii: "["):
      index += 1
      var items: [FHIRJSON] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of the document") }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
        } else if bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        } else {
          throw fail("expected ',' or ']'")
        }
      }
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw fail("expected a value")
    }
  }

  mutating func literal(_ word: StaticString, _ value: FHIRJSON) throws(Failure) -> FHIRJSON {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count,
      (0..<count).allSatisfy({ bytes[index + $0] == word.utf8Start[$0] })
    else { throw fail("expected a value") }
    index += count
    return value
  }

  mutating func number() throws(Failure) -> FHIRJSON {
    let start = index
    func digits() -> Int {
      let first = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      return index - first
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let integer = index
    guard digits() > 0 else { throw fail("expected a digit") }
    if bytes[integer] == UInt8(ascii: "0"), index - integer > 1 { throw fail("a number with a leading zero") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw fail("expected a digit after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { throw fail("expected a digit in the exponent") }
    }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else { throw fail("a number out of range") }
    return .number(value)
  }

  mutating func string() throws(Failure) -> String {
    index += 1  // the opening quote
    let start = index
    // The common case: no escapes.
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
      guard bytes[index] >= 0x20 else { throw fail("a control character in a string") }
      index += 1
    }
    guard index < bytes.count else { throw fail("an unterminated string") }
    var raw = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
    while bytes[index] != UInt8(ascii: "\"") {
      // An escape.
      index += 1
      guard index < bytes.count else { throw fail("an unterminated string") }
      switch bytes[index] {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(bytes[index])
      case UInt8(ascii: "b"): raw.append(0x08)
      case UInt8(ascii: "f"): raw.append(0x0C)
      case UInt8(ascii: "n"): raw.append(0x0A)
      case UInt8(ascii: "r"): raw.append(0x0D)
      case UInt8(ascii: "t"): raw.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
          guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u")
          else { throw fail("a lone surrogate in a \\u escape") }
          index += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low) else { throw fail("a lone surrogate in a \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
          throw fail("a lone surrogate in a \\u escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
        raw.append(contentsOf: Array(String(Character(unicode)).utf8))
      default: throw fail("an invalid escape")
      }
      index += 1
      while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
        guard bytes[index] >= 0x20 else { throw fail("a control character in a string") }
        raw.append(bytes[index])
        index += 1
      }
      guard index < bytes.count else { throw fail("an unterminated string") }
    }
    index += 1  // the closing quote
    guard let text = String(validating: raw, as: UTF8.self) else { throw fail("a string that is not UTF-8") }
    return text
  }

  /// Four hex digits after `\u` (index on the `u`; left on the last digit).
  mutating func hex4() throws(Failure) -> UInt32 {
    guard index + 4 < bytes.count else { throw fail("an unterminated \\u escape") }
    var value: UInt32 = 0
    for offset in 1...4 {
      let byte = bytes[index + offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw fail("an invalid \\u escape")
      }
      value = value << 4 | UInt32(digit)
    }
    index += 4
    return value
  }
}
