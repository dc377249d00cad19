public import Foundation

extension RuleTable {
  /// The mask for an input given as codes per column key, or `nil` when a key
  /// or code is not in the table.
  ///
  /// For tools and tests; the staging hot path uses ``InputColumn`` bits.
  public func mask(_ codes: [String: String]) -> UInt64? {
    var mask: UInt64 = 0
    for column in inputs where !column.isNumeric {
      guard let code = codes[column.key], let index = column.domain.firstIndex(of: code) else { return nil }
      mask |= 1 << UInt64(column.bitOffset + index)
    }
    return mask
  }

  /// Every combination of the categorical input domains, as key → code.
  public var allCategoricalInputs: [[String: String]] {
    inputs.filter { !$0.isNumeric }.reduce([[:]]) { partial, column in
      partial.flatMap { combination in
        column.domain.map { code in combination.merging([column.key: code]) { $1 } }
      }
    }
  }

  /// Numeric values that probe every band of the table: each cut-point, just
  /// under and over it, a small and a large value, and missing (NaN).
  public var numericProbes: [Double] {
    guard inputs.contains(where: \.isNumeric) else { return [.nan] }
    return [.nan, 0.1, 99] + cutPoints.flatMap { [$0 - 0.01, $0, $0 + 0.01] }
  }

  /// Whether some row that `accept` takes matches some completion of a partly known input: each categorical
  /// column must match `mask` unless its key is in `unknown` (the fact was not given: any value is possible), and
  /// the numeric column must match `number` unless it is missing (NaN: any value is possible). Allocates nothing.
  ///
  /// What a recorded category is checked against: a category is possible when a row that gives it is admitted
  /// (reference §4.1 registrar rule, generalised to every system — issue 11).
  public func admits(_ mask: UInt64, unknown: Set<String>, number: Double, where accept: (Int) -> Bool) -> Bool {
    var knownBits: UInt64 = 0
    var knownColumns = 0
    for column in inputs where !column.isNumeric && !unknown.contains(column.key) {
      knownBits |= ((UInt64(1) << UInt64(column.domain.count)) - 1) << UInt64(column.bitOffset)
      knownColumns += 1
    }
    let given = mask & knownBits
    let completions = inputs.filter { !$0.isNumeric && unknown.contains($0.key) }.map(\.completionBits)
    for index in rowMasks.indices where (rowMasks[index] & given).nonzeroBitCount == knownColumns {
      guard completions.allSatisfy({ rowMasks[index] & $0 != 0 }) else { continue }
      if numericIndex == nil || number.isNaN || rowNumbers[index].contains(number), accept(index) { return true }
    }
    return false
  }

  /// Indexes of every row that matches the input (at most one in a valid table).
  public func matchingRows(_ mask: UInt64, number: Double) -> [Int] {
    rowMasks.indices.filter { index in
      (rowMasks[index] & mask).nonzeroBitCount == categoricalCount
        && (numericIndex == nil || rowNumbers[index].contains(number))
    }
  }
}
