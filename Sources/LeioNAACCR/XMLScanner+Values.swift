import Foundation

/// Reading what ``XMLScanner`` found: names and values as text or bytes, references decoded.
extension XMLScanner {
  /// Decodes the reference at `index` (an `&`): the scalar and the offset after its `;`.
  static func reference(_ buffer: UnsafeMutablePointer<UInt8>, _ index: Int, _ limit: Int) -> (Unicode.Scalar, Int)? {
    var semicolon = index + 1
    while semicolon < limit, semicolon - index < 12, buffer[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
    guard semicolon < limit, buffer[semicolon] == UInt8(ascii: ";") else { return nil }
    let body = UnsafeBufferPointer(start: buffer + index + 1, count: semicolon - index - 1)
    let next = semicolon + 1
    switch String(decoding: body, as: UTF8.self) {
    case "amp": return ("&", next)
    case "lt": return ("<", next)
    case "gt": return (">", next)
    case "quot": return ("\"", next)
    case "apos": return ("'", next)
    case let text where text.hasPrefix("#x"):
      guard let value = UInt32(text.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
      return (scalar, next)
    case let text where text.hasPrefix("#"):
      guard let value = UInt32(text.dropFirst(1)), let scalar = Unicode.Scalar(value) else { return nil }
      return (scalar, next)
    default: return nil
    }
  }

  /// The bytes of `range` as text (for messages and names).
  func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count), as: UTF8.self)
  }

  /// Whether two ranges hold the same bytes.
  func equal(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
    left.count == right.count && memcmp(buffer + left.lowerBound, buffer + right.lowerBound, left.count) == 0
  }

  /// Whether `range` holds exactly `bytes`.
  func equal(_ range: Range<Int>, _ bytes: [UInt8]) -> Bool {
    range.count == bytes.count
      && bytes.withUnsafeBufferPointer { memcmp(buffer + range.lowerBound, $0.baseAddress!, bytes.count) == 0 }
  }

  /// Appends the decoded bytes of `range` (references replaced) to `output`.
  func decode(_ range: Range<Int>, entities: Bool, into output: inout [UInt8]) {
    guard entities else {
      output.append(contentsOf: UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count))
      return
    }
    var index = range.lowerBound
    while index < range.upperBound {
      if buffer[index] == UInt8(ascii: "&"), let (scalar, next) = Self.reference(buffer, index, range.upperBound) {
        output.append(contentsOf: String(Character(scalar)).utf8)
        index = next
      } else {
        output.append(buffer[index])
        index += 1
      }
    }
  }
}
