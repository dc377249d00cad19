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

/// The case document's writer (the registry API's case files carry one per tumour) against `JSONEncoder`.
@Suite("JSON output: case documents")
struct CaseInputJSONOutputTests {
  static func written(_ value: some JSONWritable) -> String { String(decoding: value.jsonBytes, as: UTF8.self) }

  /// A document with every field of the schema given (the fnclcc members too), by each field's kind.
  static var everyField: CaseInput {
    var input = CaseInput()
    for field in CaseField.allCases {
      switch field.spec.kind {
      case .code(let choices, _, _): input[text: field] = choices.first ?? "x"
      case .text(let example, _): input[text: field] = example + " \"quoted\" é\n"
      case .number(_, let example, _, _, _): input[number: field] = Double(example) ?? 1.5
      case .whole(let example, _, _): input[whole: field] = Int(example) ?? 7
      case .date: input[text: field] = "2024-02-29"
      case .flag: input[flag: field] = field.rawValue % 2 == 0
      case .list(let choices, _): input[list: field] = Array(choices.prefix(3)) + ["", "a/b"]
      }
    }
    return input
  }

  @Test("every worked example's document matches JSONEncoder byte for byte", arguments: WorkedExample.all)
  func workedExamples(_ example: WorkedExample) throws {
    #expect(Self.written(example.input) == (try JSONOutputTests.encoded(example.input)), "\(example.id)")
  }

  @Test("a document with every field (nested fnclcc members too), one with an empty fnclcc object, an empty one")
  func shapes() throws {
    let empty = try JSONDecoder().decode(CaseInput.self, from: Data(#"{"site":"uterus","fnclcc":{}}"#.utf8))
    for input in [Self.everyField, empty, CaseInput()] {
      #expect(Self.written(input) == (try JSONOutputTests.encoded(input)))
    }
    #expect(Self.written(Self.everyField).contains(#""fnclcc":{"#))
  }

  @Test("numbers are written as JSONEncoder writes a Double: a table of awkward ones and 3,000 random bit patterns")
  func numbers() throws {
    var numbers: [Double] = [
      0, -0.0, 5, 5.5, 0.1, 0.1 + 0.2, 1e-7, 1e-5, 1e15, 1e16, 1e20, 1e21, 1e22, 123_456_789.125, -2.5e-10,
      .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      9_007_199_254_740_992, 4.35, 2.675,
    ]
    var state: UInt64 = 20_261_201
    while numbers.count < 3000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let number = Double(bitPattern: state)
      if number.isFinite { numbers.append(number) }
    }
    for number in numbers {
      var input = CaseInput()
      input[number: .sizeCm] = number
      #expect(Self.written(input) == (try JSONOutputTests.encoded(input)), "\(number)")
    }
  }

  @Test("NaN and infinity are flagged (JSONEncoder refuses them), never written as a number")
  func invalidNumbers() {
    for number in [Double.nan, .infinity, -.infinity] {
      var output = JSONOutput()
      var input = CaseInput()
      input[number: .sizeCm] = number
      input.write(to: &output)
      #expect(output.hasInvalidNumber && output.text == #"{"sizeCm":null}"#)
    }
    var output = JSONOutput()
    CaseInput().write(to: &output)
    #expect(!output.hasInvalidNumber)
  }

  @Test("calendar dates are written as their YYYY-MM-DD string")
  func dates() throws {
    let date = try CalendarDate(parsing: "2024-02-29", field: "date")
    #expect(Self.written([date]) == (try JSONOutputTests.encoded([date])))
  }
}
