import Foundation
import LeioCore
import Testing

/// One worked example of reference §12, as stored in `Tests/Fixtures/worked-examples.json`.
struct WorkedExample: Decodable, Sendable, CustomTestStringConvertible {
  let id: String
  let input: CaseInput
  let ajcc7: String?
  let ajcc8: String?
  let figo2009: String?
  let summaryStage: String?
  var testDescription: String { id }

  static let all: [WorkedExample] = {
    struct File: Decodable { let examples: [WorkedExample] }
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/worked-examples.json")
    guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else {
      return []
    }
    return file.examples
  }()

  /// The expected result per system: nil when the example says nothing.
  var expectations: [(StagingSystem, String)] {
    [(.ajcc7, ajcc7), (.ajcc8, ajcc8), (.figo2009, figo2009)].compactMap { system, text in text.map { (system, $0) } }
  }
}

/// Renders a result the way §12 writes it: `T2b N0 M0 G3 III`, `T1 N0 M0 none`, `n/a`.
func rendered(_ result: StagingResult, like expected: String) -> String {
  if result.status == .notApplicable { return "n/a" }
  if result.status == .notImplemented, result.t == nil { return "not implemented" }
  var tokens = [result.t?.rawValue ?? "-", result.n?.rawValue ?? "-", result.m?.rawValue ?? "-"]
  if expected.split(separator: " ").count == 5, let grade = result.grade { tokens.append(grade.rawValue) }
  tokens.append(result.status == .noGroupDefined ? "none" : result.stageGroup.rawValue)
  return tokens.joined(separator: " ")
}

@Suite("Worked examples of reference §12")
struct WorkedExampleTests {
  @Test("fixture file loads") func fixturesLoad() {
    #expect(WorkedExample.all.count == 68)
  }

  @Test("clinical facts give the reference's answer", arguments: WorkedExample.all)
  func facts(_ example: WorkedExample) throws {
    for (system, expected) in example.expectations {
      let report = try Staging.stage(example.input, systems: [system])
      let result = try #require(report.results.first)
      #expect(rendered(result, like: expected) == expected, "\(example.id) \(system.rawValue)")
    }
    if let ss = example.summaryStage {
      let report = try Staging.stage(example.input)
      #expect(report.summaryStage.code?.rawValue == ss, "\(example.id) summary stage")
    }
  }

  @Test("registrar categories give the same stage group", arguments: WorkedExample.all)
  func categories(_ example: WorkedExample) throws {
    for (system, expected) in example.expectations where expected != "n/a" && expected != "not implemented" {
      let tokens = expected.split(separator: " ").map(String.init)
      var input = CaseInput()
      input[text: .system] = system.rawValue
      input[text: .site] = example.input[text: .site]
      input[text: .topography] = example.input[text: .topography]
      input[text: .trunkLocation] = example.input[text: .trunkLocation]
      input[text: .basis] = example.input[text: .basis]
      input[text: .histology] = example.input[text: .histology]
      (input[text: .t], input[text: .n], input[text: .m]) = (tokens[0], tokens[1], tokens[2])
      if tokens.count == 5 { input[text: .grade] = tokens[3] }
      let result = try #require(try Staging.stage(input).results.first)
      #expect(rendered(result, like: expected) == expected, "\(example.id) \(system.rawValue) categories")
    }
  }

  @Test("categories together with the facts agree with the facts alone", arguments: WorkedExample.all)
  func bothModes(_ example: WorkedExample) throws {
    for (system, expected) in example.expectations where expected != "n/a" && expected != "not implemented" {
      let facts = try #require(try Staging.stage(example.input, systems: [system]).results.first)
      var input = example.input
      input[text: .system] = system.rawValue
      input[text: .t] = facts.t?.rawValue
      let both = try #require(try Staging.stage(input).results.first)
      #expect(both.stageGroup == facts.stageGroup)
      #expect(both.summaryStage.code == facts.summaryStage.code)
      #expect(both.t == facts.t && both.n == facts.n && both.m == facts.m && both.grade == facts.grade)
    }
  }
}
