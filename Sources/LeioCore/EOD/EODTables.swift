import Foundation

/// The SEER EOD 2018 code tables of the sarcoma schemas: code → SS2018 category, with SEER's table id.
///
/// - Source: registry-codes §4.1–§4.8 (SEER `eod_public` 3.3; meanings are registry-codes' paraphrases).
enum EODTables {
  typealias T = EODCodeTable<SummaryStageT>
  typealias N = EODCodeTable<SummaryStageN>
  typealias M = EODCodeTable<SummaryStageM>

  static func t(_ id: String, _ rows: [(String, SummaryStageT, String)]) -> T {
    T(id: id, rows: rows.map { T.Row(code: $0.0, category: $0.1, meaning: $0.2) })
  }

  static let noPrimary = ("800", SummaryStageT.unknown, "No primary tumour found")
  static let unknownExtension = (
    "999", SummaryStageT.unknown, "Extension unknown or not documented; death certificate only"
  )

  /// Trunk and extremities (00410), Soft Tissue Other (00459) and Rare (00450): the same rows (§4.1, §4.5).
  static func softTissuePrimary(_ id: String) -> T {
    t(
      id,
      [
        ("100", .localized, "Any size, confined to the site of origin; superficial or deep, not otherwise specified"),
        ("200", .regional, "Invades adjacent tissue or organs, or a major vessel"),
        ("700", .distant, "Contiguous spread beyond the code-200 structures"),
        noPrimary, unknownExtension,
      ])
  }

  /// Retroperitoneum (00440), §4.2.
  static let retroperitoneumPrimary = t(
    "extension_bfv",
    [
      ("100", .localized, "Any size, confined to the site of origin"),
      ("200", .regional, "Adjacent tissue, organs or bone (the site lists of registry-codes §4.2)"),
      ("700", .distant, "Peritoneal primary into the ascending or descending colon; further extension"),
      noPrimary, unknownExtension,
    ])

  /// Soft Tissue Head and Neck (00400), §4.3: 500 and 600 are distant, 700 regional.
  static let headNeckPrimary = t(
    "seer_primary_tumor_42176",
    [
      ("100", .localized, "Any size, confined to the site of origin"),
      ("200", .regional, "Adjacent connective tissue, or bone or cartilage"),
      ("500", .distant, "Central-compartment viscera, facial bones, orbit, pterygoid muscles, skull base or dura"),
      ("600", .distant, "Brain, carotid encasement, perineural spread to the CNS, prevertebral muscle; beyond"),
      ("700", .regional, "Adjacent organ or structure invaded, not specified"),
      noPrimary, unknownExtension,
    ])

  /// Soft Tissue Abdomen and Thoracic (00421) and Heart, Mediastinum and Pleura (00422): the same rows (§4.4).
  static func abdomenThoracicPrimary(_ id: String) -> T {
    t(
      id,
      [
        ("100", .localized, "Confined to the organ of origin; localized, not otherwise specified"),
        ("200", .regional, "Serosa or visceral peritoneum involved"),
        ("300", .regional, "Through the serosa into the mesentery"),
        ("400", .regional, "Into tissue beyond the organ; adjacent connective tissue"),
        ("500", .regional, "One adjacent organ or structure invaded"),
        ("550", .regional, "Multifocal: two sites"),
        ("600", .regional, "Multifocal: three to five sites"),
        ("650", .regional, "Multifocal: more than five sites"),
        ("700", .regional, "Multifocal, number of sites unknown"),
        ("750", .distant, "Further contiguous extension"),
        noPrimary, unknownExtension,
      ])
  }

  /// Corpus Sarcoma (00541), §4.6. Code 100 is L, or RE with malignant peritoneal cytology (``EODSummaryStage``).
  static let corpusPrimary = t(
    "extension_bfm",
    [
      ("100", .localized, "Confined to the corpus (endometrium, myometrium, serosa of the corpus); FIGO I"),
      ("200", .regional, "Cervical stroma or endocervical glands, still inside the uterus"),
      ("400", .regional, "Adnexa, ligaments, parametrium, pelvic visceral peritoneum; FIGO IIA"),
      ("450", .regional, "Pelvic wall or parietal serosa, ureter, vagina, vulva, frozen pelvis; FIGO IIB"),
      ("500", .regional, "Beyond the uterus within the pelvis, not specified; FIGO II NOS"),
      ("550", .distant, "One abdominal site (abdominal peritoneum, sigmoid, small bowel, other); FIGO IIIA"),
      ("600", .distant, "More than one abdominal site; FIGO IIIB"),
      ("650", .distant, "Abdominal involvement, not specified; FIGO III NOS"),
      ("700", .regional, "Bladder or bowel/rectal wall, mucosa spared"),
      ("750", .distant, "Bladder or bowel mucosa, cul-de-sac, or code 700 with abdominal spread; FIGO IVA / IV NOS"),
      noPrimary, unknownExtension,
    ])

  /// Cervix Sarcoma (00528), §4.7. Code 100 depends on peritoneal cytology as in corpus sarcoma.
  static let cervixPrimary = t(
    "eod_primary_tumor_4717",
    [
      ("100", .localized, "Confined to the cervix or uterus, not otherwise specified; FIGO I"),
      ("200", .regional, "Corpus involved"),
      ("300", .regional, "Adnexa, ligaments, parametrium, pelvic visceral peritoneum; FIGO IIA"),
      ("400", .regional, "Cul-de-sac, pelvic wall, ureter, vagina, vulva, frozen pelvis; FIGO IIB"),
      ("500", .regional, "Beyond the uterus, not specified"),
      ("550", .distant, "One listed site: bladder or rectal wall, pelvic wall, urethra, hydronephrosis"),
      ("600", .distant, "More than one listed site"),
      ("650", .distant, "Listed sites, not specified"),
      ("700", .regional, "Bladder or rectal wall"),
      ("750", .distant, "Bladder or rectal mucosa, sigmoid, small bowel; FIGO IVA"),
      noPrimary, unknownExtension,
    ])

  /// The soft-tissue node tables (§4.1–§4.5): 000, 800, 999, and 300 where the schema names its regional nodes
  /// (`regional300` nil: 300 is not a valid code, §4.8).
  static func nodes(_ id: String, _ regional300: String?) -> N {
    var rows: [N.Row] = [N.Row(code: "000", category: .none, meaning: "No regional node involvement")]
    if let regional300 { rows.append(N.Row(code: "300", category: .regional, meaning: regional300)) }
    rows += [
      N.Row(code: "800", category: .regional, meaning: "Regional or unspecified nodes involved"),
      N.Row(code: "999", category: .unknown, meaning: "Node status unknown; death certificate only"),
    ]
    return N(id: id, rows: rows)
  }

  /// Corpus and cervix sarcoma nodes (§4.6, §4.7): 050 (isolated tumour cells) counts as none.
  static func gynaecologicNodes(_ id: String) -> N {
    N(
      id: id,
      rows: [
        N.Row(code: "000", category: .none, meaning: "No regional node involvement"),
        N.Row(code: "050", category: .none, meaning: "Isolated tumour cells only (0.2 mm or less)"),
        N.Row(code: "300", category: .regional, meaning: "Pelvic or para-aortic nodes; FIGO IIIC"),
        N.Row(code: "800", category: .regional, meaning: "Regional or unspecified nodes involved"),
        N.Row(code: "999", category: .unknown, meaning: "Node status unknown; death certificate only"),
      ])
  }

  /// EOD Mets, the same codes in every schema (§4).
  static func mets(_ id: String) -> M {
    M(
      id: id,
      rows: [
        M.Row(code: "00", category: .none, meaning: "No distant spread known, or unknown whether any"),
        M.Row(code: "10", category: .distant, meaning: "Distant lymph nodes only"),
        M.Row(code: "70", category: .distant, meaning: "Distant metastasis, with or without distant nodes"),
        M.Row(code: "99", category: .unknown, meaning: "Death-certificate-only case"),
      ])
  }

  /// Peritoneal Cytology (item 3911, `peritoneal_cytology_38674`): the valid codes; only 2 makes EOD Primary Tumor 100
  /// regional (`peritoneal_cytology_with_primary_tumor_for_ss2018_t_88427`), §4.6.
  static let peritonealCytology: [(code: String, meaning: String)] = [
    ("0", "Negative for malignancy"), ("1", "Atypical or suspicious"), ("2", "Malignant cells present"),
    ("3", "Unsatisfactory or nondiagnostic"), ("7", "Ordered, result not in the record"),
    ("8", "Not applicable or not collected"), ("9", "Not documented, or unknown whether done"),
  ]
}
