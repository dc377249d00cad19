import Foundation

/// One numeric condition of a rule row: a range or "value missing".
///
/// Written in a table as `{"gt": 5, "le": 10}` (greater than 5, at most 10) or
/// `{"missing": true}`. Bounds are compared exactly, without rounding
/// (reference §0.3, DECISION D-01).
public struct NumericCell: Sendable, Hashable, Codable {
  /// Lower bound, exclusive.
  public var gt: Double?
  /// Lower bound, inclusive.
  public var ge: Double?
  /// Upper bound, exclusive.
  public var lt: Double?
  /// Upper bound, inclusive.
  public var le: Double?
  /// Matches only a missing value (NaN) when `true`.
  public var missing: Bool?

  /// Whether `value` satisfies the cell. A missing value is NaN.
  /// Whether the cell places no condition (any value, including missing).
  @inlinable
  public var isAny: Bool { missing != true && gt == nil && ge == nil && lt == nil && le == nil }

  /// Whether `value` falls in the cell's interval.
  @inlinable
  public func contains(_ value: Double) -> Bool {
    if missing == true { return value.isNaN }
    if isAny { return true }
    if value.isNaN { return false }
    if let gt, !(value > gt) { return false }
    if let ge, !(value >= ge) { return false }
    if let lt, !(value < lt) { return false }
    if let le, !(value <= le) { return false }
    return true
  }

  /// The finite bounds of the cell: the cut-points a table uses.
  var bounds: [Double] { [gt, ge, lt, le].compactMap { $0 } }

  /// Whether some value satisfies both cells.
  func overlaps(_ other: NumericCell) -> Bool {
    if isAny || other.isAny { return true }
    if (missing == true) != (other.missing == true) { return false }
    if missing == true { return true }
    let lower = [(gt, false), (ge, true), (other.gt, false), (other.ge, true)]
      .compactMap { bound, inclusive in bound.map { ($0, inclusive) } }
      .max { a, b in a.0 < b.0 || (a.0 == b.0 && a.1 && !b.1) }
    let upper = [(lt, false), (le, true), (other.lt, false), (other.le, true)]
      .compactMap { bound, inclusive in bound.map { ($0, inclusive) } }
      .min { a, b in a.0 < b.0 || (a.0 == b.0 && !a.1 && b.1) }
    guard let lower, let upper else { return true }
    if lower.0 < upper.0 { return true }
    return lower.0 == upper.0 && lower.1 && upper.1
  }

  /// A short human-readable form such as "> 5 and ≤ 10".
  public var summary: String {
    if missing == true { return "missing" }
    var parts: [String] = []
    if let gt { parts.append("> \(gt.clinicalText)") }
    if let ge { parts.append("≥ \(ge.clinicalText)") }
    if let lt { parts.append("< \(lt.clinicalText)") }
    if let le { parts.append("≤ \(le.clinicalText)") }
    return parts.isEmpty ? "any" : parts.joined(separator: " and ")
  }
}

extension Double {
  /// The shortest decimal text for a clinical value: `5`, `5.1`, `0.25`.
  public var clinicalText: String {
    if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
    return String(self)
  }
}

/// A ``NumericCell`` compiled for evaluation: plain bounds (±∞ when open) and
/// flags, so a test is two comparisons.
@usableFromInline
struct CompiledNumericCell: Sendable {
  @usableFromInline let lower: Double
  @usableFromInline let lowerInclusive: Bool
  @usableFromInline let upper: Double
  @usableFromInline let upperInclusive: Bool
  @usableFromInline let matchesMissing: Bool
  @usableFromInline let matchesNumbers: Bool

  init(_ cell: NumericCell) {
    let any = cell.isAny
    matchesMissing = any || cell.missing == true
    matchesNumbers = cell.missing != true
    if let gt = cell.gt {
      (lower, lowerInclusive) = (gt, false)
    } else {
      (lower, lowerInclusive) = (cell.ge ?? -.infinity, true)
    }
    if let lt = cell.lt {
      (upper, upperInclusive) = (lt, false)
    } else {
      (upper, upperInclusive) = (cell.le ?? .infinity, true)
    }
  }

  @inlinable
  func contains(_ value: Double) -> Bool {
    if value.isNaN { return matchesMissing }
    guard matchesNumbers else { return false }
    let aboveLower = lowerInclusive ? value >= lower : value > lower
    let belowUpper = upperInclusive ? value <= upper : value < upper
    return aboveLower && belowUpper
  }
}
