import Foundation

/// A closed set of clinical codes that a rule table can name in a column.
///
/// Conforming types are plain enums whose raw value is the code as written in
/// the tables and in JSON (`"T2b"`, `"N0"`, `"IIIA"`). Their declaration order
/// is their ordinal, which the compiled tables use to find a code's bit without
/// hashing.
public protocol RuleCode: CaseIterable, Hashable, Sendable, Codable, RawRepresentable
where RawValue == String, AllCases == [Self] {}

extension RuleCode {
  /// The position of the case in `allCases`.
  ///
  /// Payload-free enums store their case index in a single byte;
  /// ``RuleTable/bind(_:as:)`` verifies that this holds for the type before
  /// any table uses it, so the read is checked once, not per call.
  @inlinable
  var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

  /// Whether `ordinal` is a faithful index into `allCases` for this type.
  static var hasByteOrdinals: Bool {
    MemoryLayout<Self>.size == 1
      && allCases.enumerated().allSatisfy { index, code in code.ordinal == index }
  }
}
