import Foundation
import Testing

@testable import LeioCore

/// Issue 14 part 1: Summary Stage 2018 derived from SEER EOD 2018 codes, code by code for every sarcoma schema
/// (registry-codes §4). Each expected stage is written out from the schema's table and the `summary_stage_rpa`
/// matrix (T with N 000 and M 00; N with T 100; M with T 100 and N 000), not computed by the code under test.
@Suite("EOD 2018 → Summary Stage 2018")
struct EODSummaryStageTests {
  static func stage(
    _ schema: EODSchema, _ t: String?, _ n: String? = "000", _ m: String? = "00", cytology: String? = nil
  )
    throws -> EODSummaryStage
  {
    try EODSummaryStage.derive(
      EODCodes(primaryTumor: t, regionalNodes: n, mets: m, peritonealCytology: cytology), schema: schema)
  }

  /// Every valid EOD Primary Tumor code of each schema and the summary stage it gives with N 000, M 00.
  static let primaryTumor: [(EODSchema, [String: String])] = [
    (.softTissueTrunkExtremities, ["100": "1", "200": "2", "700": "7", "800": "9", "999": "9"]),
    (.retroperitoneum, ["100": "1", "200": "2", "700": "7", "800": "9", "999": "9"]),
    (.softTissueHeadNeck, ["100": "1", "200": "2", "500": "7", "600": "7", "700": "2", "800": "9", "999": "9"]),
    (
      .softTissueAbdomenThoracic,
      [
        "100": "1", "200": "2", "300": "2", "400": "2", "500": "2", "550": "2", "600": "2", "650": "2", "700": "2",
        "750": "7", "800": "9", "999": "9",
      ]
    ),
    (
      .heartMediastinumPleura,
      [
        "100": "1", "200": "2", "300": "2", "400": "2", "500": "2", "550": "2", "600": "2", "650": "2", "700": "2",
        "750": "7", "800": "9", "999": "9",
      ]
    ),
    (.softTissueOther, ["100": "1", "200": "2", "700": "7", "800": "9", "999": "9"]),
    (.softTissueRare, ["100": "1", "200": "2", "700": "7", "800": "9", "999": "9"]),
    (
      .corpusSarcoma,
      [
        "100": "1", "200": "2", "400": "2", "450": "2", "500": "2", "550": "7", "600": "7", "650": "7", "700": "2",
        "750": "7", "800": "9", "999": "9",
      ]
    ),
    (
      .cervixSarcoma,
      [
        "100": "1", "200": "2", "300": "2", "400": "2", "500": "2", "550": "7", "600": "7", "650": "7", "700": "2",
        "750": "7", "800": "9", "999": "9",
      ]
    ),
  ]

  /// Codes that are valid in some schema but not in these (registry-codes §4.8), and plain nonsense.
  static let invalidPrimaryTumor: [(EODSchema, [String])] = [
    (.softTissueTrunkExtremities, ["300", "400", "500", "550", "750", "000", "10", "1000", "abc"]),
    (.retroperitoneum, ["300", "400", "500", "600", "750"]),
    (.softTissueHeadNeck, ["300", "400", "550", "750"]),
    (.softTissueAbdomenThoracic, ["450"]),
    (.softTissueOther, ["300", "400", "500", "750"]),
    (.softTissueRare, ["500", "750"]),
    (.corpusSarcoma, ["300"]),
    (.cervixSarcoma, ["450"]),
  ]

  @Test("every EOD Primary Tumor code of every schema", arguments: primaryTumor)
  func primary(_ schema: EODSchema, _ expected: [String: String]) throws {
    #expect(Set(schema.primaryTumor.rows.map(\.code)) == Set(expected.keys), "\(schema) has exactly these codes")
    for (code, stage) in expected {
      let result = try Self.stage(schema, code)
      #expect(result.code.rawValue == stage, "\(schema) T \(code)")
      #expect(result.errors.isEmpty, "\(schema) T \(code)")
      #expect(result.steps.first?.output == schema.rawValue)
      #expect(result.steps.contains { $0.rule == "\(schema.primaryTumor.id)#\(code)" }, "\(schema) T \(code) step")
    }
  }

  @Test("codes a schema does not have give 9 with an error naming the item", arguments: invalidPrimaryTumor)
  func invalidPrimary(_ schema: EODSchema, _ codes: [String]) throws {
    for code in codes {
      let result = try Self.stage(schema, code)
      #expect(result.code == .unknown && result.primaryTumor == nil, "\(schema) T \(code)")
      #expect(result.errors.count == 1 && result.errors[0].contains("NAACCR 772"), "\(schema) T \(code)")
    }
  }

  @Test("every EOD Regional Nodes code of every schema (with T 100, M 00)")
  func nodes() throws {
    let withRegional300: Set<EODSchema> = [
      .softTissueTrunkExtremities, .retroperitoneum, .softTissueHeadNeck, .heartMediastinumPleura, .corpusSarcoma,
      .cervixSarcoma,
    ]
    for schema in EODSchema.allCases {
      var expected = ["000": "1", "800": "3", "999": "1"]
      if withRegional300.contains(schema) { expected["300"] = "3" }
      if schema.usesPeritonealCytology { expected["050"] = "1" }
      #expect(Set(schema.regionalNodes.rows.map(\.code)) == Set(expected.keys), "\(schema)")
      for (code, stage) in expected {
        #expect(try Self.stage(schema, "100", code).code.rawValue == stage, "\(schema) N \(code)")
      }
      if !withRegional300.contains(schema) { #expect(try Self.stage(schema, "100", "300").code == .unknown) }
      if !schema.usesPeritonealCytology { #expect(try Self.stage(schema, "100", "050").code == .unknown) }
      // T 200 with regional nodes is 4, with unknown nodes 2 (summary_stage_rpa rows 7 and 5).
      #expect(try Self.stage(schema, "200", "800").code == .regionalExtensionAndNodes, "\(schema)")
      #expect(try Self.stage(schema, "200", "999").code == .regionalDirectExtension, "\(schema)")
    }
  }

  @Test("every EOD Mets code (with T 100, N 000), and distant wins over everything")
  func mets() throws {
    for schema in EODSchema.allCases {
      let expected = ["00": "1", "10": "7", "70": "7", "99": "1"]
      #expect(Set(schema.mets.rows.map(\.code)) == Set(expected.keys), "\(schema)")
      for (code, stage) in expected {
        #expect(try Self.stage(schema, "100", "000", code).code.rawValue == stage, "\(schema) M \(code)")
      }
      #expect(try Self.stage(schema, "999", "999", "70").code == .distant)
      #expect(try Self.stage(schema, "800", "800", "10").code == .distant)
      #expect(try Self.stage(schema, "100", "000", "20").code == .unknown)
    }
  }

  @Test("absent and blank items differ (registry-codes §1 step 3)")
  func absentAndBlank() throws {
    // Trunk: T 100, N 000, Mets absent → the default 00 → 1; Mets present but blank → 9.
    #expect(try Self.stage(.softTissueTrunkExtremities, "100", "000", nil).code == .localized)
    let blank = try Self.stage(.softTissueTrunkExtremities, "100", "000", "")
    #expect(blank.code == .unknown && blank.errors.first?.contains("blank") == true)
    // Absent T and N default to 999: U with unknown nodes → 9; absent N with T 100 → 999 → 1.
    #expect(try Self.stage(.softTissueTrunkExtremities, nil, nil, nil).code == .unknown)
    #expect(try Self.stage(.softTissueTrunkExtremities, "100", nil, nil).code == .localized)
    #expect(try Self.stage(.softTissueTrunkExtremities, "", "000", "00").code == .unknown)
    #expect(try Self.stage(.softTissueTrunkExtremities, "100", "", "00").code == .unknown)
  }

  @Test(
    "corpus and cervix sarcoma: T 100 is regional only with malignant peritoneal cytology (3911 = 2)",
    arguments: [EODSchema.corpusSarcoma, .cervixSarcoma])
  func cytology(_ schema: EODSchema) throws {
    let expected = ["0": "1", "1": "1", "2": "2", "3": "1", "7": "1", "8": "1", "9": "1"]
    for (code, stage) in expected {
      #expect(try Self.stage(schema, "100", cytology: code).code.rawValue == stage, "\(schema) cytology \(code)")
    }
    #expect(try Self.stage(schema, "100", "300", cytology: "2").code == .regionalExtensionAndNodes)
    #expect(try Self.stage(schema, "100", cytology: nil).code == .localized)  // absent: default 8
    #expect(try Self.stage(schema, "100", cytology: "").code == .unknown)  // present but blank
    #expect(try Self.stage(schema, "100", cytology: "5").code == .unknown)
    // Other T codes keep their category whatever the cytology.
    #expect(try Self.stage(schema, "200", cytology: "").code == .regionalDirectExtension)
    #expect(try Self.stage(schema, "550", cytology: "2").code == .distant)
  }

  @Test("cytology is not read outside the gynaecologic schemas")
  func cytologyElsewhere() throws {
    #expect(try Self.stage(.softTissueTrunkExtremities, "100", cytology: "2").code == .localized)
    #expect(try Self.stage(.softTissueTrunkExtremities, "100", cytology: "").code == .localized)
  }

  @Test("the steps name the schema, each code's table row and the matrix row")
  func steps() throws {
    let result = try Self.stage(.corpusSarcoma, "100", "300", "00", cytology: "2")
    #expect(result.code == .regionalExtensionAndNodes)
    #expect(
      result.steps.map(\.rule).prefix(5) == [
        "eod-schema", "extension_bfm#100", "peritoneal_cytology_with_primary_tumor_for_ss2018_t_88427#2",
        "nodes_dfh#300",
        "eod_mets_26533#00",
      ])
    #expect(result.steps.last?.output == "4")
    #expect(result.steps.last?.rule.hasPrefix("ss2018-matrix#") == true)
  }
}
