import Foundation
import LeioCore
import Testing

/// Issue 11, defect 2 and its general rule: every site group whose SEER chapter the reference gives rules for gets
/// that chapter's summary stage; wherever a system says "summary stage only", there is one (§1.4, §6.3).
@Suite("Summary stage for every site group (issue 11)")
struct SummaryChapterTests {
  /// A case at `where`: a site name, or a topography code.
  static func report(_ location: String, extension: String? = nil) throws -> StagingReport {
    var input = CaseInput()
    if location.hasPrefix("C") { input[text: .topography] = location } else { input[text: .site] = location }
    (input[number: .sizeCm], input[text: .nodes], input[text: .metastasis], input[whole: .diagnosisYear]) = (
      3, "N0", "M0", 2022
    )
    if ["C47.3", "C49.4"].contains(location) { input[text: .trunkLocation] = "external" }
    input[text: .extension] = `extension`
    return try Staging.stage(input, explain: false)
  }

  static let locations: [String] =
    Site.allCases.map(\.rawValue) + [
      "C49.2", "C48.0", "C48.2", "C49.0", "C32.1", "C16.2", "C38.1", "C54.1", "C53.9", "C56.9", "C57.0", "C57.1",
      "C57.3", "C57.9",
      "C44.5", "C40.2", "C41.2", "C69.6", "C76.0", "C80.9", "C47.3", "C49.4",
    ]

  @Test("where any system says 'summary stage only', the summary stage is computed", arguments: locations)
  func summaryStageOnlyHasOne(_ location: String) throws {
    let report = try Self.report(location)
    let onlySummary = report.results.contains {
      ($0.reason ?? "").contains("summary stage only") || ($0.reason ?? "").contains("summary stage is the only system")
    }
    if onlySummary {
      #expect(report.summaryStage.category.rawValue != "notComputed", "\(location): \(report.summaryStage.label)")
    }
  }

  /// §1.4's last column: the SS2018 chapter of each group, and whether §6.3/§6.4 give its rules.
  @Test(
    "every group whose chapter has rules in the reference is staged by that chapter; the others say why not",
    arguments: [
      ("extremity", true), ("trunk", true), ("breast", true), ("retroperitoneum", true), ("peritoneum", true),
      ("headAndNeck", true),
      ("headAndNeckOrgan", true), ("visceral", true), ("heartMediastinum", true), ("pleura", true), ("uterus", true),
      ("skin", true),
      ("other", true), ("otherGynaecologic", true), ("C57.1", true), ("C57.9", true),
      ("cervix", false), ("ovaryOrTube", false), ("C56.9", false), ("C57.0", false), ("bone", false), ("orbit", false),
    ])
  func chapters(_ location: String, _ hasRules: Bool) throws {
    let summary = try Self.report(location).summaryStage
    if hasRules {
      #expect(
        summary.code != nil && summary.category.rawValue != "notComputed",
        "\(location): \(summary.category) \(summary.label)")
    } else {
      #expect(
        summary.category.rawValue == "notComputed" && summary.label.contains("gives no SS2018 rules"),
        "\(location): \(summary.label)")
    }
  }

  @Test(
    "C57.1–C57.9 use the Soft Tissue Other rules: adjacent tissue regional, further extension distant (§6.3 SK/OT)",
    arguments: [
      ("confined", "localized"), ("adjacent", "regional"), ("majorVessel", "regional"),
      ("furtherContiguous", "distant"),
    ])
  func otherGynaecologicExtension(_ extent: String, _ category: String) throws {
    let summary = try Self.report("C57.3", extension: extent).summaryStage
    #expect(summary.category.rawValue == category && !summary.estimated, "\(summary.category)")
  }
}
