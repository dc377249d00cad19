import Foundation

/// A SEER Extent of Disease 2018 schema that a leiomyosarcoma-family tumour can fall in, by its NAACCR Schema ID
/// (item 3800).
///
/// - Source: registry-codes §0 (table ids), §2 (selection), §4 (codes); SEER `eod_public` 3.3.
public enum EODSchema: String, CaseIterable, Sendable, Codable {
  /// Soft Tissue Trunk and Extremities.
  case softTissueTrunkExtremities = "00410"
  /// Retroperitoneum (C48.0) and peritoneum (C48.1, C48.2, C48.8).
  case retroperitoneum = "00440"
  /// Soft Tissue Head and Neck.
  case softTissueHeadNeck = "00400"
  /// Soft Tissue Abdomen and Thoracic.
  case softTissueAbdomenThoracic = "00421"
  /// Heart, Mediastinum and Pleura.
  case heartMediastinumPleura = "00422"
  /// Soft Tissue Other.
  case softTissueOther = "00459"
  /// Soft Tissue Rare (rare histologies; leiomyosarcoma never selects it, registry-codes §2).
  case softTissueRare = "00450"
  /// Corpus Sarcoma (uterine leiomyosarcoma).
  case corpusSarcoma = "00541"
  /// Cervix Sarcoma (diagnosed 2021 or later).
  case cervixSarcoma = "00528"

  /// SEER's name of the schema.
  public var title: String {
    switch self {
    case .softTissueTrunkExtremities: "Soft Tissue Trunk and Extremities"
    case .retroperitoneum: "Retroperitoneum"
    case .softTissueHeadNeck: "Soft Tissue Head and Neck"
    case .softTissueAbdomenThoracic: "Soft Tissue Abdomen and Thoracic"
    case .heartMediastinumPleura: "Heart, Mediastinum and Pleura"
    case .softTissueOther: "Soft Tissue Other"
    case .softTissueRare: "Soft Tissue Rare"
    case .corpusSarcoma: "Corpus Sarcoma"
    case .cervixSarcoma: "Cervix Sarcoma"
    }
  }

  /// The section of registry-codes.md with the schema's codes.
  public var section: String {
    switch self {
    case .softTissueTrunkExtremities: "registry-codes §4.1"
    case .retroperitoneum: "registry-codes §4.2"
    case .softTissueHeadNeck: "registry-codes §4.3"
    case .softTissueAbdomenThoracic, .heartMediastinumPleura: "registry-codes §4.4"
    case .softTissueOther, .softTissueRare: "registry-codes §4.5"
    case .corpusSarcoma: "registry-codes §4.6"
    case .cervixSarcoma: "registry-codes §4.7"
    }
  }

  /// The schema's EOD Primary Tumor (item 772) table (built once per schema).
  public var primaryTumor: EODCodeTable<SummaryStageT> { Self.tables[self]?.primaryTumor ?? declaredPrimaryTumor }

  /// The schema's EOD Regional Nodes (item 774) table (built once per schema).
  public var regionalNodes: EODCodeTable<SummaryStageN> { Self.tables[self]?.regionalNodes ?? declaredRegionalNodes }

  /// The schema's EOD Mets (item 776) table (built once per schema).
  public var mets: EODCodeTable<SummaryStageM> { Self.tables[self]?.mets ?? declaredMets }

  /// Every schema's three tables, built once from the declarations below.
  private static let tables = Dictionary(
    uniqueKeysWithValues: allCases.map {
      ($0, (primaryTumor: $0.declaredPrimaryTumor, regionalNodes: $0.declaredRegionalNodes, mets: $0.declaredMets))
    })

  private var declaredPrimaryTumor: EODCodeTable<SummaryStageT> {
    switch self {
    case .softTissueTrunkExtremities: EODTables.softTissuePrimary("seer_primary_tumor_31838")
    case .retroperitoneum: EODTables.retroperitoneumPrimary
    case .softTissueHeadNeck: EODTables.headNeckPrimary
    case .softTissueAbdomenThoracic: EODTables.abdomenThoracicPrimary("seer_primary_tumor_53926")
    case .heartMediastinumPleura: EODTables.abdomenThoracicPrimary("seer_primary_tumor_72151")
    case .softTissueOther: EODTables.softTissuePrimary("eod_primary_tumor_93027")
    case .softTissueRare: EODTables.softTissuePrimary("extension_bbr")
    case .corpusSarcoma: EODTables.corpusPrimary
    case .cervixSarcoma: EODTables.cervixPrimary
    }
  }

  private var declaredRegionalNodes: EODCodeTable<SummaryStageN> {
    switch self {
    case .softTissueTrunkExtremities:
      EODTables.nodes("seer_regional_nodes_69974", "Limb/trunk regional nodes (axillary, inguinal, popliteal …)")
    case .retroperitoneum: EODTables.nodes("nodes_dfq", "Intra-abdominal, paracaval, pelvic, subdiaphragmatic nodes")
    case .softTissueHeadNeck:
      EODTables.nodes("seer_regional_nodes_93152", "Cervical and subsite nodes (facial, parotid, mastoid …)")
    case .softTissueAbdomenThoracic: EODTables.nodes("seer_regional_nodes_19661", nil)
    case .heartMediastinumPleura:
      EODTables.nodes(
        "seer_regional_nodes_67072",
        "Mediastinal, peri-tracheal, pericardial nodes; hilar and intrapulmonary for pleura")
    case .softTissueOther: EODTables.nodes("eod_regional_nodes_61282", nil)
    case .softTissueRare: EODTables.nodes("nodes_dbi", nil)
    case .corpusSarcoma: EODTables.gynaecologicNodes("nodes_dfh")
    case .cervixSarcoma: EODTables.gynaecologicNodes("eod_regional_nodes_10020")
    }
  }

  private var declaredMets: EODCodeTable<SummaryStageM> {
    switch self {
    case .softTissueTrunkExtremities: EODTables.mets("eod_mets_22645")
    case .retroperitoneum: EODTables.mets("eod_mets_23953")
    case .softTissueHeadNeck: EODTables.mets("eod_mets_23805")
    case .softTissueAbdomenThoracic: EODTables.mets("eod_mets_33408")
    case .heartMediastinumPleura: EODTables.mets("eod_mets_76404")
    case .softTissueOther: EODTables.mets("eod_mets_2212")
    case .softTissueRare: EODTables.mets("eod_mets_20229")
    case .corpusSarcoma: EODTables.mets("eod_mets_26533")
    case .cervixSarcoma: EODTables.mets("eod_mets_79894")
    }
  }

  /// Whether EOD Primary Tumor 100 depends on Peritoneal Cytology (item 3911): the two gynaecologic schemas.
  public var usesPeritonealCytology: Bool { self == .corpusSarcoma || self == .cervixSarcoma }
}

/// The SS2018 primary-tumour category of an EOD code (`ss2018_t`).
/// - Source: registry-codes §1 step 4.
public enum SummaryStageT: String, Sendable, Hashable, Codable, CaseIterable {
  /// Localized.
  case localized = "L"
  /// Regional by direct extension.
  case regional = "RE"
  /// Distant.
  case distant = "D"
  /// Unknown.
  case unknown = "U"
}

/// The SS2018 nodes category of an EOD code (`ss2018_n`).
/// - Source: registry-codes §1 step 4.
public enum SummaryStageN: String, Sendable, Hashable, Codable, CaseIterable {
  /// No regional node involvement.
  case none = "NONE"
  /// Regional nodes.
  case regional = "RN"
  /// Unknown.
  case unknown = "U"
}

/// The SS2018 metastasis category of an EOD code (`ss2018_m`).
/// - Source: registry-codes §1 step 4, §4.
public enum SummaryStageM: String, Sendable, Hashable, Codable, CaseIterable {
  /// No distant metastasis known.
  case none = "NONE"
  /// Distant nodes or metastasis.
  case distant = "D"
  /// Death-certificate only.
  case unknown = "U"
}

/// One SEER EOD code table: each valid code with its category and a short paraphrase of its meaning.
public struct EODCodeTable<Category: Sendable & Hashable>: Sendable {
  /// One code.
  public struct Row: Sendable, Hashable {
    /// The code as NAACCR writes it (`200`, `00`).
    public let code: String
    /// Its SS2018 category.
    public let category: Category
    /// What it means (a paraphrase of SEER's text, registry-codes §4).
    public let meaning: String
  }

  /// SEER's table id (`seer_primary_tumor_31838`).
  public let id: String
  /// The codes, in SEER's order.
  public let rows: [Row]

  /// The row of `code`, or `nil` for a code the table does not have (an invalid code, or a blank).
  public func row(_ code: String) -> Row? { rows.first { $0.code == code } }
}
