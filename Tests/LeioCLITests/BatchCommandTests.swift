import Foundation
import Testing

@Suite("leio batch stage")
struct BatchCommandTests {
  /// A generated registry file: 10,000 rows, every 7th row bad in one of several ways.
  static func generate(rows: Int) -> (csv: String, bad: Set<Int>) {
    var lines = ["id,site,sizeCm,depth,grade,nodes,metastasis,system,t,n,m,uterineExtent,note"]
    var bad: Set<Int> = []
    let sites = ["extremity", "trunk", "retroperitoneum", "headAndNeck", "uterus", "visceral"]
    for index in 0..<rows {
      let site = sites[index % sites.count]
      let size = Double(index % 220) / 10 + 0.5
      var fields = [
        "\(index)", site, String(size), site == "retroperitoneum" || site == "uterus" ? "" : "deep",
        site == "uterus" ? "" : "G\(index % 3 + 1)", index % 5 == 0 ? "N1" : "N0", index % 11 == 0 ? "M1" : "M0",
        "", "", "", "", site == "uterus" ? "confined" : "", "\"free text, with comma\"",
      ]
      if index % 7 == 3 {
        bad.insert(index)
        switch index % 4 {
        case 0: fields[2] = "-4"
        case 1: fields[4] = "G4"
        case 2: fields[2] = "big"
        default: (fields[7], fields[8]) = ("ajcc7", "T9")
        }
      }
      lines.append(fields.joined(separator: ","))
    }
    return (lines.joined(separator: "\r\n") + "\r\n", bad)
  }

  @Test("10,000 rows with bad rows mixed in")
  func generated() throws {
    let (csv, bad) = Self.generate(rows: 10_000)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-batch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("registry.csv")
    let output = directory.appendingPathComponent("staged.csv")
    try Data(csv.utf8).write(to: input)
    let run = try CLIRunner.run(["batch", "stage", input.path, "--output", output.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("staged 10000 rows, \(bad.count) with errors"))
    let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
    #expect(lines.count == 10_001)
    #expect(
      lines[0]
        == "id,site,sizeCm,depth,grade,nodes,metastasis,system,t,n,m,uterineExtent,note,stageGroup,summaryStage,summaryStageCode,error"
    )
    let groups: Set<String> = [
      "I", "IA", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB", "unknown",
      "notApplicable",
    ]
    for (offset, line) in lines.dropFirst().enumerated() {
      #expect(line.hasPrefix("\(offset),"), "row order")
      #expect(line.contains("\"free text, with comma\""), "pass-through column")
      if bad.contains(offset) {
        #expect(line.hasSuffix("\""), "row \(offset) should carry an error: \(line)")
      } else {
        #expect(line.hasSuffix(","), "row \(offset) should have no error: \(line)")
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        let group = String(cells[cells.count - 4])
        #expect(groups.contains(group), "row \(offset): \(group)")
      }
    }
  }

  @Test("a row without system uses AJCC 8, or FIGO 2009 for the uterus; stdin to stdout works")
  func currentStandard() throws {
    let csv =
      "site,sizeCm,depth,grade,nodes,metastasis,uterineExtent\nextremity,8,deep,G2,N0,M0,\nuterus,8,,,N0,M0,confined\nextremity,8,deep,G2,N0,M0,\n"
    let run = try CLIRunner.run(["batch", "stage", "-"], stdin: csv)
    let rows = run.stdout.split(separator: "\n").map(String.init)
    #expect(rows[1].hasSuffix(",IIIA,localized,1,"))
    #expect(rows[2].hasSuffix(",IB,localized,1,"))
  }

  @Test(
    "direct categories per row",
    arguments: [
      ("system,t,n,m,grade\najcc7,T2b,N0,M0,G3\n", ",III,localized,1,"),
      ("system,site,t,n,m,grade\najcc8,retroperitoneum,T4,N1,M0,G2\n", ",IIIB,regional,3,"),
    ])
  func categories(_ csv: String, _ suffix: String) throws {
    let run = try CLIRunner.run(["batch", "stage", "-"], stdin: csv)
    #expect(run.stdout.split(separator: "\n").last.map(String.init)?.hasSuffix(suffix) == true, "\(run.stdout)")
  }

  @Test("an empty file or unclosed quote exits 65", arguments: ["", "site,sizeCm\n\"extremity,4\n"])
  func broken(_ csv: String) throws {
    #expect(try CLIRunner.run(["batch", "stage", "-"], stdin: csv).status == 65)
  }
}
