import Foundation
import Testing

@testable import LeioCore

/// Issue 13 item 1: wherever the summary stage and a system's stage seem to point different ways, the report says
/// why (reference §6.4, §3.1/§6.2, §3.3/§6.3, §6.5, C-08). Each row is a combination the reference lists, with the
/// stage and summary stage that make it a combination (so a change of either rule shows here), and rows where the
/// two agree and no note may appear.
@Suite("Summary stage notes")
struct SummaryStageNotesTests {
  struct Row: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    /// (system, stage group) per result.
    let stages: [String]
    let summaryCode: String
    let estimated: Bool
    /// The report's notes: rule and the systems it names.
    let notes: [String]
    var testDescription: String { name }
  }

  static let uterus = "\"site\":\"uterus\",\"histology\":\"8890/3\",\"sizeCm\":9"
  static let limb = "\"site\":\"extremity\",\"sizeCm\":3,\"depth\":\"deep\",\"grade\":\"G1\""

  static func uc(_ name: String, _ extra: String, _ stage: String, _ code: String, _ notes: [String]) -> Row {
    Row(
      name: name, json: "{\(uterus),\(extra)}", stages: ["figo2009 \(stage)"], summaryCode: code, estimated: false,
      notes: notes)
  }

  static let rows: [Row] = [
    // §6.4: cervix involvement — FIGO I, SS2018 regional.
    uc(
      "IB + cervix", "\"uterineExtent\":\"confined\",\"cervixInvolved\":true,\"nodes\":\"N0\",\"metastasis\":\"M0\"",
      "IB", "2", ["cervix figo2009"]),
    Row(
      name: "IA + cervix",
      json:
        "{\"site\":\"uterus\",\"histology\":\"8890/3\",\"sizeCm\":4,\"uterineExtent\":\"confined\",\"cervixInvolved\":true,\"nodes\":\"N0\",\"metastasis\":\"M0\"}",
      stages: ["figo2009 IA"], summaryCode: "2", estimated: false, notes: ["cervix figo2009"]),
    // §6.4: malignant cytology — no FIGO change, SS2018 regional; atypical keeps localized.
    uc(
      "IB + malignant cytology",
      "\"uterineExtent\":\"confined\",\"peritonealCytology\":\"malignant\",\"nodes\":\"N0\",\"metastasis\":\"M0\"",
      "IB",
      "2", ["peritonealCytology figo2009"]),
    uc(
      "IB + atypical cytology",
      "\"uterineExtent\":\"confined\",\"peritonealCytology\":\"atypical\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IB",
      "1", []),
    uc(
      "IB + cervix + malignant cytology",
      "\"uterineExtent\":\"confined\",\"cervixInvolved\":true,\"peritonealCytology\":\"malignant\",\"nodes\":\"N0\",\"metastasis\":\"M0\"",
      "IB", "2", ["cervix figo2009", "peritonealCytology figo2009"]),
    uc("IB confined", "\"uterineExtent\":\"confined\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IB", "1", []),
    // §6.4, C-08: cul-de-sac — FIGO IIB, SS2018 distant.
    uc(
      "IIB cul-de-sac", "\"uterineExtent\":\"culDeSac\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IIB", "7",
      ["culDeSac figo2009"]),
    uc(
      "IIB pelvic tissue", "\"uterineExtent\":\"pelvicTissue\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IIB", "2", []),
    uc("IIA adnexa", "\"uterineExtent\":\"adnexa\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IIA", "2", []),
    // §6.4: abdominal tissue — FIGO III, SS2018 distant.
    uc(
      "IIIA one abdominal site", "\"uterineExtent\":\"abdominalOneSite\",\"nodes\":\"N0\",\"metastasis\":\"M0\"",
      "IIIA", "7", ["abdominalSpread figo2009"]),
    uc(
      "IIIB several abdominal sites",
      "\"uterineExtent\":\"abdominalMultipleSites\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IIIB", "7",
      ["abdominalSpread figo2009"]),
    uc(
      "III abdominal, sites not given", "\"uterineExtent\":\"abdominal\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "III",
      "7", ["abdominalSpread figo2009"]),
    uc("IIIC nodes", "\"uterineExtent\":\"confined\",\"nodes\":\"N1\",\"metastasis\":\"M0\"", "IIIC", "3", []),
    uc(
      "IIIC nodes + pelvic extension", "\"uterineExtent\":\"adnexa\",\"nodes\":\"N1\",\"metastasis\":\"M0\"", "IIIC",
      "4", []),
    // §6.4: bladder or rectal wall — FIGO IVA, SS2018 regional; mucosa agrees (distant).
    uc(
      "IVA wall only", "\"uterineExtent\":\"bladderOrRectumWall\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IVA", "2",
      ["bladderOrRectumWall figo2009"]),
    uc(
      "IVA mucosa", "\"uterineExtent\":\"bladderOrRectumMucosa\",\"nodes\":\"N0\",\"metastasis\":\"M0\"", "IVA", "7", []
    ),
    // §6.5: IVA without the depth — estimated distant, with the flag.
    Row(
      name: "IVA, depth not given",
      json: "{\(uterus),\"uterineExtent\":\"bladderOrRectum\",\"nodes\":\"N0\",\"metastasis\":\"M0\"}",
      stages: ["figo2009 IVA"], summaryCode: "7", estimated: true,
      notes: ["bladderDepthUnknown figo2009", "estimated"]),
    Row(
      name: "FIGO T4 from categories",
      json:
        "{\"site\":\"uterus\",\"histology\":\"8890/3\",\"system\":\"figo2009\",\"t\":\"T4\",\"n\":\"N0\",\"m\":\"M0\"}",
      stages: ["figo2009 IVA"], summaryCode: "7", estimated: true,
      notes: ["bladderDepthUnknown figo2009", "estimated"]),
    // §6.5 D-17: an estimated summary stage that agrees is still labelled.
    Row(
      name: "FIGO T1b from categories",
      json:
        "{\"site\":\"uterus\",\"histology\":\"8890/3\",\"system\":\"figo2009\",\"t\":\"T1b\",\"n\":\"N0\",\"m\":\"M0\"}",
      stages: ["figo2009 IB"], summaryCode: "1", estimated: true, notes: ["estimated"]),
    uc("IVB metastasis", "\"uterineExtent\":\"confined\",\"nodes\":\"N0\",\"metastasis\":\"M1\"", "IVB", "7", []),
    uc("IVB with cul-de-sac", "\"uterineExtent\":\"culDeSac\",\"nodes\":\"N0\",\"metastasis\":\"M1\"", "IVB", "7", []),
    // §3.1 + §6.2: AJCC 8 trunk/extremity N1 M0 is stage IV; SS2018 regional. AJCC 7 (III) agrees.
    Row(
      name: "AJCC 8 TE N1",
      json: "{\(limb),\"extension\":\"confined\",\"nodes\":\"N1\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 III", "ajcc8 IV"], summaryCode: "3", estimated: false, notes: ["nodesStageIV ajcc8"]),
    Row(
      name: "AJCC 8 TE N1, extension not recorded (estimated)",
      json:
        "{\"site\":\"extremity\",\"sizeCm\":7.5,\"depth\":\"deep\",\"grade\":\"G3\",\"nodes\":\"N1\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 III", "ajcc8 IV"], summaryCode: "3", estimated: true,
      notes: ["nodesStageIV ajcc8", "estimated"]),
    Row(
      name: "TE N1 M1", json: "{\(limb),\"extension\":\"confined\",\"nodes\":\"N1\",\"metastasis\":\"M1\"}",
      stages: ["ajcc7 IV", "ajcc8 IV"], summaryCode: "7", estimated: false, notes: []),
    Row(
      name: "TE confined", json: "{\(limb),\"extension\":\"confined\",\"nodes\":\"N0\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 IA", "ajcc8 IA"], summaryCode: "1", estimated: false, notes: []),
    // §6.3: extension is not an AJCC stage-group input.
    Row(
      name: "TE IA into adjacent tissue",
      json: "{\(limb),\"extension\":\"adjacent\",\"nodes\":\"N0\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 IA", "ajcc8 IA"], summaryCode: "2", estimated: false, notes: ["extensionNotStaged ajcc7 ajcc8"]),
    Row(
      name: "TE IA into a major vessel",
      json: "{\(limb),\"extension\":\"majorVessel\",\"nodes\":\"N0\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 IA", "ajcc8 IA"], summaryCode: "2", estimated: false, notes: ["extensionNotStaged ajcc7 ajcc8"]),
    Row(
      name: "TE IA, further contiguous extension",
      json: "{\(limb),\"extension\":\"furtherContiguous\",\"nodes\":\"N0\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 IA", "ajcc8 IA"], summaryCode: "7", estimated: false, notes: ["extensionNotStaged ajcc7 ajcc8"]),
    Row(
      name: "TE adjacent + N1", json: "{\(limb),\"extension\":\"adjacent\",\"nodes\":\"N1\",\"metastasis\":\"M0\"}",
      stages: ["ajcc7 III", "ajcc8 IV"], summaryCode: "4", estimated: false,
      notes: ["nodesStageIV ajcc8", "extensionNotStaged ajcc7"]),
    Row(
      name: "RP organ invaded",
      json:
        "{\"site\":\"retroperitoneum\",\"sizeCm\":3,\"grade\":\"G1\",\"nodes\":\"N0\",\"metastasis\":\"M0\",\"invadedOrgans\":[\"kidney\"]}",
      stages: ["ajcc7 IA", "ajcc8 IA"], summaryCode: "2", estimated: false, notes: ["extensionNotStaged ajcc7 ajcc8"]),
    // §3.3 + §6.3: head and neck T4 structures are distant in SS2018.
    Row(
      name: "HN T4 category",
      json: "{\"site\":\"headAndNeck\",\"system\":\"ajcc8\",\"t\":\"T4a\",\"n\":\"N0\",\"m\":\"M0\"}",
      stages: ["ajcc8 notApplicable"], summaryCode: "7", estimated: true,
      notes: ["headAndNeckInvasion ajcc8", "estimated"]),
    Row(
      name: "HN invasion with M1",
      json:
        "{\"site\":\"headAndNeck\",\"sizeCm\":3,\"grade\":\"G2\",\"nodes\":\"N0\",\"metastasis\":\"M1\",\"headAndNeckInvasion\":[\"orbit\"]}",
      stages: ["ajcc7 IV", "ajcc8 notApplicable"], summaryCode: "7", estimated: false, notes: []),
  ]

  static func check(_ row: Row) throws {
    let report = try Staging.stage(try JSONDecoder().decode(CaseInput.self, from: Data(row.json.utf8)))
    do {
      #expect(report.results.map { "\($0.system.rawValue) \($0.stageGroup.rawValue)" } == row.stages, "\(row.name)")
      #expect(report.summaryStage.code?.rawValue == row.summaryCode, "\(row.name)")
      #expect(report.summaryStage.estimated == row.estimated, "\(row.name)")
      let notes = report.summaryStage.notes.map { ([$0.rule] + $0.systems.map(\.rawValue)).joined(separator: " ") }
      #expect(notes == row.notes, "\(row.name)")
      // Each result carries the notes that name it, and the summary-stage ones.
      for result in report.results {
        let own = result.summaryStage.notes.map(\.rule)
        let expected = report.summaryStage.notes.filter { $0.systems.isEmpty || $0.systems.contains(result.system) }
          .map(\.rule)
        #expect(own == expected, "\(row.name) \(result.system)")
      }
      for note in report.summaryStage.notes {
        #expect(!note.text.isEmpty && note.section.hasPrefix("§"), "\(row.name)")
      }
    }
  }

  @Test("every combination the reference lists", arguments: rows)
  func combination(_ row: Row) throws { try Self.check(row) }

  @Test("every head and neck T4 structure is distant in SS2018 and explained", arguments: HeadAndNeckStructure.allCases)
  func headAndNeck(_ structure: HeadAndNeckStructure) throws {
    try Self.check(
      Row(
        name: structure.rawValue,
        json:
          "{\"site\":\"headAndNeck\",\"sizeCm\":3,\"grade\":\"G2\",\"nodes\":\"N0\",\"metastasis\":\"M0\",\"headAndNeckInvasion\":[\"\(structure.rawValue)\"]}",
        stages: ["ajcc7 IIA", "ajcc8 notApplicable"], summaryCode: "7", estimated: false,
        notes: ["headAndNeckInvasion ajcc7 ajcc8"]))
  }

  @Test("no notes without explanation (the batch path) and none where summary stage is not computed")
  func quiet() throws {
    var facts = CaseFacts()
    facts.site = .uterus
    facts.sizeCm = 9
    facts.uterineExtent = .confined
    facts.cervixInvolved = true
    facts.nodes = .n0
    facts.metastasis = .m0
    #expect(try Staging.stage(facts, explain: false).summaryStage.notes.isEmpty)
    #expect(try Staging.stage(facts).summaryStage.notes.map(\.rule) == ["cervix"])
    facts.site = .bone
    facts.uterineExtent = nil
    facts.cervixInvolved = nil
    #expect((try? Staging.stage(facts))?.summaryStage.notes.isEmpty ?? true)
  }
}
