import Foundation
import Testing

/// Grading and criteria fixtures W-71…W-80 of reference §12.5, through the CLI.
@Suite("leio grade and leio classify")
struct GradeAndClassifyTests {
  @Test(
    "FNCLCC worked examples",
    arguments: [
      (["--subtype", "wellDifferentiated", "--mitoses", "3", "--necrosis", "none"], "G1", 2),
      (["--subtype", "conventional", "--mitoses", "12", "--necrosis-percent", "30"], "G2", 5),
      (["--subtype", "epithelioid", "--mitoses", "5", "--necrosis", "none"], "G2", 4),
      (["--subtype", "pleomorphic", "--mitoses", "25", "--necrosis-percent", "60"], "G3", 8),
      (["--subtype", "conventional", "--mitoses", "12", "--area-mm2", "2.4", "--necrosis", "none"], "G1", 3),
    ])
  func fnclcc(_ arguments: [String], _ grade: String, _ total: Int) throws {
    let result = try CLIRunner.json(["grade", "--json"] + arguments)
    #expect(result["grade"] as? String == grade)
    #expect(result["total"] as? Int == total)
  }

  @Test("W-75: 12 mitoses in 2.4 mm² normalise to 8.67 per 1.734 mm² (score 1)")
  func normalisation() throws {
    let result = try CLIRunner.json([
      "grade", "--json", "--subtype", "conventional", "--mitoses", "12", "--area-mm2", "2.4", "--necrosis", "none",
    ])
    let normalised = try #require(result["normalisedMitoticCount"] as? Double)
    #expect(abs(normalised - 8.67) < 0.01)
    #expect(result["mitoticScore"] as? Int == 1)
  }

  @Test(
    "a missing component gives GX; myxoid needs the pathologist's score (D-12, D-13)",
    arguments: [
      ["--subtype", "conventional", "--mitoses", "12"],
      ["--subtype", "myxoid", "--mitoses", "12", "--necrosis", "none"],
    ])
  func gx(_ arguments: [String]) throws {
    #expect(try CLIRunner.json(["grade", "--json"] + arguments)["grade"] as? String == "GX")
  }

  @Test("uterine LMS is not graded (W-79)")
  func uterus() throws {
    #expect(
      try CLIRunner.json(["grade", "--json", "--site", "uterus", "--subtype", "conventional"])["grade"] as? String
        == "notApplicable")
  }

  @Test(
    "uterine criteria worked examples",
    arguments: [
      (["--subtype", "spindle", "--atypia", "moderate", "--mitoses", "12", "--necrosis", "absent"], "yes"),
      (["--subtype", "spindle", "--atypia", "none", "--mitoses", "15", "--necrosis", "absent"], "no"),
      (["--subtype", "epithelioid", "--atypia", "moderate", "--mitoses", "2", "--necrosis", "absent"], "yes"),
      (
        ["--subtype", "spindle", "--atypia", "moderate", "--mitoses", "12", "--necrosis", "equivocal"], "indeterminate"
      ),
      (["--subtype", "unknown", "--atypia", "moderate", "--mitoses", "12", "--necrosis", "absent"], "indeterminate"),
      (["--subtype", "myxoid", "--atypia", "none", "--mitoses", "2", "--necrosis", "absent"], "yes"),
      (["--subtype", "myxoid", "--atypia", "none", "--mitoses", "1", "--necrosis", "absent"], "no"),
    ])
  func uterineCriteria(_ arguments: [String], _ met: String) throws {
    let check = try CLIRunner.json(["classify", "uterine", "--json"] + arguments)
    #expect(check["criteriaMet"] as? String == met, "\(arguments)")
    #expect((check["label"] as? String)?.contains("not a diagnosis") == true)
    let summary = check["summary"] as? String ?? ""
    #expect(!summary.hasPrefix("Leiomyoma") && !summary.hasPrefix("STUMP"))
  }

  @Test("W-78 shows the C-18 conflict for epithelioid tumours")
  func epithelioidConflict() throws {
    let check = try CLIRunner.json([
      "classify", "--json", "--subtype", "epithelioid", "--atypia", "moderate", "--mitoses", "2", "--necrosis",
      "absent",
    ])
    let warnings = check["warnings"] as? [[String: Any]] ?? []
    #expect(warnings.contains { ($0["section"] as? String)?.contains("C-18") == true })
  }

  @Test(
    "deep soft tissue criteria",
    arguments: [
      (["--mitoses-per-50-hpf", "0"], "no"), (["--mitoses-per-50-hpf", "3"], "indeterminate"),
      (["--mitoses-per-50-hpf", "5"], "yes"), (["--mitoses-per-50-hpf", "0", "--atypia"], "yes"),
      (["--mitoses-per-50-hpf", "0", "--necrosis"], "yes"),
    ])
  func deepSoftTissue(_ arguments: [String], _ met: String) throws {
    #expect(
      try CLIRunner.json(["classify", "deep-soft-tissue", "--json"] + arguments)["criteriaMet"] as? String == met)
  }

  @Test("W-80: the fibroid prompt needs all three facts")
  func fibroid() throws {
    let shown = try CLIRunner.json([
      "classify", "fibroid-growth", "--json", "--known-fibroid", "--postmenopausal", "--size-increased",
    ])
    #expect((shown["prompt"] as? String)?.contains("gynaecologist") == true)
    let hidden = try CLIRunner.json(["classify", "fibroid-growth", "--json", "--known-fibroid", "--postmenopausal"])
    #expect(hidden["prompt"] == nil || hidden["prompt"] is NSNull)
  }
}
