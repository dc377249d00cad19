import Foundation

/// A one-input table used as a code mapping (grade → grouping grade, NX → N0).
struct MappingTable<Input: RuleCode, Output: RuleCode>: Sendable {
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
  func run(_ mask: UInt64, number: Double = .nan, _ trace: inout Trace, field: String = "t",
           inputs: @autoclosure () -> String = "") throws(StagingError) -> (value: Output, qualifier: String?, row: Int) {
    let row: Int
    let outcome: Outcome
    do { (row, outcome) = try evaluate(mask, number: number) } catch { throw .ruleTable(error) }
    trace.record(table, row: row, inputs: inputs())
    switch outcome {
    case .value(let value, let qualifier): return (value, qualifier, row)
    case .error(let message): throw .invalidCombination(field: field, message: message)
    }
  }
}
