import Foundation

/// A one-input table used as a code mapping (grade → grouping grade, NX → N0);
/// a shared, immutable instance like ``BoundTable``.
final class MappingTable<Input: RuleCode, Output: RuleCode>: Sendable {
  let bound: BoundTable<Output>
  let input: InputColumn<Input>

  init(_ table: RuleTable, input key: String) throws {
    bound = try BoundTable(table)
    input = try bound.input(key, as: Input.self)
  }

  /// The mapped code, recording the row in `trace`.
  func map(_ value: Input, _ trace: inout Trace) throws(StagingError) -> Output {
    try bound.run(input.bit(value), &trace).value
  }
}

extension BoundTable {
  /// Evaluates the table, records the row, and turns an `error` row into
  /// ``StagingError/invalidCombination(field:message:)``.
  func run(
    _ mask: UInt64, number: Double = .nan, _ trace: inout Trace, field: String = "t",
    inputs: @autoclosure () -> String = ""
  ) throws(StagingError) -> (value: Output, row: Int) {
    guard let row = table.match(mask, number: number) else { throw .ruleTable(.noMatchingRow(table: table.id)) }
    trace.record(table, row: row, inputs: inputs())
    guard let value = values[row] else {
      if case .error(let message) = outcomes[row] { throw .invalidCombination(field: field, message: message) }
      throw .ruleTable(.noMatchingRow(table: table.id))
    }
    return (value, row)
  }
}
