import Foundation
import Testing

@Suite("Exit codes and messages")
struct ExitCodeTests {
  @Test(
    "invalid clinical input exits 65 with the field on stderr",
    arguments: [
      (["stage", "--site", "extremity", "--grade", "4"], "grade: '4' is not accepted"),
      (["stage", "--site", "extremity", "--size", "-3"], "sizeCm: size must be greater than 0 cm"),
      (["stage", "--site", "extremity", "--size", "300"], "sizeCm: 300 cm is not a plausible tumour size"),
      (
        ["stage", "--site", "extremity", "--uterine-extent", "confined"],
        "uterineExtent applies to the uterine corpus only"
      ),
      (
        ["stage", "--site", "extremity", "--size", "7.5", "--system", "ajcc8", "--t", "T1"],
        "t: 'T1' contradicts sizeCm 7.5 cm under AJCC 8"
      ),
      (["stage", "--topography", "C16.9", "--histology", "8936/3"], "GIST is a different disease"),
      (
        ["stage", "--site", "extremity", "--primary-tumor", "notFound", "--nodes", "N0", "--metastasis", "M0"],
        "T0 N0 M0 is not a valid clinical combination"
      ),
      (["stage", "--topography", "C12.34"], "topography"),
      (
        ["stage", "--site", "extremity", "--date-of-diagnosis", "2024-03-01", "--diagnosis-year", "2023"],
        "dateOfDiagnosis: 2024-03-01 is in 2024, but diagnosisYear is 2023."
      ),
      (["stage", "--site", "extremity", "--laterality", "sideways"], "laterality: 'sideways' is not accepted"),
      (["grade", "--differentiation-score", "5"], "FNCLCC scores are 1, 2 or 3"),
      (["grade", "--subtype", "conventional", "--necrosis-percent", "140"], "between 0 and 100"),
      (["classify", "--subtype", "spindle", "--mitoses", "-2"], "whole number of mitoses"),
    ])
  func dataError(_ arguments: [String], _ message: String) throws {
    let output = try CLIRunner.run(arguments)
    #expect(output.status == 65, "\(arguments)")
    #expect(output.stderr.contains(message), "\(output.stderr)")
    #expect(output.stdout.isEmpty)
  }

  @Test(
    "malformed JSON and unknown fields exit 65",
    arguments: ["{not json", #"{"site":"extremity","sizecm":4}"#, #"{"site":"extremity","sizeCm":"four"}"#, "[]"])
  func badDocument(_ document: String) throws {
    let output = try CLIRunner.run(["stage", "--input", "-"], stdin: document)
    #expect(output.status == 65, "\(document): \(output.stderr)")
    #expect(output.stderr.hasPrefix("leio: error:"))
  }

  @Test(
    "a malformed command line exits 64",
    arguments: [
      ["stage", "--bogus"], ["stage", "--size", "big"], ["stage", "--input", "x.json", "--site", "extremity"],
      ["nosuchcommand"],
    ])
  func usage(_ arguments: [String]) throws {
    #expect(try CLIRunner.run(arguments).status == 64, "\(arguments)")
  }

  @Test("a missing input file exits 66")
  func missingFile() throws {
    let output = try CLIRunner.run(["stage", "--input", "/nonexistent/case.json"])
    #expect(output.status == 66)
    #expect(output.stderr.contains("cannot read input file"))
  }

  @Test(
    "help for every command has examples",
    arguments: [
      (["--help"], "Exit codes: 0 success"), (["stage", "--help"], "leio stage --site extremity --size 7.5"),
      (["grade", "--help"], "leio grade --subtype conventional"), (["classify", "--help"], "uterine"),
      (["classify", "uterine", "--help"], "leio classify uterine --subtype spindle"),
      (["batch", "stage", "--help"], "leio batch stage registry.csv"),
      (["stage", "--help"], "extremity, trunk"),
    ])
  func help(_ arguments: [String], _ expected: String) throws {
    let output = try CLIRunner.run(arguments)
    #expect(output.status == 0)
    #expect(output.stdout.contains(expected), "\(arguments)")
  }
}
