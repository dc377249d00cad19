import Foundation
import Testing

@testable import LeioCore

/// Issue 14 part 1: AJCC 7, AJCC 8 and FIGO 2009 from registry codes. Every EOD code of every sarcoma schema, every
/// size code and every grade code, staged end to end; the expectations are written from registry-codes §4–§5 and the
/// clinical reference (§2.1, §3.1–§3.5, §4.1–§4.2), not read from ``EODFactTable``.
@Suite("Registry codes to AJCC and FIGO")
struct EODFactTableTests {
  static func report(_ fields: [String: String], system: String? = nil) throws -> StagingReport {
    var object = fields
    if let system { object["system"] = system }
    return try Staging.stage(try input(object))
  }

  static func result(_ fields: [String: String], _ system: String) throws -> StagingResult? {
    try report(fields, system: system).results.first
  }

  static func error(_ fields: [String: String]) -> StagingError? {
    do {
      _ = try report(fields)
      return nil
    } catch let error as StagingError {
      return error
    } catch {
      return nil
    }
  }

  @Test("every T, N and M code of every schema has exactly one row; no row has a code its schema lacks")
  func coverage() {
    for schema in EODSchema.allCases {
      let tables: [(EODFactItem, [String])] = [
        (.primaryTumor, schema.primaryTumor.rows.map(\.code)), (.regionalNodes, schema.regionalNodes.rows.map(\.code)),
        (.mets, schema.mets.rows.map(\.code)),
      ]
      for (item, codes) in tables {
        for code in codes {
          let rows = EODFactTable.rows.filter {
            $0.item == item && $0.schemas.contains(schema) && $0.codes.contains(UInt16(code)!)
          }
          #expect(rows.count == 1, "\(schema.rawValue) \(item.rawValue) \(code): \(rows.count) rows")
          #expect(rows.first.map { !$0.source.isEmpty && !$0.because.isEmpty } ?? false)
        }
        for row in EODFactTable.rows where row.item == item && row.schemas.contains(schema) {
          for code in row.codes where row.effect != .nothing || row.codes.count == 1 {
            let text = EODItem.code(code).text(digits: item.digits)!
            #expect(codes.contains(text), "\(schema.rawValue) \(item.rawValue): row code \(text) not in SEER's table")
          }
        }
      }
    }
  }

  static let trunk = ["primarySite": "C492", "histology": "8890/3", "schemaDiscriminator2": "1"]
  static let headNeck = ["primarySite": "C490", "histology": "8890/3"]
  static let stomach = ["primarySite": "C169", "histology": "8890/3"]
  static let mediastinum = ["primarySite": "C381", "histology": "8890/3"]
  static let retroperitoneum = ["primarySite": "C480", "histology": "8890/3"]
  static let corpus = ["primarySite": "C541", "histology": "8890/3"]

  /// (case, system, EOD Primary Tumor, expected T): registry-codes §4, reference §3.1–§3.4, §4.1.
  static let primaryTumorCases: [([String: String], String, String, String)] = [
    // Trunk and extremities / retroperitoneum: T by size only (75 mm → AJCC 8 T2, AJCC 7 T2).
    (trunk, "ajcc8", "100", "T2"), (trunk, "ajcc8", "200", "T2"), (trunk, "ajcc8", "700", "T2"),
    (trunk, "ajcc8", "999", "T2"), (trunk, "ajcc7", "200", "T2"), (trunk, "ajcc7", "999", "T2"),
    (retroperitoneum, "ajcc8", "100", "T2"), (retroperitoneum, "ajcc8", "200", "T2"),
    (retroperitoneum, "ajcc8", "700", "T2"), (retroperitoneum, "ajcc8", "999", "T2"),
    (retroperitoneum, "ajcc7", "700", "T2b"),
    // Head and neck (30 mm → T2 by size): T4a/T4b by structure; codes that neither state nor exclude T4 → TX.
    (headNeck, "ajcc8", "100", "T2"), (headNeck, "ajcc8", "200", "TX"), (headNeck, "ajcc8", "500", "T4a"),
    (headNeck, "ajcc8", "600", "T4b"), (headNeck, "ajcc8", "700", "TX"), (headNeck, "ajcc8", "999", "TX"),
    // Visceral (size not used).
    (stomach, "ajcc8", "100", "T1"), (stomach, "ajcc8", "200", "T2a"), (stomach, "ajcc8", "300", "T2b"),
    (stomach, "ajcc8", "400", "T2"), (stomach, "ajcc8", "500", "T3"), (stomach, "ajcc8", "550", "T4a"),
    (stomach, "ajcc8", "600", "T4b"), (stomach, "ajcc8", "650", "T4c"), (stomach, "ajcc8", "700", "T4"),
    (stomach, "ajcc8", "750", "T3"), (stomach, "ajcc8", "999", "TX"),
    (mediastinum, "ajcc8", "100", "T1"), (mediastinum, "ajcc8", "550", "T4a"), (mediastinum, "ajcc8", "750", "T3"),
    (mediastinum, "ajcc7", "500", "T2b"),
    // Corpus sarcoma (75 mm): FIGO 2009 T.
    (corpus, "figo2009", "100", "T1b"), (corpus, "figo2009", "200", "T1b"), (corpus, "figo2009", "400", "T2a"),
    (corpus, "figo2009", "450", "T2b"), (corpus, "figo2009", "500", "T2"), (corpus, "figo2009", "550", "T3a"),
    (corpus, "figo2009", "600", "T3b"), (corpus, "figo2009", "650", "T3"), (corpus, "figo2009", "700", "T4"),
    (corpus, "figo2009", "750", "TX"), (corpus, "figo2009", "999", "TX"),
  ]

  @Test("every EOD Primary Tumor code: the T of each system", arguments: primaryTumorCases)
  func primaryTumor(_ base: [String: String], _ system: String, _ code: String, _ t: String) throws {
    var fields = base
    fields["eodPrimaryTumor"] = code
    fields["eodRegionalNodes"] = "000"
    fields["eodMets"] = "00"
    fields["tumorSizeSummary"] = base == Self.headNeck ? "030" : "075"
    let result = try #require(try Self.result(fields, system))
    #expect(result.t?.rawValue == t, "\(base["primarySite"]!) \(code) \(system)")
  }

  @Test("EOD Primary Tumor 800: T0 in every schema", arguments: [trunk, headNeck, stomach, retroperitoneum, corpus])
  func noPrimary(_ base: [String: String]) throws {
    var fields = base
    fields["eodPrimaryTumor"] = "800"
    fields["eodRegionalNodes"] = "800"
    let system = base == Self.corpus ? "figo2009" : "ajcc8"
    #expect(try Self.result(fields, system)?.t == .t0)
  }

  @Test("corpus stage groups from the codes (FIGO 2009, §4.1–§4.2)")
  func corpusGroups() throws {
    let expected: [(String, String, String, String)] = [
      ("100", "000", "00", "IB"), ("200", "000", "00", "IB"), ("400", "000", "00", "IIA"), ("450", "000", "00", "IIB"),
      ("500", "000", "00", "II"), ("550", "000", "00", "IIIA"), ("600", "000", "00", "IIIB"),
      ("650", "000", "00", "III"),
      ("700", "000", "00", "IVA"), ("750", "000", "00", "unknown"), ("100", "300", "00", "IIIC"),
      ("100", "050", "00", "IB"), ("100", "000", "70", "IVB"), ("100", "000", "10", "IVB"),
      ("999", "000", "00", "unknown"), ("100", "000", "99", "unknown"),
    ]
    for (t, n, m, group) in expected {
      var fields = Self.corpus
      (fields["eodPrimaryTumor"], fields["eodRegionalNodes"], fields["eodMets"]) = (t, n, m)
      fields["tumorSizeSummary"] = "075"
      let result = try #require(try Self.result(fields, "figo2009"))
      #expect(result.stageGroup.rawValue == group, "\(t) \(n) \(m)")
    }
  }

  @Test("every EOD Regional Nodes code: N (NX for 999; ITCs are N0)")
  func nodes() throws {
    let cases: [([String: String], String, NCategory)] = [
      (Self.trunk, "000", .n0), (Self.trunk, "300", .n1), (Self.trunk, "800", .n1), (Self.trunk, "999", .nx),
      (Self.stomach, "000", .n0), (Self.stomach, "800", .n1), (Self.stomach, "999", .nx),
      (Self.mediastinum, "300", .n1), (Self.headNeck, "300", .n1), (Self.retroperitoneum, "300", .n1),
      (Self.corpus, "000", .n0), (Self.corpus, "050", .n0), (Self.corpus, "300", .n1), (Self.corpus, "800", .n1),
      (Self.corpus, "999", .nx),
    ]
    for (base, code, n) in cases {
      var fields = base
      fields["eodPrimaryTumor"] = "100"
      fields["eodRegionalNodes"] = code
      let facts = try CaseFacts(
        try JSONDecoder().decode(CaseInput.self, from: JSONSerialization.data(withJSONObject: fields)))
      #expect(facts.nodes == n, "\(base["primarySite"]!) \(code)")
    }
  }

  @Test("every EOD Mets code: M0, M1, or unknown (99: no stage group, M1 not excluded)")
  func mets() throws {
    for (code, m, group) in [("00", "M0", "IIIA"), ("10", "M1", "IV"), ("70", "M1", "IV"), ("99", nil, "unknown")] {
      var fields = Self.trunk
      (fields["eodPrimaryTumor"], fields["eodRegionalNodes"], fields["eodMets"]) = ("100", "000", code)
      (fields["tumorSizeSummary"], fields["gradePathological"]) = ("075", "3")
      let result = try #require(try Self.result(fields, "ajcc8"))
      #expect(result.m?.rawValue == m, "\(code)")
      #expect(result.stageGroup.rawValue == group, "\(code)")
    }
  }

  /// The AJCC 8 trunk T of a size in whole millimetres (reference §3.1, ≤ wording).
  static func trunkT(_ millimetres: Int) -> String {
    millimetres <= 50 ? "T1" : millimetres <= 100 ? "T2" : millimetres <= 150 ? "T3" : "T4"
  }

  @Test("every Tumor Size Summary code 000–999 in the trunk schema")
  func everySizeCode() throws {
    for code in 0...999 {
      var fields = Self.trunk
      fields["tumorSizeSummary"] = String(format: "%03d", code)
      fields["nodes"] = "N0"
      fields["metastasis"] = "M0"
      let expected: String? =
        switch code {
        case 0: "T0"
        case 1...988: Self.trunkT(code)
        case 989: "T4"
        case 990: "T1"
        case 998, 999: "TX"
        default: nil  // 991–995 refused (CS codes), 996–997 not codes
        }
      if let expected {
        if code == 0 { fields["nodes"] = "N1" }
        let result = try #require(try Self.result(fields, "ajcc8"), "\(code)")
        #expect(result.t?.rawValue == expected, "size code \(code)")
      } else {
        let error = Self.error(fields)
        #expect(error?.field == "tumorSizeSummary", "size code \(code)")
        if (991...995).contains(code) { #expect("\(error!)".contains("Collaborative Stage")) }
      }
    }
  }

  @Test(
    "size codes at the other cut-points and in other schemas",
    arguments: [
      (headNeck, "ajcc8", "020", "T1"), (headNeck, "ajcc8", "021", "T2"), (headNeck, "ajcc8", "040", "T2"),
      (headNeck, "ajcc8", "041", "T3"), (headNeck, "ajcc8", "990", "T1"), (headNeck, "ajcc8", "989", "T3"),
      (corpus, "figo2009", "050", "T1a"), (corpus, "figo2009", "051", "T1b"), (corpus, "figo2009", "990", "T1a"),
      (corpus, "figo2009", "989", "T1b"), (corpus, "figo2009", "999", "T1"), (trunk, "ajcc7", "050", "T1"),
      (trunk, "ajcc7", "051", "T2"),
    ] as [([String: String], String, String, String)])
  func sizeCutPoints(_ base: [String: String], _ system: String, _ code: String, _ t: String) throws {
    var fields = base
    (fields["tumorSizeSummary"], fields["eodPrimaryTumor"], fields["eodRegionalNodes"]) = (code, "100", "000")
    #expect(try Self.result(fields, system)?.t?.rawValue == t, "\(code)")
  }

  @Test("998 is a size code only where SEER's table has it")
  func size998() {
    for (base, valid) in [(Self.trunk, true), (Self.headNeck, true), (Self.stomach, true)] + [
      (Self.retroperitoneum, false), (Self.corpus, false), (Self.mediastinum, false),
    ] {
      var fields = base
      fields["tumorSizeSummary"] = "998"
      #expect((Self.error(fields) == nil) == valid, "\(base["primarySite"]!)")
    }
  }

  @Test("every grade code in both schema families; the higher of clinical and pathological in SEER's order")
  func grades() throws {
    let softTissue: [(String, ReportedGrade)] = [
      ("1", .g1), ("2", .g2), ("3", .g3), ("A", .differentiation), ("B", .differentiation), ("C", .differentiation),
      ("D", .differentiation), ("H", .high), ("9", .gx),
    ]
    for (code, grade) in softTissue {
      for field in ["gradeClinical", "gradePathological"] {
        var fields = Self.trunk
        fields[field] = code
        let facts = try CaseFacts(
          try JSONDecoder().decode(CaseInput.self, from: JSONSerialization.data(withJSONObject: fields)))
        #expect(facts.grade == grade, "\(field) \(code)")
      }
    }
    for code in ["1", "2", "3", "9"] {
      var fields = Self.corpus
      fields["gradePathological"] = code
      #expect(Self.error(fields) == nil, "corpus \(code)")
    }
    for code in ["A", "B", "C", "D", "H"] {
      var fields = Self.corpus
      fields["gradeClinical"] = code
      #expect(Self.error(fields)?.field == "gradeClinical", "corpus \(code)")
    }
    for (clinical, pathological, grade) in [
      ("1", "D", ReportedGrade.g1), ("A", "H", .differentiation), ("3", "9", .g3), ("H", "9", .high), ("2", "3", .g3),
    ] {
      var fields = Self.trunk
      (fields["gradeClinical"], fields["gradePathological"]) = (clinical, pathological)
      let facts = try CaseFacts(
        try JSONDecoder().decode(CaseInput.self, from: JSONSerialization.data(withJSONObject: fields)))
      #expect(facts.grade == grade, "\(clinical)/\(pathological)")
    }
    // AJCC 8 grouping: A–D are GX (D-07), H groups with G2/G3 (D-06).
    var fields = Self.trunk
    (fields["tumorSizeSummary"], fields["eodRegionalNodes"], fields["eodPrimaryTumor"]) = ("075", "000", "100")
    fields["gradePathological"] = "B"
    #expect(try Self.result(fields, "ajcc8")?.stageGroup == .ib)
    fields["gradePathological"] = "H"
    #expect(try Self.result(fields, "ajcc8")?.stageGroup == .iiia)
  }

  @Test(
    "a code that contradicts a stated fact is an error on the registry item",
    arguments: [
      (["tumorSizeSummary": "050", "sizeCm": "7"], "tumorSizeSummary"),
      (["tumorSizeSummary": "990", "sizeCm": "0.5"], "tumorSizeSummary"),
      (["tumorSizeSummary": "989", "sizeCm": "20"], "tumorSizeSummary"),
      (["tumorSizeSummary": "000", "eodPrimaryTumor": "100"], "tumorSizeSummary"),
      (["eodPrimaryTumor": "800", "tumorSizeSummary": "040"], "tumorSizeSummary"),
      (["eodRegionalNodes": "300", "nodes": "N0"], "eodRegionalNodes"),
      (["eodMets": "70", "metastasis": "M0"], "eodMets"),
      (["gradePathological": "3", "grade": "G1"], "gradePathological"),
      (["eodPrimaryTumor": "800", "primaryTumor": "present"], "eodPrimaryTumor"),
      (["histologicTypeIcdO3": "8890"], "behaviorCodeIcdO3"),
      (["behaviorCodeIcdO3": "3"], "histologicTypeIcdO3"),
      (["primarySite": "C493", "topography": "C49.2"], "primarySite"),
      (["histologicTypeIcdO3": "8890", "behaviorCodeIcdO3": "3", "histology": "8891/3"], "histologicTypeIcdO3"),
    ] as [([String: String], String)])
  func contradictions(_ extra: [String: String], _ field: String) {
    var fields = Self.trunk.merging(extra) { $1 }
    if extra["histologicTypeIcdO3"] != nil || extra["behaviorCodeIcdO3"] != nil {
      fields["histology"] = extra["histology"]
    }
    if extra["topography"] != nil { fields.removeValue(forKey: "schemaDiscriminator2") }
    #expect(Self.error(fields)?.field == field, "\(extra)")
  }

  @Test("a stated fact that agrees, or says more than an 'unknown' code, is kept")
  func agreements() throws {
    var fields = Self.trunk
    (fields["tumorSizeSummary"], fields["sizeCm"]) = ("075", "7.54")
    #expect(try CaseFacts(Self.input(fields)).sizeCm == 7.54)
    fields = Self.trunk.merging(["eodRegionalNodes": "999", "nodes": "N0", "eodMets": "99", "metastasis": "M0"]) { $1 }
    let facts = try CaseFacts(Self.input(fields))
    #expect(facts.nodes == .n0 && facts.metastasis == .m0 && !facts.eod.metastasisUnknown)
    fields = Self.corpus.merging(["eodPrimaryTumor": "700", "uterineExtent": "bladderOrRectum"]) { $1 }
    #expect(try CaseFacts(Self.input(fields)).uterineExtent == .bladderOrRectumWall)
    fields = Self.corpus.merging(["eodPrimaryTumor": "450", "uterineExtent": "adnexa"]) { $1 }
    #expect(Self.error(fields)?.field == "eodPrimaryTumor")
    fields = Self.headNeck.merging(["eodPrimaryTumor": "700", "headAndNeckInvasion": "orbit"]) { $1 }
    #expect(try Self.result(fields, "ajcc8")?.t == .t4a)
    fields = [
      "primarySite": "C492", "histologicTypeIcdO3": "8890", "behaviorCodeIcdO3": "3", "schemaDiscriminator2": "1",
    ]
    #expect(try CaseFacts(Self.input(fields)).histology?.code == "8890/3")
  }

  static func input(_ fields: [String: String]) throws -> CaseInput {
    var object: [String: Any] = fields
    if let size = fields["sizeCm"] { object["sizeCm"] = Double(size) }
    if let list = fields["headAndNeckInvasion"] { object["headAndNeckInvasion"] = [list] }
    return try JSONDecoder().decode(CaseInput.self, from: JSONSerialization.data(withJSONObject: object))
  }

  @Test("an open code explains itself: a warning with the row's reason and its source")
  func openCodeWarning() throws {
    var fields = Self.corpus
    (fields["eodPrimaryTumor"], fields["eodRegionalNodes"]) = ("750", "000")
    let result = try #require(try Self.result(fields, "figo2009"))
    #expect(result.warnings.contains { $0.message.contains("cul-de-sac") })
    #expect(result.steps.contains { $0.rule == "registry.eodPrimaryTumor" })
  }
}
