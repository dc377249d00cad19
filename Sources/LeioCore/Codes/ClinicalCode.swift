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

  /// The raw values and aliases laid out for parsing, built once per type: every conforming type declares
  /// `public static let spellings = CodeSpellings<Self>()`.
  static var spellings: CodeSpellings<Self> { get }
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
    return spellings.code(UnsafeBufferPointer(rebasing: bytes[start..<end]))
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

/// A code type's accepted spellings (raw values first, then aliases, in declaration order) as one byte array with
/// ASCII letters lower-cased, and a list of (offset, length, code): parsing compares lengths, then bytes, and touches
/// no string and no reference count.
public struct CodeSpellings<Code: ClinicalCode>: Sendable {
  private struct Entry: Sendable {
    let offset: Int
    let count: Int
    let code: Code
  }

  private let bytes: [UInt8]
  private let entries: [Entry]

  /// The spellings of `Code`: its raw values, then its aliases.
  public init() {
    var bytes: [UInt8] = []
    var entries: [Entry] = []
    for (spelling, code) in Code.allCases.map({ ($0.rawValue, $0) }) + Code.aliases {
      entries.append(Entry(offset: bytes.count, count: spelling.utf8.count, code: code))
      bytes.append(contentsOf: spelling.utf8.map(Self.fold))
    }
    self.bytes = bytes
    self.entries = entries
  }

  /// ASCII upper-case letters to lower case; every other byte unchanged.
  @inline(__always)
  private static func fold(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

  /// The first code spelled exactly `input` (ASCII case folded), or `nil`.
  func code(_ input: UnsafeBufferPointer<UInt8>) -> Code? {
    bytes.withUnsafeBufferPointer { bytes in
      entries.withUnsafeBufferPointer { entries in
        candidates: for entry in entries where entry.count == input.count {
          for index in 0..<entry.count where bytes[entry.offset + index] != Self.fold(input[index]) {
            continue candidates
          }
          return entry.code
        }
        return nil
      }
    }
  }
}
