import Testing

@testable import LeioStore

/// Result rows keep their column names once per result; a column is found by name, the last of a repeated name
/// counts (as a dictionary built column by column had it), and a missing or mistyped column is reported as corrupt.
@Suite("Result rows")
struct SQLRowTests {
  @Test("columns by name: typed reads, nulls, a missing column, a repeated name")
  func lookup() throws {
    let row = SQLRow(
      columns: ["id", "version", "note", "score", "id"],
      cells: [.text("first"), .integer(3), .null, .real(2.5), .text("last")])
    #expect(try row.text("id") == "last")
    #expect(try row.integer("version") == 3)
    #expect(try row.optionalText("note") == nil)
    #expect(try row.optionalReal("score") == 2.5)
    #expect(try row.optionalReal("version") == 3)
    #expect(row["absent"] == nil)
    #expect(throws: RegistryError.self) { try row.text("absent") }
    #expect(throws: RegistryError.self) { try row.integer("id") }
    #expect(try row.optionalText("absent") == nil)
    #expect(row.values == ["id": .text("last"), "version": .integer(3), "note": .null, "score": .real(2.5)])
  }

  @Test("a row built from a dictionary reads the same")
  func fromDictionary() throws {
    let values: [String: SQLValue] = ["b": .integer(1), "a": .text("x"), "c": .null]
    let row = SQLRow(values)
    #expect(row.values == values)
    #expect(try row.text("a") == "x" && row.integer("b") == 1 && row.optionalText("c") == nil)
  }
}
