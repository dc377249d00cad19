import Foundation
import LeioCore
import Testing

/// `JSONOutput` writes the same bytes as `JSONEncoder` for the staging results, so the API's fast path and the
/// Codable conformances (and so the OpenAPI schemas checked against them) cannot drift apart.
@Suite("JSON output")
struct JSONOutputTests {
  static func encoded(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  @Test(
    "every worked example's report, and each result alone, matches JSONEncoder byte for byte",
    arguments: WorkedExample.all)
  func workedExamples(_ example: WorkedExample) throws {
    let report = try Staging.stage(example.input)
    #expect(String(decoding: report.jsonBytes, as: UTF8.self) == (try Self.encoded(report)), "\(example.id)")
    for result in report.results {
      #expect(
        String(decoding: result.jsonBytes, as: UTF8.self) == (try Self.encoded(result)),
        "\(example.id) \(result.system)")
    }
  }

  @Test(
    "strings are escaped as JSONEncoder escapes them: quotes, backslashes, every control character; slashes and non-ASCII as is"
  )
  func escaping() throws {
    let awkward =
      "\"quoted\" \\ back/slash é — ≥ 5 cm 🙂 " + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
      + "\u{7F}\u{2028}"
    let step = RuleStep(rule: awkward, section: "§0", because: awkward, output: nil, decisions: [awkward, ""])
    #expect(String(decoding: step.jsonBytes, as: UTF8.self) == (try Self.encoded(step)))
    let warning = StagingWarning(code: "", message: "\n", section: "\t")
    #expect(String(decoding: warning.jsonBytes, as: UTF8.self) == (try Self.encoded(warning)))
  }

  @Test("the eight-bytes-at-a-time scan finds a character to escape at every position, and only those")
  func wordScan() throws {
    for byte in UInt8(0)..<0x80 {
      for position in 0..<17 {
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 17)
        bytes[position] = byte
        let text = String(decoding: bytes, as: UTF8.self)
        let warning = StagingWarning(code: text, message: "", section: "")
        #expect(
          String(decoding: warning.jsonBytes, as: UTF8.self) == (try Self.encoded(warning)),
          "byte \(byte) at \(position)")
      }
    }
  }

  @Test("the output parses back to the same report")
  func roundTrip() throws {
    var input = CaseInput()
    input[text: .site] = "uterus"
    input[number: .sizeCm] = 9
    input[text: .uterineExtent] = "adnexa"
    input[text: .nodes] = "N1"
    let report = try Staging.stage(input)
    #expect(try JSONDecoder().decode(StagingReport.self, from: Data(report.jsonBytes)) == report)
  }
}
