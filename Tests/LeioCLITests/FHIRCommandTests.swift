import Foundation
import Testing

/// `leio export fhir`, `leio import fhir` and `leio store identifier-system` as a registrar runs them (issue 15).
@Suite("leio export/import fhir")
struct FHIRCommandTests {
  static let naaccr = CLIRunner.fixtures.appendingPathComponent("naaccr/incidence-230.xml").path

  @Test("NAACCR file → registry → FHIR bundles → an empty registry → the same bundles; exit codes and messages")
  func roundTrip() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-cli-fhir-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("a.sqlite").path
    let target = directory.appendingPathComponent("b.sqlite").path
    #expect(try CLIRunner.run(["import", "naaccr", Self.naaccr, "--database", source]).status == 0)
    let system = try CLIRunner.run(
      ["store", "identifier-system", "--set", "https://registry.example/mrn", "--database", source])
    #expect(system.status == 0 && system.stdout == "https://registry.example/mrn\n")
    let bad = try CLIRunner.run(["store", "identifier-system", "--set", "not a uri", "--database", source])
    #expect(bad.status == 65 && bad.stderr.contains("identifierSystem"))

    let out = directory.appendingPathComponent("bundles").path
    let export = try CLIRunner.run(["export", "fhir", "--all", "--output", out, "--database", source])
    #expect(export.status == 0 && export.stderr.contains("exported 2 patient bundle(s)"), "\(export.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(files == ["00000101.json", "00000102.json"])
    for file in files {
      let run = try CLIRunner.run(["import", "fhir", out + "/" + file, "--database", target])
      #expect(run.status == 0 && run.stderr.contains("patients 1 new"), "\(run.stderr)")
    }
    let one = try CLIRunner.run(["export", "fhir", "--patient", "00000101", "--database", target])
    #expect(one.status == 0 && one.stdout.contains(#""value": "00000101""#))
    #expect(!one.stdout.contains("https://registry.example/mrn"), "the target registry has its own system")
    let original = try String(contentsOfFile: out + "/00000101.json", encoding: .utf8)
    #expect(original.contains("https://registry.example/mrn"))

    // Usage and input errors.
    #expect(try CLIRunner.run(["export", "fhir", "--database", target]).status == 64)
    #expect(try CLIRunner.run(["export", "fhir", "--all", "--database", target]).status == 64)
    let unknown = try CLIRunner.run(["export", "fhir", "--patient", "nobody", "--database", target])
    #expect(unknown.status != 0 && unknown.stderr.contains("nobody"))
    let missing = try CLIRunner.run(["import", "fhir", directory.appendingPathComponent("none.json").path])
    #expect(missing.status == 66)
    let notBundle = try CLIRunner.run(
      ["import", "fhir", "-", "--database", target], stdin: #"{"resourceType":"Patient"}"#)
    #expect(notBundle.status == 65 && notBundle.stderr.contains("Bundle.resourceType: expected a Bundle"))
  }

  @Test("leio export outcomes: the CSV header and one row per dated tumour; bad filters exit 65")
  func outcomes() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-cli-outcomes-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let database = directory.appendingPathComponent("r.sqlite").path
    #expect(try CLIRunner.run(["import", "naaccr", Self.naaccr, "--database", database]).status == 0)
    let run = try CLIRunner.run(["export", "outcomes", "--database", database])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("patient,tumour,ageAtDiagnosis,sex,siteGroup,histology") == true)
    #expect(lines.count == 4 && run.stderr.contains("exported 3 tumour(s)"), "\(run.stdout)")
    #expect(!run.stdout.contains("00000101") && !run.stdout.contains("TESTPATIENT"))
    #expect(try CLIRunner.run(["export", "outcomes", "--site", "XX", "--database", database]).status == 65)
    #expect(try CLIRunner.run(["export", "outcomes", "--from", "2020-13-01", "--database", database]).status == 65)
  }
}
