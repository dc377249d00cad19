import Foundation

/// A streaming JSON writer into one byte buffer, for the staging hot path of the HTTP API and the CLI.
///
/// For the types that adopt ``JSONWritable`` it writes exactly the bytes Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (LeioCoreTests checks this on every worked example), without building
/// the intermediate tree of boxed values the encoder builds: one buffer, grown geometrically, and no other
/// allocation per value.
///
/// Comma placement needs no stack: a comma is due before any value or key that follows a finished value, and
/// opening a container clears it.
public struct JSONOutput: Sendable {
  /// The UTF-8 bytes written so far.
  public private(set) var bytes: [UInt8] = []
  private var commaDue = false

  /// An empty output with `capacity` bytes reserved.
  public init(capacity: Int = 8192) { bytes.reserveCapacity(capacity) }

  /// The document as text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// `{` (after a comma when a value came before).
  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    commaDue = false
  }
  /// `}`.
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    commaDue = true
  }
  /// `[` (after a comma when a value came before).
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    commaDue = false
  }
  /// `]`.
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    commaDue = true
  }

  /// `"name":` — keys are ASCII identifiers, written by the caller in sorted order.
  public mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    commaDue = false
  }

  /// `true` or `false`.
  public mutating func value(_ flag: Bool) {
    separate()
    let literal: StaticString = flag ? "true" : "false"
    literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    commaDue = true
  }

  /// A string, escaped as `JSONEncoder` escapes it: `"`, `\` and control characters; `/` and non-ASCII as is.
  public mutating func value(_ text: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      // Most text needs no escape: test eight bytes at a time for a quote, a backslash or a control character.
      if !Self.mayNeedEscape(utf8) {
        bytes.append(contentsOf: utf8)
        return
      }
      var start = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        start = index + 1
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
          let low = byte & 0xF
          bytes.append(contentsOf: [
            0x5C, UInt8(ascii: "u"), 0x30, 0x30, 0x30 + (byte >> 4), low < 10 ? 0x30 + low : 0x57 + low,
          ])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
    }
    bytes.append(UInt8(ascii: "\""))
    commaDue = true
  }

  /// `false` when no byte of `utf8` is `"`, `\` or below 0x20 (word-at-a-time "has byte" tests, exact).
  static func mayNeedEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = utf8.baseAddress else { return false }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
    var offset = 0
    while offset + 8 <= utf8.count {
      let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      if (word &- ones &* 0x20) & ~word & highs != 0 || hasZeroByte(word ^ (ones &* 0x22))
        || hasZeroByte(word ^ (ones &* 0x5C))
      {
        return true
      }
      offset += 8
    }
    while offset < utf8.count {
      let byte = utf8[offset]
      if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
      offset += 1
    }
    return false
  }

  /// An array of strings.
  public mutating func value(_ strings: [String]) {
    beginArray()
    for string in strings { value(string) }
    endArray()
  }

  /// An array of values.
  public mutating func value(_ items: [some JSONWritable]) {
    beginArray()
    for item in items { item.write(to: &self) }
    endArray()
  }

  /// `"name":value`, or nothing when `value` is `nil` (as `encodeIfPresent` does).
  public mutating func field(_ name: StaticString, _ text: String?) {
    guard let text else { return }
    key(name)
    value(text)
  }

  /// `"name":` for a key known only at run time; `name` must be an ASCII identifier (a schema field name), which
  /// needs no escape.
  public mutating func key(identifier name: String) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: name.utf8)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    commaDue = false
  }

  /// A whole number.
  public mutating func value(_ number: Int64) {
    separate()
    if number >= 0 && number < 10 {
      bytes.append(0x30 + UInt8(number))
    } else {
      bytes.append(contentsOf: String(number).utf8)
    }
    commaDue = true
  }

  /// A whole number.
  public mutating func value(_ number: Int) { value(Int64(number)) }

  /// A number as `JSONEncoder` writes a `Double`: its shortest round-trip form (Swift's `description`) without a
  /// trailing `.0` (`5`, `5.5`, `1e+20`, `1e-07`). JSON has no NaN or infinity: one is written as `null` and
  /// ``hasInvalidNumber`` is set, so the caller can refuse the document as `JSONEncoder` would.
  public mutating func value(_ number: Double) {
    separate()
    if number.isFinite {
      let text = number.description
      bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    } else {
      hasInvalidNumber = true
      bytes.append(contentsOf: "null".utf8)
    }
    commaDue = true
  }

  /// Whether a number could not be written (NaN or infinite): `JSONEncoder` refuses such a document.
  public private(set) var hasInvalidNumber = false

  /// `"name":value`, or nothing when `value` is `nil`.
  public mutating func field(_ name: StaticString, _ number: Int64?) {
    guard let number else { return }
    key(name)
    value(number)
  }

  /// `"name":value`, or nothing when `value` is `nil`.
  public mutating func field(_ name: StaticString, _ item: (some JSONWritable)?) {
    guard let item else { return }
    key(name)
    item.write(to: &self)
  }

  private mutating func separate() {
    if commaDue { bytes.append(UInt8(ascii: ",")) }
  }
}

/// A value ``JSONOutput`` can write: the same document as its `Encodable` conformance.
public protocol JSONWritable {
  func write(to output: inout JSONOutput)
}

extension Array: JSONWritable where Element: JSONWritable {
  /// Writes the elements as a JSON array.
  public func write(to output: inout JSONOutput) { output.value(self) }
}

extension JSONWritable {
  /// The value as a JSON document.
  public var jsonBytes: [UInt8] {
    var output = JSONOutput()
    write(to: &output)
    return output.bytes
  }
}
