import Foundation
import LeioCore
import Testing

@Suite("Prognosis figures")
struct PrognosisTests {
  static func report(_ build: (inout CaseInput) -> Void) throws -> PrognosisReport {
    var input = CaseInput()
    build(&input)
    return try Prognosis.report(for: try CaseFacts(input))
  }

  @Test(
    "soft tissue sarcoma rows follow the summary stage",
    arguments: [
      ("M0", "N0", "localized", "81.5 %"), ("M0", "N1", "regional", "57.8 %"), ("M1", "N0", "distant", "17.1 %"),
    ])
  func softTissue(_ m: String, _ n: String, _ stage: String, _ current: String) throws {
    let report = try Self.report {
      (
        $0[text: .site], $0[number: .sizeCm], $0[text: .depth], $0[text: .grade], $0[text: .nodes],
        $0[text: .metastasis]
      ) = ("extremity", 7, "deep", "G3", n, m)
    }
    #expect(report.cohort == "softTissueSarcoma")
    #expect(report.population.contains("not LMS-specific"))
    #expect(report.summaryStage == stage)
    #expect(report.figures.allSatisfy { $0.stage == stage || $0.stage == "all" })
    #expect(report.figures.first { $0.stage == stage }?.value == current)
    #expect(
      report.figures.contains { $0.period.contains("2015–2019") }
        && report.figures.contains { $0.period.contains("2010–2016") })
    #expect(report.reportedByPatientMaterials.count == 1)
    #expect(report.reportedByPatientMaterials.allSatisfy { $0.status == "UNVERIFIED" })
    #expect(report.recurrence.map(\.id) == ["recurrence-other", "recurrence-timing"])
    #expect(report.caveats.contains { $0.contains("P-2") } && report.caveats.contains { $0.contains("D-19") })
  }

  @Test(
    "uterine LMS uses its own cohort; seed and verified figures are both shown",
    arguments: [
      ("confined", "N0", "localized"), ("adnexa", "N0", "regional"), ("abdominalOneSite", "N0", "distant"),
    ])
  func uterine(_ extent: String, _ n: String, _ stage: String) throws {
    let report = try Self.report {
      ($0[text: .site], $0[number: .sizeCm], $0[text: .uterineExtent], $0[text: .nodes], $0[text: .metastasis]) = (
        "uterus", 6, extent, n, "M0"
      )
    }
    #expect(report.cohort == "uterineLMS")
    #expect(report.summaryStage == stage)
    #expect(report.figures.contains { $0.sources == ["REFCOM-ULMS"] && $0.stage == stage })
    #expect(report.reportedByPatientMaterials.contains { $0.stage == stage })
    #expect(report.figures.contains { $0.sources == ["NCI-PDQ-UTS"] })
    #expect(report.recurrence.first?.id == "recurrence-uterine")
    #expect(!report.caveats.contains { $0.contains("P-2") })
  }

  @Test("unknown summary stage shows every row rather than guessing")
  func unknownStage() throws {
    let report = try Self.report {
      ($0[text: .site], $0[text: .primaryTumor], $0[text: .nodes], $0[text: .metastasis]) = (
        "extremity", "notAssessable", "N0", "M0"
      )
    }
    #expect(report.summaryStage == "unknown")
    #expect(report.note != nil)
    #expect(Set(report.figures.map(\.stage)) == ["localized", "regional", "distant", "all"])
  }

  @Test("GIST is refused (P-3)")
  func gist() {
    #expect(throws: StagingError.self) {
      try Self.report { ($0[text: .topography], $0[text: .histology]) = ("C16.9", "8936/3") }
    }
  }

  @Test("every figure is sourced from the knowledge base's register and none is a GIST figure")
  func figures() throws {
    let kb = try KnowledgeBase.shipped()
    for figure in try Prognosis.allFigures() {
      #expect(!figure.sources.isEmpty)
      #expect(figure.sources.allSatisfy { kb.sources[$0] != nil }, "\(figure.id)")
      #expect(!figure.id.contains("gist"))
    }
  }
}
