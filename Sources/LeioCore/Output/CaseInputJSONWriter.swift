import Foundation

// The case document and calendar dates as JSON without `JSONEncoder`, for the registry API's case files: the same
// bytes as their `Encodable` conformances under `[.sortedKeys, .withoutEscapingSlashes]` (LeioCoreTests and
// LeioStoreTests compare them). The field order comes from the schema, sorted once as `JSONEncoder` sorts keys (by
// their UTF-8 bytes), so a field added to the schema needs nothing here.

extension CaseInput: JSONWritable {
  /// The top-level fields in key order; `nil` stands for the nested `fnclcc` object.
  private static let keyOrder: [CaseField?] = (CaseSchema.topLevel.map { ($0.name, Optional($0)) } + [("fnclcc", nil)])
    .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }.map(\.1)
  private static let fnclccKeyOrder = CaseSchema.fnclccMembers.sorted {
    $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
  }

  /// Writes the case document: its given fields, and the `fnclcc` object when it was given or has members.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    for entry in Self.keyOrder {
      if let field = entry {
        guard let value = self[field] else { continue }
        output.key(identifier: field.name)
        value.write(to: &output)
      } else if fnclccGiven || Self.fnclccKeyOrder.contains(where: { self[$0] != nil }) {
        output.key("fnclcc")
        output.beginObject()
        for field in Self.fnclccKeyOrder {
          guard let value = self[field] else { continue }
          output.key(identifier: field.name)
          value.write(to: &output)
        }
        output.endObject()
      }
    }
    output.endObject()
  }
}

extension CaseValue: JSONWritable {
  /// Writes the value as its JSON type: a string, a number, a boolean or an array of strings.
  public func write(to output: inout JSONOutput) {
    switch self {
    case .text(let text): output.value(text)
    case .number(let number): output.value(number)
    case .whole(let whole): output.value(whole)
    case .flag(let flag): output.value(flag)
    case .list(let items): output.value(items)
    }
  }
}

extension CalendarDate: JSONWritable {
  /// Writes the date as its `YYYY-MM-DD` string.
  public func write(to output: inout JSONOutput) { output.value(description) }
}
