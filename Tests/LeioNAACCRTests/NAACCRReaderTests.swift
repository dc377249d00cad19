import Foundation
import LeioCore
import Testing

@testable import LeioNAACCR

/// Issue 14 part 2: NAACCR XML files. The fixtures (scripts/naaccr-fixtures.py) hold fictional patients in every base
/// dictionary 180–260, gzip, a namespace prefix, and malformed variants.
@Suite("NAACCR XML files")
struct NAACCRReaderTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/naaccr").standardized.path

  static func path(_ name: String) -> String { fixtures + "/" + name }

  struct Row: Equatable {
    var patient: String?
    var tumour: String?
    var status: NAACCRStatus
    var schema: String?
    var summary: String?
    var ajcc7: String?
    var ajcc8: String?
    var figo: String?
    var agrees: Bool?
    var nameFirst: String?
    var sex: String?
  }

  static func read(_ name: String, capacity: Int = 1 << 20) throws -> (rows: [Row], version: Int) {
    let reader = try NAACCRReader(path: path(name), bufferCapacity: capacity)
    var rows: [Row] = []
    try reader.read { record, _ in
      let result = NAACCRStaging.stage(record)
      rows.append(
        Row(
          patient: record.text(.patientIdNumber), tumour: record.text(.tumorRecordNumber), status: result.status,
          schema: result.codes?.schema?.rawValue, summary: result.codes?.summaryStage?.rawValue,
          ajcc7: result.codes?.ajcc7.rawValue, ajcc8: result.codes?.ajcc8.rawValue,
          figo: result.codes?.figo2009.rawValue, agrees: result.agrees, nameFirst: record.text(.nameFirst),
          sex: record.text(.sex) ?? record.text(.sexAssignedAtBirth)))
    }
    return (rows, reader.version)
  }

  static let expected: [Row] = [
    Row(
      patient: "00000101", tumour: "01", status: .staged, schema: "00410", summary: "2", ajcc7: "III", ajcc8: "IIIA",
      figo: "notApplicable", agrees: true, nameFirst: "ALPHA & OMEGA", sex: "2"),
    Row(
      patient: "00000101", tumour: "02", status: .staged, schema: "00541", summary: "2", ajcc7: "IB", ajcc8: "IB",
      figo: "IB", agrees: false, nameFirst: "ALPHA & OMEGA", sex: "2"),
    Row(patient: "00000101", tumour: "03", status: .refused, nameFirst: "ALPHA & OMEGA", sex: "2"),
    Row(patient: "00000102", tumour: "01", status: .outOfScope),
    Row(
      patient: "00000102", tumour: "02", status: .staged, schema: "00421", summary: "4", ajcc7: "notApplicable",
      ajcc8: "notApplicable", figo: "notApplicable"),
  ]

  @Test(
    "every base dictionary 180–260: tumours with their patient's items, staged from the codes",
    arguments: [180, 210, 220, 230, 240, 250, 260])
  func everyVersion(_ version: Int) throws {
    let (rows, read) = try Self.read("incidence-\(version).xml")
    #expect(read == version)
    #expect(rows == Self.expected, "\(version)")
  }

  @Test("gzip and a namespace prefix read the same tumours")
  func gzipAndPrefix() throws {
    #expect(try Self.read("incidence-230.xml.gz").rows == Self.expected)
    #expect(try Self.read("prefixed-230.xml").rows == Self.expected)
  }

  @Test("any buffer size gives the same tumours (every construct split across refills)")
  func bufferBoundaries() throws {
    for capacity in [16, 17, 31, 64, 97, 256, 1000] {
      #expect(try Self.read("incidence-230.xml", capacity: capacity).rows == Self.expected, "\(capacity)")
      #expect(try Self.read("incidence-230.xml.gz", capacity: capacity).rows == Self.expected, "\(capacity)")
    }
  }

  @Test(
    "a malformed file stops with its line and the reason",
    arguments: [
      ("malformed-mismatched-tag.xml", 29, "does not match <Tumor>"),
      ("malformed-truncated.xml", 0, "ends inside"),
      ("malformed-no-namespace.xml", 3, "no NAACCR namespace"),
      ("malformed-unknown-dictionary.xml", 3, "unknown base dictionary"),
      ("malformed-item-outside-tumour.xml", 12, "outside its tumour"),
      ("malformed-doctype.xml", 2, "DOCTYPE"),
      ("malformed-bad-entity.xml", 9, "'&'"),
      ("malformed-two-roots.xml", 77, "second root"),
      ("malformed-truncated.xml.gz", 0, "gzip stream is truncated"),
    ] as [(String, Int, String)])
  func malformed(_ name: String, _ line: Int, _ fragment: String) throws {
    do {
      _ = try Self.read(name)
      Issue.record("\(name) was read")
    } catch let error as NAACCRError {
      #expect(error.message.contains(fragment), "\(name): \(error)")
      if line > 0 { #expect(error.line == line, "\(name): \(error)") }
    }
  }

  @Test("a failed run leaves no output file; a good one writes both atomically")
  func atomicOutputs() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-naaccr-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for name in ["malformed-truncated.xml", "malformed-item-outside-tumour.xml", "malformed-truncated.xml.gz"] {
      let report = try AtomicOutput(path: directory + "/report.csv")
      let xml = try AtomicOutput(path: directory + "/out.xml.gz")
      #expect(throws: NAACCRError.self) {
        _ = try NAACCRStageRun.run(input: Self.path(name), report: report, xml: xml)
      }
      report.discard()
      xml.discard()
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "\(name)")
    }
    let report = try AtomicOutput(path: directory + "/report.csv")
    let xml = try AtomicOutput(path: directory + "/out.xml")
    let counts = try NAACCRStageRun.run(input: Self.path("incidence-230.xml"), report: report, xml: xml)
    try report.commit()
    try xml.commit()
    #expect(
      counts
        == NAACCRStageCounts(
          tumours: 5, inScope: 3, staged: 3, refused: 1, outOfScope: 1, errors: 0, compared: 2, disagreements: 1))
    let csv = try String(contentsOfFile: directory + "/report.csv", encoding: .utf8).split(separator: "\n")
    #expect(csv.first == Substring(NAACCRStageRun.header.joined(separator: ",")))
    #expect(csv.count == 6)
    #expect(csv[1] == "00000101,01,C492,8890/3,00410,2,2,yes,III,IIIA,notApplicable,staged,")
  }

  @Test("the XML output is the input with Leio's items added: nothing of the file changes, and it reads back")
  func xmlOutput() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-naaccr-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for (name, prefix) in [("incidence-230.xml", ""), ("prefixed-230.xml", "n:")] {
      let xml = try AtomicOutput(path: directory + "/out.xml")
      _ = try NAACCRStageRun.run(input: Self.path(name), report: nil, xml: xml)
      try xml.commit()
      let input = try String(contentsOfFile: Self.path(name), encoding: .utf8)
      let output = try String(contentsOfFile: directory + "/out.xml", encoding: .utf8)
      #expect(output.contains("userDictionaryUri=\"\(NAACCRStageRun.userDictionaryURI)\""))
      #expect(output.contains("<\(prefix)Item naaccrId=\"leioSummaryStage2018\">2</\(prefix)Item>"))
      let stripped = output.replacingOccurrences(
        of: "<\(prefix)Item naaccrId=\"leio[A-Za-z0-9]+\">[^<]*</\(prefix)Item>", with: "", options: .regularExpression
      ).replacingOccurrences(of: " userDictionaryUri=\"\(NAACCRStageRun.userDictionaryURI)\"", with: "")
      #expect(stripped == input, "\(name)")
      let copy = directory + "/" + name
      try output.write(toFile: copy, atomically: true, encoding: .utf8)
      let reader = try NAACCRReader(path: copy)
      var statuses: [NAACCRStatus] = []
      try reader.read { record, _ in statuses.append(NAACCRStaging.stage(record).status) }
      #expect(statuses == Self.expected.map(\.status))
    }
  }

  @Test("hostile input: random damage to a file never crashes; it is read or refused with a line")
  func damagedFiles() throws {
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: Self.path("incidence-230.xml"))))
    var random = SplitMix64(seed: 14)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-naaccr-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = directory + "/damaged.xml"
    let alphabet = Array("<>/&;\"'=!?-[]CDATAItem naaccrId\n\u{0}\u{7f}é".utf8)
    for round in 0..<600 {
      var bytes = original
      for _ in 0..<(1 + random.below(4)) {
        let at = random.below(bytes.count)
        switch random.below(3) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
        default: bytes[at] = alphabet[random.below(alphabet.count)]
        }
      }
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      do {
        _ = try NAACCRStageRun.run(input: file, report: nil, xml: nil)
      } catch let error as NAACCRError {
        #expect(!error.message.isEmpty, "round \(round)")
      }
    }
  }
}
