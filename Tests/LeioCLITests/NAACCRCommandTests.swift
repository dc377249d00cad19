import Foundation
import Testing

/// `leio naaccr stage` and `leio naaccr dictionary` as a registrar runs them (issue 14 part 2).
@Suite("leio naaccr")
struct NAACCRCommandTests {
  static let naaccr = CLIRunner.fixtures.appendingPathComponent("naaccr")

  @Test("stage: the CSV report on stdout, the summary line on stderr, exit 0")
  func stage() throws {
    let output = try CLIRunner.run(["naaccr", "stage", Self.naaccr.appendingPathComponent("incidence-250.xml").path])
    #expect(output.status == 0, "\(output.stderr)")
    let lines = output.stdout.split(separator: "\n")
    #expect(
      lines.first
        == "patientIdNumber,tumorRecordNumber,primarySite,histology,schema,summaryStage,summaryStage2018,agree,ajcc7,ajcc8,figo2009,status,error"
    )
    #expect(lines.count == 6)
    #expect(lines.contains("00000102,02,C169,8890/3,00421,4,,,notApplicable,notApplicable,notApplicable,staged,"))
    #expect(
      output.stderr.contains(
        "5 tumours read: 3 in scope, 3 staged, 1 of 2 disagree with the file's Summary Stage 2018, 0 errors; 1 GIST refused, 1 out of scope"
      ))
  }

  @Test("a malformed file exits 65 with the line; no output file is left; a missing file exits 66")
  func malformed() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-cli-naaccr-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = try CLIRunner.run([
      "naaccr", "stage", Self.naaccr.appendingPathComponent("malformed-mismatched-tag.xml").path,
      "--output", directory.appendingPathComponent("r.csv").path,
      "--xml-output", directory.appendingPathComponent("o.xml.gz").path,
    ])
    #expect(output.status == 65)
    #expect(output.stderr.contains("leio: error: line 29: end tag </Tumour> does not match <Tumor>"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    let missing = try CLIRunner.run(["naaccr", "stage", directory.appendingPathComponent("none.xml").path])
    #expect(missing.status == 66)
  }

  @Test("the user dictionary printed is the one shipped in docs/naaccr")
  func dictionary() throws {
    let output = try CLIRunner.run(["naaccr", "dictionary"])
    let shipped = try String(
      contentsOf: CLIRunner.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/naaccr/leio-user-dictionary-1.xml"), encoding: .utf8)
    #expect(output.stdout == shipped)
  }
}
