import Foundation
import Testing

/// `leio incidence` (issue 16 §2): the text table, the JSON shape, and input errors.
@Suite("leio incidence")
struct IncidenceCommandTests {
  static let mgus2 = CLIRunner.fixtures.appendingPathComponent("competing/mgus2.csv").path

  @Test("text and JSON: every group and cause, with the estimates at the chosen times (as cmprsk's timepoints)")
  func output() throws {
    let text = try CLIRunner.run([
      "incidence", Self.mgus2, "--time", "etime", "--status", "event", "--by", "sex", "--at", "120",
    ])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("1384 rows used, 0 dropped"))
    // cmprsk 2.2-11: timepoints(cuminc(etime, event, sex), 120)$est["F 1", ] = 0.07388566
    #expect(text.stdout.contains("sex=F") && text.stdout.contains("0.0739"))
    // cmprsk: cuminc(etime, event, sex)$Tests["2", "stat"] = 11.651259012127738
    #expect(text.stdout.contains("Gray's test, cause 2: chi-square = 11.651 on 1 df"), "\(text.stdout)")
    let json = try CLIRunner.run([
      "incidence", Self.mgus2, "--time", "etime", "--status", "event", "--at", "120", "--json",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let groups = try #require(object?["groups"] as? [[String: Any]])
    #expect(groups.count == 2 && groups.map { $0["cause"] as? Int } == [1, 2])
    let at = try #require((groups[0]["at"] as? [[String: Any]])?.first)
    #expect(abs((at["estimate"] as? Double ?? 0) - 0.063722168013112867) < 1e-12)
    #expect((at["lower"] as? Double ?? 1) < (at["estimate"] as? Double ?? 0))
  }

  @Test("a status that is not 0…k exits 65 with the row; a missing column exits 64, as leio survival")
  func errors() throws {
    let bad = try CLIRunner.run(["incidence", "-", "--time", "t", "--status", "s"], stdin: "t,s\n1,0\n2,x\n")
    #expect(bad.status == 65 && bad.stderr.contains("row 3"), "\(bad.stderr)")
    let missing = try CLIRunner.run(["incidence", "-", "--time", "t", "--status", "q"], stdin: "t,s\n1,0\n")
    #expect(missing.status == 64 && missing.stderr.contains("no column 'q'"))
  }
}
