import Foundation

/// A categorical input column of a table, bound to a Swift code type.
///
/// Holds one precomputed bit per case of `Code`; a case outside the column's
/// domain has no bit, and ``allows(_:)`` is `false` for it.
public struct InputColumn<Code: RuleCode>: Sendable {
  @usableFromInline let bits: [UInt64]
  /// The column's domain, in table order.
  public let domain: [Code]

  /// The mask bit of `code`, or 0 when the column does not accept it.
  @inlinable
  public func bit(_ code: Code) -> UInt64 { bits[code.ordinal] }

  /// Whether the column accepts `code`.
  public func allows(_ code: Code) -> Bool { bits[code.ordinal] != 0 }
}

/// A rule table whose output column is bound to a Swift code type.
///
/// - Note: an immutable `final class` for the same reason as ``RuleTable``.
public final class BoundTable<Output: RuleCode>: Sendable {
  /// A row's outcome in typed form.
  public enum Outcome: Sendable, Hashable {
    /// A code, with the row's qualifier.
    case value(Output, qualifier: String?)
    /// The combination is invalid; the message says why.
    case error(String)
  }

  /// The underlying table.
  public let table: RuleTable
  /// Typed outcome per row.
  public let outcomes: [Outcome]
  /// Every code of the output domain.
  public let outputDomain: [Output]
  /// Per row: whether it implements DECISION D-17 (summary stage estimated).
  let estimatedRows: [Bool]
  /// Per row: the typed value, or `nil` for an error row (trivial to copy).
  @usableFromInline let values: [Output?]
  /// Per row: the qualifier, if any.
  public let qualifiers: [String?]

  /// Binds `table`'s output column to `Output`.
  ///
  /// - Throws: ``RuleTableError/bindingMismatch(table:column:detail:)`` when a
  ///   domain code is not a case of `Output`.
  public init(_ table: RuleTable, as output: Output.Type = Output.self) throws {
    guard Output.hasByteOrdinals else {
      throw RuleTableError.bindingMismatch(
        table: table.id, column: table.output.key, detail: "\(Output.self) is not a plain enum")
    }
    var domain: [Output] = []
    for code in table.output.domain {
      guard let value = Output(rawValue: code) else {
        throw RuleTableError.bindingMismatch(
          table: table.id, column: table.output.key, detail: "'\(code)' is not a \(Output.self)")
      }
      domain.append(value)
    }
    self.table = table
    self.outputDomain = domain
    self.estimatedRows = table.rows.map { $0.decisions.contains("D-17") }
    self.values = table.rows.map { row in
      if case .value(let code, _) = row.outcome { return Output(rawValue: code) } else { return nil }
    }
    self.qualifiers = table.rows.map { row in
      if case .value(_, let qualifier) = row.outcome { return qualifier } else { return nil }
    }
    self.outcomes = table.rows.map { row in
      switch row.outcome {
      case .value(let code, let qualifier): .value(Output(rawValue: code) ?? domain[0], qualifier: qualifier)
      case .error(let message): .error(message)
      }
    }
  }

  /// Binds the categorical input column `key` to `Code`.
  ///
  /// - Throws: ``RuleTableError`` when the column is missing or a domain code
  ///   is not a case of `Code`.
  public func input<Code: RuleCode>(_ key: String, as code: Code.Type) throws -> InputColumn<Code> {
    guard Code.hasByteOrdinals else {
      throw RuleTableError.bindingMismatch(table: table.id, column: key, detail: "\(Code.self) is not a plain enum")
    }
    guard let column = table.column(key), !column.isNumeric else {
      throw RuleTableError.bindingMismatch(table: table.id, column: key, detail: "no categorical column '\(key)'")
    }
    var bits = [UInt64](repeating: 0, count: Code.allCases.count)
    var domain: [Code] = []
    for (index, raw) in column.domain.enumerated() {
      guard let value = Code(rawValue: raw) else {
        throw RuleTableError.bindingMismatch(table: table.id, column: key, detail: "'\(raw)' is not a \(Code.self)")
      }
      bits[value.ordinal] = 1 << UInt64(column.bitOffset + index)
      domain.append(value)
    }
    return InputColumn(bits: bits, domain: domain)
  }
}
