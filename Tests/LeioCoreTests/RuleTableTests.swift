import Foundation
import LeioCore
import Testing

@Suite("Rule tables")
struct RuleTableTests {
  static let tables: [RuleTable] = ((try? Staging.ruleTables()) ?? [:]).values.sorted { $0.id < $1.id }

  @Test("all 21 tables load") func load() throws {
    #expect(try Staging.ruleTables().count == 21)
  }

  @Test("exactly one row matches every input combination", arguments: tables.map(\.id))
  func exhaustive(_ id: String) throws {
    let table = try #require(try Staging.ruleTables()[id])
    var problems: [String] = []
    for codes in table.allCategoricalInputs {
      let mask = try #require(table.mask(codes))
      for number in table.numericProbes {
        let rows = table.matchingRows(mask, number: number)
        if rows.count != 1 { problems.append("\(codes) size \(number): \(rows.count) rows") }
        if table.match(mask, number: number) != rows.first {
          problems.append(
            "\(codes) size \(number): fast path row \(String(describing: table.match(mask, number: number))) ≠ scan \(rows)"
          )
        }
      }
    }
    #expect(problems.isEmpty, "\(problems.prefix(10))")
  }

  @Test("every source key is in docs/clinical-sources.md", arguments: tables.map(\.id))
  func sources(_ id: String) throws {
    let table = try #require(try Staging.ruleTables()[id])
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/clinical-sources.md")
    let bibliography = try String(contentsOf: url, encoding: .utf8)
    for key in table.sources { #expect(bibliography.contains("`\(key)`"), "\(id): \(key)") }
    #expect(!table.sources.isEmpty)
  }

  @Test("overlapping rows are rejected")
  func overlap() {
    let json = """
      {"id":"x","version":1,"title":"x","section":"§0","sources":["S"],
       "inputs":[{"key":"a","domain":["p","q"]},{"key":"size","numeric":true}],
       "output":{"key":"o","domain":["A","B"]},
       "rows":[{"when":{"size":{"le":5}},"then":"A","because":"a"},
               {"when":{"a":["p"],"size":{"ge":5}},"then":"B","because":"b"}]}
      """
    #expect(throws: RuleTableError.overlappingRows(table: "x", first: 1, second: 2)) {
      try RuleTable(json: Data(json.utf8))
    }
  }

  @Test("unknown codes are rejected")
  func unknownCode() {
    let json = """
      {"id":"x","version":1,"title":"x","section":"§0","sources":["S"],
       "inputs":[{"key":"a","domain":["p"]}],"output":{"key":"o","domain":["A"]},
       "rows":[{"when":{"a":["z"]},"then":"A","because":"a"}]}
      """
    #expect(throws: RuleTableError.unknownCode(table: "x", column: "a", code: "z")) {
      try RuleTable(json: Data(json.utf8))
    }
  }

  @Test("cut-points come from the tables")
  func cutPoints() throws {
    let tables = try Staging.ruleTables()
    #expect(tables["ajcc7-sts-t"]?.cutPoints == [5])
    #expect(tables["ajcc8-size-t"]?.cutPoints == [5, 10, 15])
    #expect(tables["ajcc8-hn-t"]?.cutPoints == [2, 4])
    #expect(tables["figo2009-t"]?.cutPoints == [5])
    #expect(tables["ajcc8-bone-t"]?.cutPoints == [8])
  }

  /// The manifest of table versions behind ``Staging/rulesVersion``. When a table's version changes, this test fails:
  /// bump `Staging.rulesVersion` and record the new manifest here (the registry stores the version with every stage).
  static let manifest20261201 = [
    "ajcc7-grade@1", "ajcc7-sts-stage@1", "ajcc7-sts-t@1", "ajcc8-bone-t@1", "ajcc8-grade@1", "ajcc8-hn-t@2",
    "ajcc8-nodes@1",
    "ajcc8-rp-stage@1", "ajcc8-size-t@1", "ajcc8-te-stage@1", "ajcc8-visceral-t@2", "figo2009-stage@1", "figo2009-t@1",
    "ss2018-corpus-sarcoma-primary@1", "ss2018-head-and-neck-primary@1", "ss2018-matrix@1", "ss2018-mets@1",
    "ss2018-nodes@1",
    "ss2018-retroperitoneum-primary@1", "ss2018-soft-tissue-primary@1", "ss2018-visceral-primary@1",
  ]

  @Test("the rules version names the shipped table versions")
  func rulesVersion() throws {
    #expect(Staging.rulesVersion == "leio-rules-2026.12.1")
    #expect(
      try Staging.rulesManifest() == Self.manifest20261201,
      "a table version changed: bump Staging.rulesVersion and record the manifest")
  }
}
