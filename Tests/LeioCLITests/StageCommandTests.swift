import Foundation
import Testing

/// One worked example from the shared fixture file.
struct Example: Sendable, CustomTestStringConvertible {
  let id: String
  let input: [String: any Sendable]
  let expectations: [(system: String, expected: String)]
  let summaryStage: String?
  var testDescription: String { id }

  static let all: [Example] = {
    guard let data = try? Data(contentsOf: CLIRunner.fixtures.appendingPathComponent("worked-examples.json")),
      let file = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let examples = file["examples"] as? [[String: Any]]
    else { return [] }
    return examples.map { example in
      let input = (example["input"] as? [String: Any] ?? [:]).mapValues { value -> any Sendable in
        switch value {
        case let list as [String]: return list
        case let number as NSNumber: return number.doubleValue
        case let text as String: return text
        default: return "\(value)"
        }
      }
      let expectations = ["ajcc7", "ajcc8", "figo2009"].compactMap { system in
        (example[system] as? String).map { (system, $0) }
      }
      return Example(
        id: example["id"] as? String ?? "?", input: input, expectations: expectations,
        summaryStage: example["summaryStage"] as? String)
    }
  }()

  func json(system: String) -> String {
    var object: [String: Any] = input
    object["system"] = system
    for key in ["cervixInvolved"] where object[key] != nil { object[key] = true }
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

func rendered(_ result: [String: Any], like expected: String) -> String {
  let status = result["status"] as? String
  if status == "notApplicable" { return "n/a" }
  if status == "notImplemented", result["t"] == nil { return "not implemented" }
  var tokens = [result["t"] as? String ?? "-", result["n"] as? String ?? "-", result["m"] as? String ?? "-"]
  if expected.split(separator: " ").count == 5, let grade = result["grade"] as? String { tokens.append(grade) }
  tokens.append(status == "noGroupDefined" ? "none" : result["stageGroup"] as? String ?? "?")
  return tokens.joined(separator: " ")
}

@Suite("leio stage, end to end")
struct StageCommandTests {
  @Test("the binary is built") func binary() {
    #expect(FileManager.default.isExecutableFile(atPath: CLIRunner.binary.path), "\(CLIRunner.binary.path)")
  }

  @Test("worked examples as JSON documents on stdin", arguments: Example.all)
  func workedExampleDocuments(_ example: Example) throws {
    for (system, expected) in example.expectations {
      let result = try CLIRunner.json(["stage", "--input", "-", "--json"], stdin: example.json(system: system))
      #expect(rendered(result, like: expected) == expected, "\(example.id) \(system)")
      for key in ["system", "t", "n", "m", "stageGroup", "summaryStage", "steps", "warnings", "sources"]
      where expected != "n/a" && expected != "not implemented" {
        #expect(result[key] != nil, "\(example.id) lacks \(key)")
      }
      if let ss = example.summaryStage {
        #expect((result["summaryStage"] as? [String: Any])?["code"] as? String == ss, "\(example.id) summary stage")
      }
    }
  }

  @Test("worked examples as registrar categories on the command line", arguments: Example.all)
  func workedExampleCategories(_ example: Example) throws {
    for (system, expected) in example.expectations where expected != "n/a" && expected != "not implemented" {
      let tokens = expected.split(separator: " ").map(String.init)
      var arguments = ["stage", "--json", "--system", system, "--t", tokens[0], "--n", tokens[1], "--m", tokens[2]]
      if tokens.count == 5 { arguments += ["--grade", tokens[3]] }
      for key in ["site", "topography", "trunkLocation", "basis", "histology"] {
        guard let value = example.input[key] as? String else { continue }
        let flag = key == "trunkLocation" ? "--trunk-location" : "--\(key)"
        arguments += [flag, value]
      }
      let result = try CLIRunner.json(arguments)
      #expect(rendered(result, like: expected) == expected, "\(example.id) \(system): \(arguments)")
    }
  }

  @Test("without a system the document lists every applicable system")
  func report() throws {
    let report = try CLIRunner.json([
      "stage", "--site", "extremity", "--size", "7.5", "--depth", "deep", "--grade", "3", "--nodes", "N0",
      "--metastasis", "M0", "--json",
    ])
    #expect(report["siteGroup"] as? String == "TE")
    let results = try #require(report["results"] as? [[String: Any]])
    #expect(results.map { $0["system"] as? String } == ["ajcc7", "ajcc8"])
    #expect(results.map { $0["stageGroup"] as? String } == ["III", "IIIA"])
    #expect((report["summaryStage"] as? [String: Any])?["category"] as? String == "localized")
  }

  @Test(
    "the issue's example commands",
    arguments: [
      (
        [
          "stage", "--site", "extremity", "--size", "7.5", "--depth", "deep", "--grade", "3", "--nodes", "N0",
          "--metastasis", "M0",
        ], "stage IIIA"
      ),
      (["stage", "--system", "ajcc7", "--t", "T2b", "--n", "N0", "--m", "M0", "--grade", "G3"], "stage III"),
    ])
  func text(_ arguments: [String], _ expected: String) throws {
    let output = try CLIRunner.run(arguments)
    #expect(output.status == 0)
    #expect(output.stdout.contains(expected))
    #expect(output.stdout.contains("not a medical device"))
    #expect(output.stdout.contains("Why:"))
  }
}
