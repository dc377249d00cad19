import Foundation

/// A registry item whose codes Leio turns into staging facts.
public enum EODFactItem: String, Sendable, CaseIterable {
  /// EOD Primary Tumor (NAACCR 772).
  case primaryTumor = "eodPrimaryTumor"
  /// EOD Regional Nodes (NAACCR 774).
  case regionalNodes = "eodRegionalNodes"
  /// EOD Mets (NAACCR 776).
  case mets = "eodMets"
  /// Tumor Size Summary (NAACCR 756).
  case tumorSize = "tumorSizeSummary"

  /// The item as NAACCR writes it: its digits.
  var digits: Int { self == .mets ? 2 : 3 }
}

/// What one registry code says about the facts that AJCC 7, AJCC 8 and FIGO 2009 read.
public enum EODFactEffect: Sendable, Hashable {
  /// Nothing any of them reads (the code matters for the summary stage only).
  case nothing
  /// Whether a primary tumour is present (T0).
  case primary(PrimaryTumor)
  /// A primary tumour is present; its head and neck invasion level (AJCC 8 ch. 40).
  case headAndNeck(HeadAndNeckInvasion)
  /// A primary tumour is present; its visceral extent (AJCC 8 ch. 42).
  case visceral(VisceralExtent)
  /// A primary tumour is present; multifocal (AJCC 8 ch. 42 T4).
  case multifocal(Multifocality)
  /// A primary tumour is present; its uterine extent and whether the cervix is involved (FIGO 2009).
  case uterine(UterineExtent, cervix: Bool?)
  /// A primary tumour is present, but the code spans categories: T stays open (unknown, with the row's reason).
  case open
  /// Regional nodes.
  case nodes(NCategory)
  /// Distant metastasis.
  case metastasis(MCategory)
  /// Distant metastasis unknown (a death-certificate-only case): no stage group can be assigned.
  case metastasisUnknown
  /// The code is the size in whole millimetres.
  case sizeMillimetres
  /// 989 mm or more: larger than every cut-point of every system.
  case sizeAtLeast989
  /// A microscopic focus only: smaller than every cut-point of every system.
  case microscopic
  /// The size is unknown (T by size is TX).
  case sizeUnknown
  /// Not a code of this item; the row says which item it belongs to.
  case refused
}

/// One row of ``EODFactTable``: the codes of an item in some schemas, what they mean for Leio's facts, and why.
public struct EODFactRow: Sendable {
  /// The item.
  public let item: EODFactItem
  /// The schemas the row applies to.
  public let schemas: [EODSchema]
  /// Its codes, as numbers (`50` for `050`).
  public let codes: ClosedRange<UInt16>
  /// What they mean for the facts.
  public let effect: EODFactEffect
  /// Why, in words.
  public let because: String
  /// Where it comes from (registry-codes and clinical-reference sections).
  public let source: String
}

/// The mapping from SEER EOD 2018 codes (and Tumor Size Summary) to the facts that AJCC 7, AJCC 8 and FIGO 2009
/// read, one row per code range with its citation. A code's meaning in its schema (registry-codes §4, §5) decides a
/// fact only where the clinical reference's definition of the category is met by that meaning; where a code spans a
/// cut-point or a category boundary, the row leaves the category open (unknown, with the reason).
///
/// - Source: registry-codes §4 (EOD codes per schema), §5 (size codes); clinical-reference §2.1, §3.1–§3.4, §4.1.
public enum EODFactTable {
  static let sizeOnlySchemas: [EODSchema] = [
    .softTissueTrunkExtremities, .retroperitoneum, .softTissueOther, .softTissueRare,
  ]
  static let visceralSchemas: [EODSchema] = [.softTissueAbdomenThoracic, .heartMediastinumPleura]
  static let softTissueSchemas: [EODSchema] = [
    .softTissueTrunkExtremities, .retroperitoneum, .softTissueHeadNeck, .softTissueAbdomenThoracic,
    .heartMediastinumPleura, .softTissueOther, .softTissueRare,
  ]
  static let gynaecologicSchemas: [EODSchema] = [.corpusSarcoma, .cervixSarcoma]

  private static func row(
    _ item: EODFactItem, _ schemas: [EODSchema], _ codes: ClosedRange<UInt16>, _ effect: EODFactEffect,
    _ because: String, _ source: String
  ) -> EODFactRow {
    EODFactRow(item: item, schemas: schemas, codes: codes, effect: effect, because: because, source: source)
  }

  /// Every row. For each item and schema, each code of the schema's table (registry-codes §4, §5) has exactly one
  /// row; codes outside the table have none (they are field errors), except the refused Collaborative Stage sizes.
  public static let rows: [EODFactRow] = primaryTumorRows + nodeRows + metsRows + sizeRows

  static let primaryTumorRows: [EODFactRow] = [
    // Trunk and extremities, retroperitoneum, other: T is size only (AJCC 8 §3.1, §3.2; AJCC 7 §2.1).
    row(
      .primaryTumor, sizeOnlySchemas, 100...100, .primary(.present),
      "Confined to the site of origin: T is by size only at these sites",
      "registry-codes §4.1, §4.2, §4.5; reference §2.1, §3.1, §3.2"),
    row(
      .primaryTumor, sizeOnlySchemas, 200...200, .primary(.present),
      "Adjacent tissue, organs or a major vessel: T is by size only at these sites (extension decides the summary stage only)",
      "registry-codes §4.1, §4.2, §4.5; reference §2.1, §3.1, §3.2"),
    row(
      .primaryTumor, sizeOnlySchemas, 700...700, .primary(.present),
      "Contiguous spread beyond adjacent structures: T is by size only at these sites (extension decides the summary stage only)",
      "registry-codes §4.1, §4.2, §4.5; reference §2.1, §3.1, §3.2"),
    row(
      .primaryTumor, sizeOnlySchemas, 999...999, .nothing,
      "Extension unknown: T is by size only at these sites, so the size code decides",
      "registry-codes §4.1, §4.2, §4.5; reference §3.1"),
    // Head and neck (AJCC 8 ch. 40: T4a/T4b by invaded structure, §3.3).
    row(
      .primaryTumor, [.softTissueHeadNeck], 100...100, .headAndNeck(.none),
      "Confined to the site of origin: no adjoining structure invaded, T by size", "registry-codes §4.3; reference §3.3"
    ),
    row(
      .primaryTumor, [.softTissueHeadNeck], 200...200, .headAndNeck(.notExcluded),
      "Adjacent connective tissue or bone/cartilage: facial-skeleton involvement (T4a) is neither stated nor excluded",
      "registry-codes §4.3; reference §3.3"),
    row(
      .primaryTumor, [.softTissueHeadNeck], 500...500, .headAndNeck(.t4a),
      "Central-compartment viscera, facial bones, orbit, pterygoids, skull base or dura: the T4a structures",
      "registry-codes §4.3; reference §3.3"),
    row(
      .primaryTumor, [.softTissueHeadNeck], 600...600, .headAndNeck(.t4b),
      "Brain, carotid encasement, perineural CNS spread or prevertebral muscle: the T4b structures",
      "registry-codes §4.3; reference §3.3"),
    row(
      .primaryTumor, [.softTissueHeadNeck], 700...700, .headAndNeck(.notExcluded),
      "Adjacent organ or structure invaded, not specified: T4a or T4b cannot be told apart",
      "registry-codes §4.3; reference §3.3"),
    row(
      .primaryTumor, [.softTissueHeadNeck], 999...999, .headAndNeck(.notExcluded),
      "Extension unknown: invasion of an adjoining structure (T4) cannot be excluded",
      "registry-codes §4.3; reference §3.3"),
    // Abdomen and thoracic visceral organs; heart, mediastinum, pleura (AJCC 8 ch. 42, §3.4).
    row(
      .primaryTumor, visceralSchemas, 100...100, .visceral(.confined), "Confined to the organ of origin: T1",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 200...200, .visceral(.serosa), "Serosa or visceral peritoneum involved: T2a",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 300...300, .visceral(.beyondSerosa), "Through the serosa into mesentery: T2b",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 400...400, .visceral(.beyondOrgan),
      "Into tissue beyond the organ, adjacent connective tissue: T2", "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 500...500, .visceral(.anotherOrgan),
      "One adjacent organ or structure invaded: T3",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 550...550, .multifocal(.twoSites), "Multifocal, two sites: T4a",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 600...600, .multifocal(.threeToFiveSites), "Multifocal, three to five sites: T4b",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 650...650, .multifocal(.moreThanFiveSites),
      "Multifocal, more than five sites: T4c",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 700...700, .multifocal(.countUnknown),
      "Multifocal, number of sites unknown: T4, substage (T4a/T4b/T4c) unknown", "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 750...750, .visceral(.anotherOrgan),
      "Further contiguous extension beyond an adjacent organ: another organ is invaded (T3)",
      "registry-codes §4.4; reference §3.4"),
    row(
      .primaryTumor, visceralSchemas, 999...999, .visceral(.notRecorded),
      "Extension unknown: T cannot be assessed at these sites (size is not used)", "registry-codes §4.4; reference §3.4"
    ),
    // Corpus sarcoma (FIGO 2009, §4.1).
    row(
      .primaryTumor, [.corpusSarcoma], 100...100, .uterine(.confined, cervix: false),
      "Confined to the corpus: FIGO I (IA/IB by size)", "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 200...200, .uterine(.confined, cervix: true),
      "Cervical stroma or endocervical glands, still inside the uterus: FIGO I (cervical involvement is still limited to the uterus)",
      "registry-codes §4.6; reference §4.1 notes"),
    row(
      .primaryTumor, [.corpusSarcoma], 400...400, .uterine(.adnexa, cervix: nil),
      "Adnexa, ligaments, parametrium, pelvic visceral peritoneum: FIGO IIA", "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 450...450, .uterine(.pelvicTissue, cervix: nil),
      "Pelvic wall or parietal serosa, ureter, vagina, vulva, frozen pelvis: FIGO IIB",
      "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 500...500, .uterine(.withinPelvis, cervix: nil),
      "Beyond the uterus within the pelvis, not specified: FIGO II (substage unknown)",
      "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 550...550, .uterine(.abdominalOneSite, cervix: nil),
      "One abdominal site: FIGO IIIA", "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 600...600, .uterine(.abdominalMultipleSites, cervix: nil),
      "More than one abdominal site: FIGO IIIB", "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 650...650, .uterine(.abdominal, cervix: nil),
      "Abdominal involvement, not specified: FIGO III (substage unknown)", "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 700...700, .uterine(.bladderOrRectumWall, cervix: nil),
      "Bladder or bowel/rectal wall, mucosa spared: T4 (FIGO IVA) in the SEER TNM 7 tables",
      "registry-codes §4.6; reference §4.1 notes"),
    row(
      .primaryTumor, [.corpusSarcoma], 750...750, .open,
      "Bladder or bowel mucosa, cul-de-sac, or code 700 with abdominal spread: the cul-de-sac is FIGO IIB, the mucosa IVA, so T cannot be told",
      "registry-codes §4.6; reference §4.1"),
    row(
      .primaryTumor, [.corpusSarcoma], 999...999, .uterine(.notRecorded, cervix: nil),
      "Extension unknown: T cannot be assessed (TX)", "registry-codes §4.6; reference §4.2"),
    // Cervix sarcoma: no AJCC 7, AJCC 8 or FIGO 2009 T table of Leio reads its extension.
    row(
      .primaryTumor, [.cervixSarcoma], 100...750, .nothing,
      "Cervix sarcoma: Leio stages no T from the cervix extension codes (reference §1.4); the code decides the summary stage",
      "registry-codes §4.7; reference §1.4"),
    row(
      .primaryTumor, [.cervixSarcoma], 999...999, .nothing,
      "Cervix sarcoma: extension unknown (summary stage only)", "registry-codes §4.7; reference §1.4"),
    // No primary tumour found, every schema.
    row(
      .primaryTumor, softTissueSchemas + gynaecologicSchemas, 800...800, .primary(.notFound),
      "No primary tumour found: T0", "registry-codes §4; reference §2.1, §3.1, §4.1"),
  ]

  static let nodeRows: [EODFactRow] = [
    row(
      .regionalNodes, softTissueSchemas + gynaecologicSchemas, 0...0, .nodes(.n0), "No regional node involvement: N0",
      "registry-codes §4; reference §2.1"),
    row(
      .regionalNodes, gynaecologicSchemas, 50...50, .nodes(.n0),
      "Isolated tumour cells only (≤ 0.2 mm): no nodal metastasis, N0", "registry-codes §4.6, §4.7; reference §4.1"),
    row(
      .regionalNodes,
      [.softTissueTrunkExtremities, .retroperitoneum, .softTissueHeadNeck, .heartMediastinumPleura]
        + gynaecologicSchemas, 300...300, .nodes(.n1),
      "Named regional nodes involved: N1 (not a code of 00421, 00459, 00450)",
      "registry-codes §4, §4.8; reference §2.1, §4.1 (IIIC)"),
    row(
      .regionalNodes, softTissueSchemas + gynaecologicSchemas, 800...800, .nodes(.n1),
      "Regional or unspecified nodes involved: N1", "registry-codes §4; reference §2.1"),
    row(
      .regionalNodes, softTissueSchemas + gynaecologicSchemas, 999...999, .nodes(.nx),
      "Node status unknown: NX (AJCC 8 soft tissue groups it as N0, §3.5)", "registry-codes §4; reference §2.3, §3.5"),
  ]

  static let metsRows: [EODFactRow] = [
    row(
      .mets, softTissueSchemas + gynaecologicSchemas, 0...0, .metastasis(.m0),
      "No distant spread known (SEER codes an unknown as none): M0, as SEER's blank M",
      "registry-codes §4; reference §2.3"),
    row(
      .mets, softTissueSchemas + gynaecologicSchemas, 10...10, .metastasis(.m1), "Distant lymph nodes only: M1",
      "registry-codes §4; reference §2.1, §4.1 (IVB)"),
    row(
      .mets, softTissueSchemas + gynaecologicSchemas, 70...70, .metastasis(.m1), "Distant metastasis: M1",
      "registry-codes §4; reference §2.1, §4.1 (IVB)"),
    row(
      .mets, softTissueSchemas + gynaecologicSchemas, 99...99, .metastasisUnknown,
      "Death certificate only: distant metastasis unknown, so no stage group can be assigned",
      "registry-codes §4"),
  ]

  static let sizeRows: [EODFactRow] = [
    row(
      .tumorSize, softTissueSchemas + gynaecologicSchemas, 0...0, .primary(.notFound), "No mass or tumour found: T0",
      "registry-codes §5; reference §2.1"),
    row(
      .tumorSize, softTissueSchemas + gynaecologicSchemas, 1...988, .sizeMillimetres,
      "Exact greatest dimension in millimetres (001 = 1 mm or less), compared exactly with the cut-points",
      "registry-codes §5; reference §0.3 (D-01, D-02)"),
    row(
      .tumorSize, softTissueSchemas + gynaecologicSchemas, 989...989, .sizeAtLeast989,
      "989 mm or more: above every cut-point (5, 10, 15 cm; 2, 4 cm; 8 cm)", "registry-codes §5; reference §0.3"),
    row(
      .tumorSize, softTissueSchemas + gynaecologicSchemas, 990...990, .microscopic,
      "Microscopic focus only: below every cut-point", "registry-codes §5; reference §0.3"),
    row(
      .tumorSize, softTissueSchemas + gynaecologicSchemas, 991...995, .refused,
      "991–995 are Collaborative Stage size codes (CS Tumor Size, NAACCR 2800: 991 under 1 cm … 995 4–5 cm), not Tumor Size Summary codes; code the size in millimetres or 999",
      "registry-codes §5"),
    row(
      .tumorSize,
      [
        .softTissueTrunkExtremities, .softTissueHeadNeck, .softTissueAbdomenThoracic, .softTissueOther, .softTissueRare,
      ],
      998...998, .sizeUnknown,
      "Site-specific descriptive size (none applies to sarcoma): size unknown", "registry-codes §5; reference §0.3"),
    row(
      .tumorSize, softTissueSchemas + gynaecologicSchemas, 999...999, .sizeUnknown,
      "Size unknown or not stated: T by size is TX", "registry-codes §5; reference §0.3"),
  ]

  /// The row of `code` for `item` in `schema`, or `nil` when the schema's table has no such code.
  public static func row(_ item: EODFactItem, code: UInt16, schema: EODSchema) -> EODFactRow? {
    rows.first { $0.item == item && $0.codes.contains(code) && $0.schemas.contains(schema) }
  }
}

/// A SEER grade code (Grade Clinical 3843, Grade Pathological 3844) and the grade AJCC reads from it.
public struct EODGradeRow: Sendable {
  /// The code (`1`, `A`, `H`, `9`).
  public let code: Character
  /// The schemas whose grade tables have it.
  public let schemas: [EODSchema]
  /// The grade as Leio reads it.
  public let grade: ReportedGrade
  /// Its rank in SEER's combined grade order (higher wins).
  let rank: Int
  /// Why.
  public let because: String
  /// Where it comes from.
  public let source: String
}

/// The grade codes of the sarcoma schemas and their AJCC grades.
///
/// - Source: registry-codes §5 (grade tables, `combined_grade_56638` order); reference §2.1 (AJCC 7 grade mapping),
///   §3.5 (D-06, D-07).
public enum EODGradeTable {
  /// Every code, in SEER's combined-grade order (highest first).
  public static let rows: [EODGradeRow] = [
    EODGradeRow(
      code: "3", schemas: EODFactTable.softTissueSchemas + EODFactTable.gynaecologicSchemas, grade: .g3, rank: 9,
      because: "FNCLCC grade 3 (score 6–8): G3", source: "registry-codes §5; reference §2.1"),
    EODGradeRow(
      code: "2", schemas: EODFactTable.softTissueSchemas + EODFactTable.gynaecologicSchemas, grade: .g2, rank: 8,
      because: "FNCLCC grade 2 (score 4–5): G2", source: "registry-codes §5; reference §2.1"),
    EODGradeRow(
      code: "1", schemas: EODFactTable.softTissueSchemas + EODFactTable.gynaecologicSchemas, grade: .g1, rank: 7,
      because: "FNCLCC grade 1 (score 2–3), or low grade alone: G1", source: "registry-codes §5; reference §2.1, §3.5"),
    EODGradeRow(
      code: "D", schemas: EODFactTable.softTissueSchemas, grade: .differentiation, rank: 6,
      because: "Generic undifferentiated/anaplastic: not an FNCLCC grade, GX for grouping (D-07)",
      source: "registry-codes §5; reference §3.5 D-07"),
    EODGradeRow(
      code: "C", schemas: EODFactTable.softTissueSchemas, grade: .differentiation, rank: 5,
      because: "Generic poorly differentiated: not an FNCLCC grade, GX for grouping (D-07)",
      source: "registry-codes §5; reference §3.5 D-07"),
    EODGradeRow(
      code: "B", schemas: EODFactTable.softTissueSchemas, grade: .differentiation, rank: 4,
      because: "Generic moderately differentiated: not an FNCLCC grade, GX for grouping (D-07)",
      source: "registry-codes §5; reference §3.5 D-07"),
    EODGradeRow(
      code: "A", schemas: EODFactTable.softTissueSchemas, grade: .differentiation, rank: 3,
      because: "Generic well differentiated: not an FNCLCC grade, GX for grouping (D-07)",
      source: "registry-codes §5; reference §3.5 D-07"),
    EODGradeRow(
      code: "H", schemas: EODFactTable.softTissueSchemas, grade: .high, rank: 2,
      because: "Only \"high grade\" stated: high (G2–G3) for AJCC 8 (D-06), G3 for AJCC 7",
      source: "registry-codes §5; reference §2.1, §3.5 D-06"),
    EODGradeRow(
      code: "9", schemas: EODFactTable.softTissueSchemas + EODFactTable.gynaecologicSchemas, grade: .gx, rank: 1,
      because: "Grade cannot be assessed or unknown: GX", source: "registry-codes §5; reference §2.1"),
  ]

  /// The row of `code` in `schema`, or `nil` when the schema's grade table has no such code.
  public static func row(_ code: Character, schema: EODSchema) -> EODGradeRow? {
    rows.first { $0.code == code && $0.schemas.contains(schema) }
  }

  /// The codes of `schema`'s grade table.
  public static func codes(_ schema: EODSchema) -> [String] {
    rows.filter { $0.schemas.contains(schema) }.map { String($0.code) }
  }
}
