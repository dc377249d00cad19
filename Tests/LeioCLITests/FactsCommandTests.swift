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

@Suite("leio prognosis")
struct PrognosisCommandTests {
  @Test("text output labels patient-material figures and carries the caveats")
  func text() throws {
    let output = try CLIRunner.run(
      ["prognosis", "--input", "-"],
      stdin: #"{"site":"uterus","sizeCm":6,"uterineExtent":"confined","nodes":"N0","metastasis":"M0"}"#)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("Population: uterine leiomyosarcoma"))
    #expect(output.stdout.contains("What patient materials report:"))
    #expect(output.stdout.contains("not independently verified"))
    #expect(output.stdout.contains("not a prediction for one person"))
  }

  @Test("GIST exits 65 with the GIST message")
  func gist() throws {
    let output = try CLIRunner.run(
      ["prognosis", "--input", "-"], stdin: #"{"topography":"C16.9","histology":"8936/3"}"#)
    #expect(output.status == 65)
    #expect(output.stderr.contains("GIST is a different disease"))
  }
}

@Suite("leio options")
struct OptionsCommandTests {
  @Test("text output has the banner, the trial pointer and no ranking language")
  func text() throws {
    let output = try CLIRunner.run(
      ["options", "--input", "-", "--margin", "R1"],
      stdin: #"{"site":"extremity","sizeCm":8,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0"}"#)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(
      output.stdout.hasPrefix(
        "General information from published guidelines. Treatment decisions belong to your sarcoma team."))
    #expect(output.stdout.contains("in no order of preference"))
    #expect(output.stdout.contains("ClinicalTrials.gov"))
  }

  @Test("a margin with metastatic disease exits 65")
  func inconsistent() throws {
    let output = try CLIRunner.run(
      ["options", "--input", "-", "--margin", "R0"], stdin: #"{"site":"extremity","metastasis":"M1"}"#)
    #expect(output.status == 65)
    #expect(output.stderr.contains("margin"))
  }
}
