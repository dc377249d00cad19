import Foundation

/// Depth relative to the superficial fascia (AJCC 7 only picks the a/b suffix).
/// - Source: reference §2.1 depth rules.
public enum Depth: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case superficial, deep, unknown
}

/// Whether a primary tumour was found and could be assessed.
/// - Source: reference §2.1 (T0, TX).
public enum PrimaryTumor: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  /// A primary tumour is present (its size or extent may still be unknown).
  case present
  /// No evidence of primary tumour (T0).
  case notFound
  /// The primary cannot be assessed (TX).
  case notAssessable
}

/// Extension of a soft-tissue primary beyond its site, for summary stage.
/// - Source: reference §6.3.
public enum Extension: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case notRecorded, confined, adjacent, majorVessel, furtherContiguous
}

/// Extent of a visceral-organ primary (AJCC 8 ch. 42).
/// - Source: reference §3.4.
public enum VisceralExtent: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case notRecorded, confined, beyondOrgan, serosa, beyondSerosa, anotherOrgan
}

/// Number of sites of a multifocal visceral tumour, as AJCC 8 bands it.
/// - Source: reference §3.4 (T4a 2 sites, T4b 3–5, T4c > 5).
public enum Multifocality: String, RuleCode {
  case single, twoSites, threeToFiveSites, moreThanFiveSites
  /// Multifocal, number of sites unknown (EOD Primary Tumor 700 of the visceral schemas): T4, substage unknown.
  case countUnknown

  /// The band for a count of tumour sites (1 = not multifocal).
  public init?(sites: Int) {
    switch sites {
    case 1: self = .single
    case 2: self = .twoSites
    case 3...5: self = .threeToFiveSites
    case 6...: self = .moreThanFiveSites
    default: return nil
    }
  }
}

/// Extent of a uterine corpus sarcoma, from confined to bladder/rectum.
/// - Source: reference §4.1, §6.4.
public enum UterineExtent: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case notRecorded, confined, withinPelvis, adnexa, pelvicTissue, culDeSac
  case abdominal, abdominalOneSite, abdominalMultipleSites
  case bladderOrRectum, bladderOrRectumWall, bladderOrRectumMucosa
}

/// Peritoneal cytology (washings) of a uterine sarcoma, as a word or as its NAACCR Peritoneal Cytology code (item
/// 3911: 0 negative, 1 atypical or suspicious, 2 malignant, 3 unsatisfactory, 7 ordered but no result in the record,
/// 8 not applicable or not collected, 9 not documented).
/// - Source: reference §6.4 (only "malignant" changes summary stage); registry-codes §4.6.
public enum PeritonealCytology: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case malignant, negative, atypical, suspicious, unsatisfactory, notDone, orderedNoResult, notDocumented

  /// The NAACCR codes (item 3911) as other spellings; `1` reads as atypical (atypical or suspicious).
  public static let aliases: [(String, PeritonealCytology)] = [
    ("0", .negative), ("1", .atypical), ("2", .malignant), ("3", .unsatisfactory), ("7", .orderedNoResult),
    ("8", .notDone), ("9", .notDocumented),
  ]

  /// Whether the result is malignant.
  public var isMalignant: Bool { self == .malignant }

  /// The NAACCR Peritoneal Cytology code (item 3911); "not done" is 8 (not applicable or not collected).
  public var naaccrCode: String {
    switch self {
    case .negative: "0"
    case .atypical, .suspicious: "1"
    case .malignant: "2"
    case .unsatisfactory: "3"
    case .orderedNoResult: "7"
    case .notDone: "8"
    case .notDocumented: "9"
    }
  }
}

/// A structure invaded by a head and neck sarcoma that defines AJCC 8 T4a/T4b.
/// - Source: reference §3.3 (T4a, T4b), §6.3 (all are distant in SS2018).
public enum HeadAndNeckStructure: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case orbit, skullBase, dura, centralCompartmentViscera, facialSkeleton, pterygoidMuscle
  case brainParenchyma, carotidEncasement, prevertebralMuscle, perineuralCNS

  /// The AJCC 8 T4 subcategory the structure defines.
  public var level: HeadAndNeckInvasion {
    switch self {
    case .orbit, .skullBase, .dura, .centralCompartmentViscera, .facialSkeleton, .pterygoidMuscle: .t4a
    case .brainParenchyma, .carotidEncasement, .prevertebralMuscle, .perineuralCNS: .t4b
    }
  }
}

/// The head and neck invasion level that a set of structures reaches.
/// - Source: reference §3.3.
public enum HeadAndNeckInvasion: String, RuleCode {
  case none, t4a, t4b
  /// An adjoining structure may be invaded, unspecified (a registry code that neither states nor excludes T4): TX.
  case notExcluded
}

/// An organ invaded by a retroperitoneal or peritoneal sarcoma.
/// - Source: reference §6.3 (RP row).
public enum RetroperitonealOrgan: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case adrenal, aorta, ascendingColon, descendingColon, otherColon, kidney, pancreas
  case venaCava, vertebra, oesophagus, gallbladder, liver, smallBowel, spleen, stomach

  /// How summary stage classes the organ.
  var summaryClass: RetroperitonealOrganClass {
    switch self {
    case .ascendingColon, .descendingColon: .ascendingOrDescendingColon
    case .adrenal, .aorta, .otherColon, .kidney, .pancreas, .venaCava, .vertebra,
      .oesophagus, .gallbladder, .liver, .smallBowel, .spleen, .stomach:
      .otherListed
    }
  }
}

/// The summary-stage class of the organs a retroperitoneal tumour invades.
enum RetroperitonealOrganClass: String, RuleCode {
  case none, ascendingOrDescendingColon, otherListed
}

/// Subsite of the retroperitoneum group.
enum RetroperitonealSubsite: String, RuleCode {
  case retroperitoneum, peritoneum
}

/// SEER schema discriminator 2 for trunk structures.
/// - Source: reference R-1.4a (1 = external, 2 = internal, 9 = not specific).
public enum TrunkLocation: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case external, `internal`, notSpecific

  /// Other accepted spellings of the codes (compared case-insensitively), as `(spelling, code)`.
  public static let aliases: [(String, TrunkLocation)] = [("1", .external), ("2", .internal), ("9", .notSpecific)]
}

/// A yes/no table input.
enum Flag: String, RuleCode {
  case no, yes

  init(_ value: Bool) { self = value ? .yes : .no }
}

/// Malignant or not, for peritoneal cytology in summary stage.
enum CytologyClass: String, RuleCode {
  case notMalignant, malignant
}
