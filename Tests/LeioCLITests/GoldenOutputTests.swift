import Foundation
import Testing

/// The CLI's outputs, byte for byte, as committed in Tests/Fixtures/golden (written by `scripts/golden.py`): every
/// worked example's `leio stage --json`, every example case's `leio report` (text and HTML, with and without a
/// treatment date) and `leio batch stage` of the sample registry file. A restructuring must leave them unchanged; a
/// deliberate change rewrites them with the script and shows in the diff.
@Suite("Golden outputs")
struct GoldenOutputTests {
  static let golden = CLIRunner.fixtures.appendingPathComponent("golden")
  static let root = CLIRunner.fixtures.deletingLastPathComponent().deletingLastPathComponent()

  /// What the script stores: stdout, or "exit N" and stderr for a refused input.
  static func output(_ arguments: [String], stdin: String? = nil) throws -> String {
    let result = try CLIRunner.run(arguments, stdin: stdin)
    return result.status == 0 ? result.stdout : "exit \(result.status)\n" + result.stderr
  }

  static func expected(_ path: String) throws -> String {
    try String(contentsOf: golden.appendingPathComponent(path), encoding: .utf8)
  }

  static var workedExamples: [(String, String)] {
    guard let data = try? Data(contentsOf: CLIRunner.fixtures.appendingPathComponent("worked-examples.json")),
      let file = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let examples = file["examples"] as? [[String: Any]]
    else { return [] }
    return examples.compactMap { example in
      guard let id = example["id"] as? String, let input = example["input"],
        let json = try? JSONSerialization.data(withJSONObject: input, options: [.sortedKeys])
      else { return nil }
      return (id, String(decoding: json, as: UTF8.self))
    }
  }

  @Test("leio stage --json for every worked example", arguments: workedExamples)
  func stage(_ id: String, _ input: String) throws {
    #expect(
      try Self.output(["stage", "--input", "-", "--json"], stdin: input) == Self.expected("stage/\(id).json"), "\(id)")
  }

  @Test(
    "leio report, text and HTML, with and without a treatment date, for every example case",
    arguments: [
      ("extremity-lms", "text", "txt"), ("extremity-lms", "html", "html"), ("uterine-lms", "text", "txt"),
      ("uterine-lms", "html", "html"),
    ])
  func report(_ example: String, _ format: String, _ ext: String) throws {
    let base = [
      "report", "--input", Self.root.appendingPathComponent("Examples/\(example).json").path, "--format", format,
      "--today", "2026-11-30",
      "--label", "Fictional example case",
    ]
    #expect(try Self.output(base) == Self.expected("report/\(example).\(ext)"))
    #expect(
      try Self.output(base + ["--treatment-end", "2026-01-15"]) == Self.expected("report/\(example)-dated.\(ext)"))
  }

  @Test("leio batch stage of the sample registry file")
  func batch() throws {
    #expect(
      try Self.output(["batch", "stage", Self.root.appendingPathComponent("Examples/registry-sample.csv").path])
        == Self.expected("batch/registry-sample.csv"))
  }
}
