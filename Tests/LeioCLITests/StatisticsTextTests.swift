import Foundation
import Testing

/// Issue 13 item 3: `leio cox` and `leio survival` print numbers as R does — a p-value far below machine precision is
/// `<2e-16` (never `0`), hazard ratios and intervals have significant digits (never `0.0000`) — while `--json` keeps
/// full precision.
@Suite("Statistics as statisticians print them")
struct StatisticsTextTests {
  /// A synthetic cohort with a very strong stage effect (p far below 1e-16).
  static func cohort() throws -> String {
    let result = try CLIRunner.run(["simulate", "--n", "20000", "--seed", "7"])
    #expect(result.status == 0)
    return result.stdout
  }

  @Test("leio cox: <2e-16, significant digits; JSON keeps the raw p")
  func cox() throws {
    let csv = try Self.cohort()
    let arguments = ["cox", "-", "--time", "months", "--event", "died", "--covariates", "summaryStage"]
    let text = try CLIRunner.run(arguments, stdin: csv).stdout
    #expect(text.contains("<2e-16"))
    #expect(text.contains("Likelihood ratio test = 5593.4 on 2 df, p < 2e-16"))
    #expect(text.contains("0.112 – 0.127"))
    #expect(!text.contains("0.0000"))
    #expect(!text.contains("p = 0\n"))
    let lines = text.split(separator: "\n").filter { $0.hasPrefix("summaryStage") }
    #expect(lines.count == 2 && lines.allSatisfy { !$0.hasSuffix(" 0") })
    let json = try CLIRunner.run(arguments + ["--json"], stdin: csv).stdout
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let coefficients = try #require(object["coefficients"] as? [[String: Any]])
    #expect(coefficients.allSatisfy { ($0["p"] as? Double).map { $0 < 1e-16 } ?? false })
  }

  @Test("leio survival: log-rank p < 2e-16 in the text and on the plot")
  func survival() throws {
    let csv = try Self.cohort()
    let plot = FileManager.default.temporaryDirectory.appendingPathComponent("leio-plot-\(UUID().uuidString).svg")
    defer { try? FileManager.default.removeItem(at: plot) }
    let text = try CLIRunner.run(
      ["survival", "-", "--time", "months", "--event", "died", "--by", "summaryStage", "--plot", plot.path], stdin: csv
    ).stdout
    #expect(text.contains("Log-rank test: chi-square = 6262.7 on 2 df, p < 2e-16"))
    let svg = try String(contentsOf: plot, encoding: .utf8)
    #expect(svg.contains("Log-rank test: p &lt; 2e-16"))
  }
}
