public import Foundation

/// A decision table loaded from `Resources/Tables/*.json`: inputs, one output,
/// and rows that map input cells to an outcome.
///
/// A table names no disease; ``BoundTable`` gives it typed inputs and outputs.
/// Rows never overlap (the loader rejects tables where they do), so the order
/// of rows carries no meaning and one input matches at most one row. A test
/// expands every table over its input domains to prove there are no gaps.
///
/// Categorical columns are compiled into one 64-bit mask: each column owns a run
/// of bits, one per code. An input sets one bit per column; a row holds the bits
/// it accepts; the row matches when the intersection has one bit per column.
/// At most one input column may be numeric.
///
/// - Source: the shape follows the SEER staging algorithms' tables
///   (`[SEER-TNM7]`, `[SEER-EOD]`), with `value` and `error` outcomes.
///
/// - Note: an immutable `final class`: a table is loaded once and shared by
///   every evaluation, so passing it around costs one reference, not a copy of
///   its arrays. Every stored property is a `let` of a `Sendable` value.
public final class RuleTable: Sendable {
  /// A table column: a categorical domain, or a number.
  public struct Column: Sendable, Hashable {
    /// The column's key, as used in row cells and explanations.
    public let key: String
    /// The codes the column accepts; empty for a numeric column.
    public let domain: [String]
    /// Whether the column is numeric.
    public let isNumeric: Bool
    /// The first bit of this column in the compiled mask.
    let bitOffset: Int
    /// The codes only a registry code sets (``EODFactTable``): an unknown fact is never completed with them.
    var registryOnly: [String] = []

    /// The bits of the codes an unknown fact of this column can take.
    var completionBits: UInt64 {
      var bits: UInt64 = 0
      for (index, code) in domain.enumerated() where !registryOnly.contains(code) {
        bits |= UInt64(1) << UInt64(bitOffset + index)
      }
      return bits
    }
  }

  /// What a row yields.
  public enum Outcome: Sendable, Hashable {
    /// A code of the output domain, with an optional qualifier such as
    /// `substageUnknown`.
    case value(String, qualifier: String?)
    /// The input combination is invalid; the message says why.
    case error(String)
  }

  /// One row: its cells as written, its outcome, and why.
  public struct Row: Sendable, Hashable {
    /// The row's position in the table file, from 1.
    public let number: Int
    /// Cells per input key, rendered for explanations (`"T1, T1a, T1b"`,
    /// `"> 5 and ≤ 10"`). Columns the row does not constrain are absent.
    public let cells: [String: String]
    /// What the row yields.
    public let outcome: Outcome
    /// The rule in words.
    public let because: String
    /// The clinical-reference section of this row, or the table's.
    public let section: String
    /// DECISION identifiers of the reference that this row implements.
    public let decisions: [String]
  }

  /// Stable identifier, also the resource file name.
  public let id: String
  /// Bumped whenever a row changes.
  public let version: Int
  /// Title for explanations.
  public let title: String
  /// Clinical-reference section the table implements.
  public let section: String
  /// Source keys (Appendix A of the reference).
  public let sources: [String]
  /// Input columns, in file order.
  public let inputs: [Column]
  /// The output column.
  public let output: Column
  /// The rows, in file order.
  public let rows: [Row]

  @usableFromInline let rowMasks: [UInt64]
  @usableFromInline let rowNumbers: [NumericCell]
  @usableFromInline let numericIndex: Int?
  @usableFromInline let categoricalCount: Int

  /// Every finite numeric bound used by the rows, ascending: the table's
  /// cut-points.
  public let cutPoints: [Double]

  /// Index of the matching row for a compiled input, or `nil`.
  ///
  /// - Parameters:
  ///   - mask: one bit per categorical column, from ``InputColumn/bit(_:)``.
  ///   - number: the numeric input; NaN when missing.
  @inlinable
  public func match(_ mask: UInt64, number: Double = .nan) -> Int? {
    if !denseRows.isEmpty { return denseMatch(mask) }
    let need = categoricalCount
    let hasNumber = numericIndex != nil
    return rowMasks.withUnsafeBufferPointer { masks in
      compiledNumbers.withUnsafeBufferPointer { numbers in
        for index in 0..<masks.count where (masks[index] & mask).nonzeroBitCount == need {
          if !hasNumber || numbers[index].contains(number) { return index }
        }
        return nil
      }
    }
  }

  /// The input column named `key`.
  public func column(_ key: String) -> Column? { inputs.first { $0.key == key } }

  /// Dense index of a table without a numeric column: the matching row (or -1)
  /// of every input combination, addressed by the codes' positions in their
  /// domains (mixed radix). Built at load time from the scan, so it cannot
  /// disagree with it; empty for tables with a numeric column or over 4,096
  /// combinations.
  @usableFromInline let denseRows: [Int16]
  /// The numeric cells compiled for evaluation.
  @usableFromInline let compiledNumbers: [CompiledNumericCell]
  /// Per categorical column: bit offset, domain size and stride in `denseRows`.
  @usableFromInline let denseColumns: [DenseColumn]

  /// A categorical column's place in the dense index.
  @usableFromInline struct DenseColumn: Sendable {
    @usableFromInline let offset: UInt64
    @usableFromInline let width: Int
    @usableFromInline let stride: Int
  }

  @inlinable
  func denseMatch(_ mask: UInt64) -> Int? {
    var index = 0
    for column in denseColumns {
      let position = ((mask >> column.offset) & ((1 << UInt64(column.width)) - 1)).trailingZeroBitCount
      guard position < column.width else { return nil }
      index += position * column.stride
    }
    let row = denseRows[index]
    return row < 0 ? nil : Int(row)
  }

  init(
    id: String, version: Int, title: String, section: String, sources: [String], inputs: [Column], output: Column,
    rows: [Row], rowMasks: [UInt64], rowNumbers: [NumericCell], numericIndex: Int?, categoricalCount: Int
  ) {
    (self.id, self.version, self.title, self.section, self.sources) = (id, version, title, section, sources)
    (self.inputs, self.output, self.rows) = (inputs, output, rows)
    (self.rowMasks, self.rowNumbers, self.numericIndex, self.categoricalCount) = (
      rowMasks, rowNumbers, numericIndex, categoricalCount
    )
    self.cutPoints = Array(Set(rowNumbers.flatMap(\.bounds))).sorted()
    self.compiledNumbers = rowNumbers.map(CompiledNumericCell.init)
    let categorical = inputs.filter { !$0.isNumeric }
    let combinations = categorical.reduce(1) { $0 * max($1.domain.count, 1) }
    guard numericIndex == nil, combinations <= 4096, rows.count < Int(Int16.max) else {
      (denseRows, denseColumns) = ([], [])
      return
    }
    var stride = 1
    var columns: [DenseColumn] = []
    for column in categorical {
      columns.append(DenseColumn(offset: UInt64(column.bitOffset), width: column.domain.count, stride: stride))
      stride *= column.domain.count
    }
    var dense = [Int16](repeating: -1, count: combinations)
    for index in 0..<combinations {
      var mask: UInt64 = 0
      for column in columns {
        mask |= 1 << (column.offset + UInt64(index / column.stride % column.width))
      }
      for (row, rowMask) in rowMasks.enumerated() where (rowMask & mask).nonzeroBitCount == categoricalCount {
        dense[index] = Int16(row)
        break
      }
    }
    (denseRows, denseColumns) = (dense, columns)
  }
}
