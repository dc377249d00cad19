import Foundation

/// A rule code that can be read from user text, case-insensitively, with
/// documented alternative spellings.
///
/// Parsing compares bytes without allocating, so the CSV hot path can call it
/// per field.
public protocol ClinicalCode: RuleCode {
  /// Extra accepted spellings (compared case-insensitively), such as `"3"` for
  /// `G3`.
  static var aliases: [(String, Self)] { get }
}

extension ClinicalCode {
  /// No other spellings (the default).
  public static var aliases: [(String, Self)] { [] }

  /// The code written as `text` (surrounding blanks ignored), or `nil`.
  public static func parse(_ text: some StringProtocol) -> Self? {
    if let found = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return found }
    return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
  }

  /// The code written in `bytes` (UTF-8, surrounding blanks ignored), or `nil`.
  ///
  /// Compares lengths first and bytes only for candidates of the right length,
  /// folding ASCII case; no allocation.
  static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Self? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    let input = UnsafeBufferPointer(rebasing: bytes[start..<end])
    for code in allCases where matches(code.rawValue, input) { return code }
    for (spelling, code) in aliases where matches(spelling, input) { return code }
    return nil
  }

  private static func matches(_ spelling: String, _ input: UnsafeBufferPointer<UInt8>) -> Bool {
    guard spelling.utf8.count == input.count else { return false }
    var spelling = spelling
    return spelling.withUTF8 { expected in
      for index in 0..<expected.count {
        let a = expected[index]
        let b = input[index]
        if a != b, (a | 0x20) != (b | 0x20) || !((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) { return false }
      }
      return true
    }
  }

  /// The code written as `text`, or a field-level error listing the accepted
  /// codes.
  ///
  /// - Throws: ``StagingError/invalidValue(field:value:expected:)``.
  public static func parse(_ text: some StringProtocol, field: String) throws -> Self {
    guard let code = parse(text) else {
      throw StagingError.invalidValue(field: field, value: String(text), expected: acceptedSpellings)
    }
    return code
  }

  /// Every accepted spelling, for error messages and `--help`.
  public static var acceptedSpellings: [String] { allCases.map(\.rawValue) + aliases.map(\.0) }
}

extension Collection where Element == UInt8, SubSequence: Collection<UInt8> {
  /// The bytes without leading and trailing spaces or tabs.
  var trimmingASCIISpaces: SubSequence {
    var start = startIndex
    var end = endIndex
    while start != end, self[start] == 0x20 || self[start] == 0x09 { formIndex(after: &start) }
    while end != start {
      let last = index(end, offsetBy: -1)
      guard self[last] == 0x20 || self[last] == 0x09 else { break }
      end = last
    }
    return self[start..<end]
  }
}

extension Sequence where Element == UInt8 {
  /// Byte-wise equality, folding ASCII letters to lower case.
  func equalsIgnoringASCIICase(_ other: some Sequence<UInt8>) -> Bool {
    var left = makeIterator()
    var right = other.makeIterator()
    while true {
      switch (left.next(), right.next()) {
      case (nil, nil): return true
      case (let a?, let b?):
        let lowerA = a >= 65 && a <= 90 ? a + 32 : a
        let lowerB = b >= 65 && b <= 90 ? b + 32 : b
        if lowerA != lowerB { return false }
      default: return false
      }
    }
  }
}
