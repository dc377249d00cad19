import Foundation
import LeioCore
import Testing

/// Issue 11, defect 1 and its general rule: every part of a recorded T that the given facts decide is checked
/// against them, whichever other facts are missing; a contradiction is a field error naming both (reference §4.1
/// registrar rule, applied to every system).
@Suite("Recorded categories against the facts (issue 11)")
struct RecordedCategoryTests {
  /// One fact the T of a system depends on: its case field, the values it can take, and how to set it.
  struct Fact: Sendable {
    let name: String
    /// Values a case can give.
    let values: [FactValue]
    /// Further values the fact can have when it is not given (an empty invasion list: no invasion recorded).
    var unstated: [FactValue] = []
  }

  enum FactValue: Sendable, CustomStringConvertible {
    case number(Double), text(String), list([String]), integer(Int), flag(Bool)
    var description: String {
      switch self {
      case .number(let value): "\(value)"
      case .text(let value): value
      case .list(let value): "[\(value.joined(separator: ","))]"
      case .integer(let value): "\(value)"
      case .flag(let value): "\(value)"
      }
    }
  }

  /// A system and site with the facts its T depends on, and every category it has.
  struct Scenario: Sendable, CustomStringConvertible {
    let system: String
    let site: String
    let categories: [String]
    let facts: [Fact]
    var description: String { "\(system) \(site)" }
  }

  static let sizes: [FactValue] = [2, 3, 4, 5, 5.01, 7, 8, 8.01, 10, 10.01, 12, 15, 15.01, 20].map { .number($0) }
  static let scenarios: [Scenario] = [
    Scenario(
      system: "figo2009", site: "uterus",
      categories: ["TX", "T0", "T1", "T1a", "T1b", "T2", "T2a", "T2b", "T3", "T3a", "T3b", "T4"],
      facts: [
        Fact(name: "sizeCm", values: sizes),
        Fact(
          name: "uterineExtent",
          values: [
            "confined", "withinPelvis", "adnexa", "pelvicTissue", "culDeSac", "abdominal", "abdominalOneSite",
            "abdominalMultipleSites", "bladderOrRectum", "bladderOrRectumWall", "bladderOrRectumMucosa",
          ].map { .text($0) }),
      ]),
    Scenario(
      system: "ajcc7", site: "extremity", categories: ["TX", "T0", "T1", "T1a", "T1b", "T2", "T2a", "T2b"],
      facts: [
        Fact(name: "sizeCm", values: sizes), Fact(name: "depth", values: [.text("superficial"), .text("deep")]),
      ]),
    Scenario(
      system: "ajcc8", site: "extremity", categories: ["TX", "T0", "T1", "T2", "T3", "T4"],
      facts: [Fact(name: "sizeCm", values: sizes)]),
    Scenario(
      system: "ajcc8", site: "retroperitoneum", categories: ["TX", "T0", "T1", "T2", "T3", "T4"],
      facts: [Fact(name: "sizeCm", values: sizes)]),
    Scenario(
      system: "ajcc8", site: "headAndNeck", categories: ["TX", "T0", "T1", "T2", "T3", "T4", "T4a", "T4b"],
      facts: [
        Fact(name: "sizeCm", values: sizes),
        Fact(
          name: "headAndNeckInvasion", values: [.list(["orbit"]), .list(["carotidEncasement"])], unstated: [.list([])]),
      ]),
    Scenario(
      system: "ajcc8", site: "visceral",
      categories: ["TX", "T0", "T1", "T2", "T2a", "T2b", "T3", "T4", "T4a", "T4b", "T4c"],
      facts: [
        Fact(
          name: "visceralExtent",
          values: ["confined", "beyondOrgan", "serosa", "beyondSerosa", "anotherOrgan"].map { .text($0) }),
        Fact(name: "multifocalSites", values: [1, 2, 4, 6].map { .integer($0) }),
      ]),
    Scenario(
      system: "ajcc8", site: "bone", categories: ["TX", "T0", "T1", "T2", "T3"],
      facts: [
        Fact(name: "sizeCm", values: sizes), Fact(name: "discontinuousTumours", values: [.flag(false), .flag(true)]),
      ]),
  ]

  static func input(_ scenario: Scenario, _ values: [String: FactValue], t: String?) -> CaseInput {
    var input = CaseInput()
    (input[text: .site], input[text: .system], input[text: .t], input[text: .nodes], input[text: .metastasis]) = (
      scenario.site, scenario.system, t, "N0", "M0"
    )
    if t == "T0" { input[text: .primaryTumor] = "notFound" }
    for (name, value) in values {
      switch (name, value) {
      case ("sizeCm", .number(let size)): input[number: .sizeCm] = size
      case ("depth", .text(let text)): input[text: .depth] = text
      case ("uterineExtent", .text(let text)): input[text: .uterineExtent] = text
      case ("visceralExtent", .text(let text)): input[text: .visceralExtent] = text
      case ("multifocalSites", .integer(let count)): input[whole: .multifocalSites] = count
      case ("headAndNeckInvasion", .list(let list)): input[list: .headAndNeckInvasion] = list
      case ("discontinuousTumours", .flag(let flag)): input[flag: .discontinuousTumours] = flag
      default: Issue.record("unhandled fact \(name)")
      }
    }
    return input
  }

  /// T that the facts give for the scenario's system, with nothing recorded; nil when they are refused.
  static func derivedT(_ scenario: Scenario, _ values: [String: FactValue], primaryNotFound: Bool) -> String? {
    var input = input(scenario, values, t: nil)
    if primaryNotFound { input[text: .primaryTumor] = "notFound" }
    guard let report = try? Staging.stage(input, explain: false) else { return nil }
    return report.results.first { $0.system.rawValue == scenario.system }?.t?.rawValue
  }

  static func base(_ t: String) -> String { t.count == 3 && t.last!.isLetter ? String(t.prefix(2)) : t }
  static func compatible(_ given: String, _ derived: String) -> Bool {
    given == derived || base(given) == derived || base(derived) == given
  }

  /// Every subset of the scenario's facts, each given fact with each of its values (with `unstated`: also the
  /// values a fact can have without being given).
  static func assignments(_ facts: [Fact], unstated: Bool = false) -> [[String: FactValue]] {
    facts.reduce([[:]]) { partial, fact in
      partial.flatMap { assignment in
        [assignment]
          + (fact.values + (unstated ? fact.unstated : [])).map { assignment.merging([fact.name: $0]) { $1 } }
      }
    }
  }

  @Test(
    "a recorded T is accepted exactly when some completion of the missing facts gives a compatible T; else a field error naming the fact",
    arguments: scenarios)
  func everySubsetOfFacts(_ scenario: Scenario) throws {
    var checked = 0
    for given in Self.assignments(scenario.facts) {
      let missing = scenario.facts.filter { given[$0.name] == nil }
      // Every way the missing facts could be: each one missing still, or any value it can have.
      let completions = Self.assignments(missing, unstated: true).map { given.merging($0) { $1 } }
      for category in scenario.categories {
        // a size with no primary tumour is a different error (sizeCm)
        if category == "T0", given["sizeCm"] != nil { continue }
        let possible = completions.contains { completion in
          Self.derivedT(scenario, completion, primaryNotFound: category == "T0").map { Self.compatible(category, $0) }
            ?? false
        }
        let label =
          "\(scenario) t=\(category) given \(given.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })"
        do {
          let report = try Staging.stage(Self.input(scenario, given, t: category), explain: false)
          #expect(possible, "accepted, but no completion of the facts gives \(category): \(label)")
          #expect(report.results.first { $0.system.rawValue == scenario.system }?.t?.rawValue == category, "\(label)")
        } catch let error as StagingError {
          #expect(!possible, "refused, but a completion of the facts gives \(category): \(label): \(error)")
          #expect(error.field == "t", "\(label): \(error)")
          if !given.isEmpty, case .inconsistent = error {
            #expect(
              given.keys.contains { error.description.contains($0) } || error.description.contains("always deep"),
              "the message names the fact: \(label): \(error)")
          }
        }
        checked += 1
      }
    }
    #expect(checked > 20)
  }

  @Test(
    "the two defects of the report, as new worked cases",
    arguments: [
      // FIGO: size decides T1a/T1b (D-11) even when the extent is not given.
      (#"{"system":"figo2009","t":"T1a","sizeCm":6.5}"#, "t: 'T1a' contradicts sizeCm 6.5 cm under FIGO 2009"),
      (#"{"system":"figo2009","t":"T1b","sizeCm":4.2}"#, "t: 'T1b' contradicts sizeCm 4.2 cm under FIGO 2009"),
      (#"{"system":"figo2009","t":"T1b","sizeCm":5}"#, "t: 'T1b' contradicts sizeCm 5 cm"),
      (
        #"{"system":"figo2009","t":"T2b","sizeCm":5,"uterineExtent":"adnexa"}"#,
        "t: 'T2b' contradicts uterineExtent 'adnexa'"
      ),
      (#"{"site":"bone","system":"ajcc8","t":"T1","sizeCm":9}"#, "t: 'T1' contradicts sizeCm 9 cm"),
    ])
  func workedRefusals(_ json: String, _ message: String) throws {
    let input = try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8))
    #expect(throws: StagingError.self) { try Staging.stage(input, explain: false) }
    do { _ = try Staging.stage(input, explain: false) } catch let error as StagingError {
      #expect(error.field == "t" && error.description.hasPrefix(message), "\(error)")
    }
  }

  @Test(
    "recorded categories the facts allow are kept",
    arguments: [
      (#"{"system":"figo2009","t":"T1a","sizeCm":4.8,"n":"N0","m":"M0"}"#, "figo2009", "T1a", "IA"),
      (#"{"system":"figo2009","t":"T1b","sizeCm":5.2,"n":"N0","m":"M0"}"#, "figo2009", "T1b", "IB"),
      (#"{"system":"figo2009","t":"T3a","sizeCm":9}"#, "figo2009", "T3a", "III"),
      (
        #"{"site":"headAndNeck","system":"ajcc8","t":"T4a","sizeCm":3,"n":"N0","m":"M0"}"#, "ajcc8", "T4a",
        "notApplicable"
      ),
      (
        #"{"site":"visceral","system":"ajcc8","t":"T4b","visceralExtent":"confined","n":"N0","m":"M0"}"#, "ajcc8",
        "T4b", "notApplicable"
      ),
      (#"{"site":"bone","system":"ajcc8","t":"T3","sizeCm":4,"n":"N0","m":"M0"}"#, "ajcc8", "T3", "unknown"),
    ])
  func workedAcceptances(_ json: String, _ system: String, _ t: String, _ group: String) throws {
    let report = try Staging.stage(try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)), explain: false)
    let result = try #require(report.results.first { $0.system.rawValue == system })
    #expect(
      result.t?.rawValue == t && result.stageGroup.rawValue == group,
      "\(result.t?.rawValue ?? "") \(result.stageGroup.rawValue)")
  }

  @Test(
    "a T4a recorded for a visceral tumour whose multifocality is not given makes the summary stage regional (multifocal, §6.3 AT), estimated"
  )
  func recordedMultifocality() throws {
    let input = try JSONDecoder().decode(
      CaseInput.self,
      from: Data(#"{"site":"visceral","system":"ajcc8","t":"T4a","visceralExtent":"confined","n":"N0","m":"M0"}"#.utf8))
    let summary = try Staging.stage(input, explain: false).summaryStage
    #expect(summary.category.rawValue == "regional" && summary.estimated)
  }
}
