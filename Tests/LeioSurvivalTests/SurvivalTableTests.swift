import Foundation
import LeioSurvival
import Testing

/// The survival column table: reading from bytes, dropping incomplete rows, factor levels, and readable errors.
@Suite("Survival table")
struct SurvivalTableTests {
  static let csv = """
    id,months,died,stage,age
    1,12,1,regional,60
    2,NA,0,localized,55
    3,30,0, ,70
    4,7.5,TRUE,distant,NA
    5,40,false,localized,48
    6,3,1,distant,81

    """

  @Test("rows with a missing value in a used column are dropped and counted; the rest keep their order")
  func dropsIncompleteRows() throws {
    let table = try SurvivalTable(csv: Array(Self.csv.utf8), time: "months", event: "died", columns: ["stage"])
    #expect(table.rowsRead == 6 && table.dropped == 2)
    #expect(table.time == [12, 7.5, 40, 3] && table.event == [true, true, false, true])
    #expect(table.values("stage") == ["regional", "distant", "localized", "distant"])
    let withAge = try SurvivalTable(
      csv: Array(Self.csv.utf8), time: "months", event: "died", columns: ["stage", "age"])
    #expect(withAge.dropped == 3 && withAge.values("age") == ["60", "48", "81"])
  }

  @Test("factor levels: numeric order when every level is a number, else alphabetical (R's factor)")
  func factors() {
    let words = Factor(["regional", "distant", "localized", "distant"])
    #expect(words.levels == ["distant", "localized", "regional"] && words.codes == [2, 0, 1, 0])
    let numbers = Factor(["10", "9", "100", "9"])
    #expect(numbers.levels == ["9", "10", "100"] && numbers.codes == [1, 0, 2, 0])
  }

  @Test("reading in chunks of any size gives the same table", arguments: [1, 2, 3, 7, 64, 4096])
  func chunks(_ size: Int) throws {
    let bytes = Array(Self.csv.utf8)
    var reader = try SurvivalTable.Reader(time: "months", event: "died", columns: ["stage"])
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + size)
      bytes[offset..<end].withUnsafeBytes { reader.append($0) }
      offset = end
    }
    let table = try reader.finish()
    let whole = try SurvivalTable(csv: bytes, time: "months", event: "died", columns: ["stage"])
    #expect(table.time == whole.time && table.event == whole.event && table.values("stage") == whole.values("stage"))
  }

  @Test(
    "errors name the line and the value",
    arguments: [
      ("t,e\n1,1\n-2,0\n", SurvivalTableError.badTime(line: 3, value: "-2")),
      ("t,e\n1,1\nsoon,0\n", .badTime(line: 3, value: "soon")),
      ("t,e\n1,1\n2,maybe\n", .badStatus(line: 3, value: "maybe")),
      ("t,e\n1,1\n2,0,9\n", .raggedRow(line: 3, fields: 3, expected: 2)),
      ("time,e\n1,1\n", .missingColumns(["t"])),
    ])
  func errors(_ text: String, _ expected: SurvivalTableError) {
    #expect(throws: expected) { try SurvivalTable(csv: Array(text.utf8), time: "t", event: "e") }
  }

  @Test("a column cannot play two roles")
  func duplicateRoles() {
    #expect(throws: SurvivalTableError.duplicateColumn("t")) {
      try SurvivalTable.Reader(time: "t", event: "e", columns: ["t"])
    }
  }

  @Test("1/2 status coding: 2 is the event, as R's Surv")
  func oneTwo() throws {
    let table = try SurvivalTable(csv: Array("t,e\n1,1\n2,2\n3,1\n".utf8), time: "t", event: "e")
    #expect(table.event == [false, true, false])
  }

  @Test("the report of a table agrees with the estimators called directly")
  func report() throws {
    let table = try SurvivalTable(csv: Array(Self.csv.utf8), time: "months", event: "died", columns: ["stage"])
    let report = SurvivalReport(table: table, by: "stage", strata: nil, at: [10])
    #expect(report.groups.map(\.group) == ["stage=distant", "stage=localized", "stage=regional"])
    #expect(report.n == 4 && report.nDropped == 2 && report.logRank != nil)
    let distant = KaplanMeierEstimator.fit(time: [7.5, 3], event: [true, true])
    #expect(
      report.groups[0].curve.survival == distant.survival && report.groups[0].curve.time == distant.time
        && report.groups[0].curve.median == distant.median)
  }
}
