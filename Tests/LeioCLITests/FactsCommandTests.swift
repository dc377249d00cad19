import Foundation
import Testing

@Suite("leio facts")
struct FactsCommandTests {
  @Test("search as JSON ranks the recurrence facts first")
  func searchJSON() throws {
    let output = try CLIRunner.run(["facts", "search", "does it come back", "--json"])
    #expect(output.status == 0)
    let hits = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
    let first = try #require((hits.first?["fact"] as? [String: Any])?["id"] as? String)
    #expect(first.hasPrefix("recurrence"))
  }

  @Test("show prints values, sources and the disclaimer")
  func show() throws {
    let output = try CLIRunner.run(["facts", "show", "survival-sts"])
    #expect(output.status == 0)
    #expect(output.stdout.contains("Sources differ (C-04)"))
    #expect(output.stdout.contains("not independently verified"))
    #expect(output.stdout.contains("[ROSWELL]"))
    #expect(output.stdout.contains("not a medical device"))
  }

  @Test("an unknown id exits 65; a bad audience exits 64")
  func errors() throws {
    let unknown = try CLIRunner.run(["facts", "show", "nothing-here"])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("id: 'nothing-here'"))
    #expect(try CLIRunner.run(["facts", "search", "x", "--audience", "robots"]).status == 64)
  }
}
