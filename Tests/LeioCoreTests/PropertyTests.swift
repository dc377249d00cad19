import LeioCore
import Testing

/// Properties over a grid of cases (reference §2–§4).
@Suite("Staging properties")
struct PropertyTests {
  static let sizes: [Double] = [0.5, 2, 3, 4, 4.5, 5, 5.1, 7, 8, 9.9, 10, 10.1, 12, 15, 15.1, 20, 40]
  static let grades = ["G1", "G2", "G3", "GX", "low", "high"]
  static let sites = ["extremity", "trunk", "retroperitoneum", "headAndNeck", "uterus", "breast"]

  static func report(_ site: String, _ size: Double, grade: String, nodes: String, metastasis: String) throws
    -> StagingReport
  {
    var input = CaseInput()
    (input[text: .site], input[number: .sizeCm], input[text: .nodes], input[text: .metastasis]) = (
      site, size, nodes, metastasis
    )
    if site == "uterus" { input[text: .uterineExtent] = "confined" } else { input[text: .grade] = grade }
    if site != "retroperitoneum" { input[text: .depth] = "deep" }
    return try Staging.stage(input, explain: false)
  }

  @Test("a larger tumour never gets a lower stage within a system", arguments: sites)
  func monotoneInSize(_ site: String) throws {
    for grade in Self.grades {
      for nodes in ["N0", "N1", "NX"] {
        var previous: [StagingSystem: Int] = [:]
        for size in Self.sizes {
          for result in try Self.report(site, size, grade: grade, nodes: nodes, metastasis: "M0").results {
            guard let rank = result.stageGroup.rank else { continue }
            if let before = previous[result.system] {
              #expect(rank >= before, "\(site) \(grade) \(nodes) \(size) cm \(result.system): \(result.stageGroup)")
            }
            previous[result.system] = rank
          }
        }
      }
    }
  }

  @Test("M1 always gives the highest group", arguments: sites)
  func metastasisIsHighest(_ site: String) throws {
    for grade in Self.grades {
      for nodes in ["N0", "N1", "NX"] {
        for size in Self.sizes {
          for result in try Self.report(site, size, grade: grade, nodes: nodes, metastasis: "M1").results
          where result.status != .noGroupDefined && result.status != .notApplicable {
            let highest: StageGroup = site == "uterus" ? .ivb : .iv
            #expect(result.stageGroup == highest, "\(site) \(result.system)")
            #expect(result.summaryStage.code == .distant)
          }
        }
      }
    }
  }

  @Test("explain on and off give the same answer", arguments: sites)
  func explainDoesNotChangeAnswer(_ site: String) throws {
    for size in Self.sizes {
      var input = CaseInput()
      (input[text: .site], input[number: .sizeCm], input[text: .grade], input[text: .nodes]) = (
        site, size, site == "uterus" ? nil : "G2", "N0"
      )
      if site == "uterus" { input[text: .uterineExtent] = "confined" }
      let explained = try Staging.stage(input, explain: true)
      let quiet = try Staging.stage(input, explain: false)
      #expect(explained.results.map(\.stageGroup) == quiet.results.map(\.stageGroup))
      #expect(explained.summaryStage.code == quiet.summaryStage.code)
      #expect(quiet.results.allSatisfy { $0.steps.isEmpty })
      #expect(explained.results.allSatisfy { !$0.steps.isEmpty })
    }
  }
}

@Suite("The batch path agrees with the full result")
struct StageCodesTests {
  @Test(
    "stageCodes gives the stage group and summary stage of the current standard",
    arguments: PropertyTests.sites + ["visceral", "skin"])
  func agrees(_ site: String) throws {
    for size in PropertyTests.sizes {
      for nodes in ["N0", "N1", "NX"] {
        for grade in ["G1", "G3", "GX"] {
          var input = CaseInput()
          (input[text: .site], input[number: .sizeCm], input[text: .nodes], input[text: .grade]) = (
            site, size, nodes, site == "uterus" ? nil : grade
          )
          if site == "uterus" { input[text: .uterineExtent] = "confined" }
          if site == "visceral" { input[text: .visceralExtent] = "serosa" }
          let facts = try CaseFacts(input)
          let codes = try Staging.stageCodes(facts)
          let full = try Staging.stageWithCurrentStandard(facts, explain: true)
          #expect(codes.stageGroup == full.results.first?.stageGroup, "\(site) \(size) \(nodes) \(grade)")
          #expect(codes.summaryStage == full.summaryStage.category)
        }
      }
    }
  }
}
