import Foundation

/// A validated case: typed clinical facts and/or registrar categories.
///
/// Both input modes lead here. Clinical facts (`sizeCm`, `depth`, `nodes`, …)
/// let Leio derive T/N/M; categories (`t`, `nodes`/`n`, `metastasis`/`m`,
/// `grade`) are used as given, and checked against any facts also given.
public struct CaseFacts: Sendable, Hashable {
  /// Primary site (§1.4).
  public var site: Site?
  /// ICD-O-3 topography (§1.5).
  public var topography: TopographyCode?
  /// Trunk structure location (R-1.4a).
  public var trunkLocation: TrunkLocation?
  /// Year of diagnosis (decides the cervix schema).
  public var diagnosisYear: Int?
  /// Date of diagnosis; its year is ``diagnosisYear``.
  public var dateOfDiagnosis: CalendarDate?
  /// ICD-O-3 morphology (§1.2).
  public var histology: Histology?
  /// Whether a primary tumour was found (T0, TX).
  public var primaryTumor: PrimaryTumor?
  /// Side of the body (registry and FHIR interchange; not a staging input).
  public var laterality: Laterality?
  /// Greatest dimension, in cm (§0.3).
  public var sizeCm: Double?
  /// Depth relative to the superficial fascia (§2.1).
  public var depth: Depth?
  /// The grade as reported (§2.1).
  public var grade: ReportedGrade?
  /// FNCLCC grade components, when given (§5.1).
  public var fnclcc: FNCLCCInput?
  /// Regional nodes (given as `nodes` or `n`).
  public var nodes: NCategory?
  /// Distant metastasis (given as `metastasis` or `m`).
  public var metastasis: MCategory?
  /// Clinical or pathological basis (decides T0 N0 M0).
  public var basis: Basis?
  /// Extension beyond the site of origin, for the summary stage (§6.3).
  public var `extension`: Extension?
  /// Retroperitoneum/peritoneum: organs invaded (§6.3).
  public var invadedOrgans: [RetroperitonealOrgan] = []
  /// Head and neck: structures invaded (§3.3).
  public var headAndNeckInvasion: [HeadAndNeckStructure] = []
  /// Visceral organs: extent (§3.4).
  public var visceralExtent: VisceralExtent?
  /// Visceral organs: number of tumour sites (§3.4).
  public var multifocalSites: Int?
  /// Uterus: extent (§4.1).
  public var uterineExtent: UterineExtent?
  /// Uterus: cervical involvement (§4.1).
  public var cervixInvolved: Bool?
  /// Uterus: peritoneal cytology (§6.4).
  public var peritonealCytology: PeritonealCytology?
  /// Bone: discontinuous tumours (§3.6).
  public var discontinuousTumours: Bool?
  /// SEER EOD 2018 items as a registry holds them (772, 774, 776, 3927; cytology from ``peritonealCytology``).
  public var eod = EODFacts()
  /// The staging system asked for, if any.
  public var system: StagingSystem?
  /// The T category as recorded, if given.
  public var t: TCategory?

  /// A case with no facts.
  public init() {}

  /// Largest size Leio accepts, in cm.
  ///
  /// An input-plausibility limit of Leio, not a clinical rule: SEER codes exact
  /// sizes up to 988 mm (code 989 = 989 mm or more), reference §0.3 `[SEER-EOD]`.
  public static let maximumSizeCm = 100.0

  /// Validates `input`.
  ///
  /// - Throws: ``StagingError`` naming the first field that is invalid or
  ///   contradicts another.
  public init(_ input: CaseInput) throws {
    var parser = CaseFactsParser()
    for field in CaseSchema.validationOrder {
      if let value = input[field] { try parser.set(field, value) }
    }
    if input.fnclccGiven { parser.setFNCLCC { _ in } }
    self = try parser.finish()
  }
}
