import Foundation

/// A validated case: typed clinical facts and/or registrar categories.
///
/// Both input modes lead here. Clinical facts (`sizeCm`, `depth`, `nodes`, …)
/// let Leio derive T/N/M; categories (`t`, `nodes`/`n`, `metastasis`/`m`,
/// `grade`) are used as given, and checked against any facts also given.
public struct CaseFacts: Sendable, Hashable {
  public var site: Site?
  public var topography: TopographyCode?
  public var trunkLocation: TrunkLocation?
  public var diagnosisYear: Int?
  public var histology: Histology?
  public var primaryTumor: PrimaryTumor?
  public var sizeCm: Double?
  public var depth: Depth?
  public var grade: ReportedGrade?
  public var fnclcc: FNCLCCInput?
  public var nodes: NCategory?
  public var metastasis: MCategory?
  public var basis: Basis?
  public var `extension`: Extension?
  public var invadedOrgans: [RetroperitonealOrgan] = []
  public var headAndNeckInvasion: [HeadAndNeckStructure] = []
  public var visceralExtent: VisceralExtent?
  public var multifocalSites: Int?
  public var uterineExtent: UterineExtent?
  public var cervixInvolved: Bool?
  public var peritonealCytology: PeritonealCytology?
  public var discontinuousTumours: Bool?
  public var system: StagingSystem?
  public var t: TCategory?

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
    site = try input.site.map { try Site.parse($0, field: "site") }
    topography = try input.topography.map { try TopographyCode(parsing: $0) }
    trunkLocation = try input.trunkLocation.map { try TrunkLocation.parse($0, field: "trunkLocation") }
    if let year = input.diagnosisYear {
      guard (1900...2100).contains(year) else {
        throw StagingError.outOfRange(field: "diagnosisYear", value: "\(year)", message: "diagnosis year \(year) is not plausible.")
      }
      diagnosisYear = year
    }
    histology = try input.histology.map { try Staging.catalog().histology.histology($0) }
    primaryTumor = try input.primaryTumor.map { try PrimaryTumor.parse($0, field: "primaryTumor") }
    if let size = input.sizeCm {
      guard size.isFinite, size > 0 else {
        throw StagingError.outOfRange(field: "sizeCm", value: size.clinicalText, message: "size must be greater than 0 cm (for no evidence of a primary tumour use primaryTumor notFound or t T0).")
      }
      guard size <= Self.maximumSizeCm else {
        throw StagingError.outOfRange(field: "sizeCm", value: size.clinicalText, message: "\(size.clinicalText) cm is not a plausible tumour size (Leio accepts up to \(Self.maximumSizeCm.clinicalText) cm); check the unit is centimetres.")
      }
      sizeCm = size
    }
    depth = try input.depth.map { try Depth.parse($0, field: "depth") }
    grade = try input.grade.map { try ReportedGrade.parse($0, field: "grade") }
    fnclcc = input.fnclcc
    nodes = try Self.agreeing(input.nodes, "nodes", input.n, "n", NCategory.self)
    metastasis = try Self.agreeing(input.metastasis, "metastasis", input.m, "m", MCategory.self)
    basis = try input.basis.map { try Basis.parse($0, field: "basis") }
    self.extension = try input.extension.map { try Extension.parse($0, field: "extension") }
    invadedOrgans = try (input.invadedOrgans ?? []).map { try RetroperitonealOrgan.parse($0, field: "invadedOrgans") }
    headAndNeckInvasion = try (input.headAndNeckInvasion ?? []).map { try HeadAndNeckStructure.parse($0, field: "headAndNeckInvasion") }
    visceralExtent = try input.visceralExtent.map { try VisceralExtent.parse($0, field: "visceralExtent") }
    if let sites = input.multifocalSites {
      guard sites >= 1 else {
        throw StagingError.outOfRange(field: "multifocalSites", value: "\(sites)", message: "the number of tumour sites must be 1 or more.")
      }
      multifocalSites = sites
    }
    uterineExtent = try input.uterineExtent.map { try UterineExtent.parse($0, field: "uterineExtent") }
    cervixInvolved = input.cervixInvolved
    peritonealCytology = try input.peritonealCytology.map { try PeritonealCytology.parse($0, field: "peritonealCytology") }
    discontinuousTumours = input.discontinuousTumours
    system = try input.system.map { try StagingSystem.parse($0, field: "system") }
    if let text = input.t {
      t = try TCategory.parse(text, field: "t")
      if basis == nil, let first = text.utf8.trimmingASCIISpaces.first, first | 0x20 == UInt8(ascii: "p") {
        basis = .pathological
      }
    }
  }

  private static func agreeing<Code: ClinicalCode>(_ fact: String?, _ factField: String, _ category: String?,
                                                   _ categoryField: String, _ type: Code.Type) throws -> Code? {
    let fromFact = try fact.map { try Code.parse($0, field: factField) }
    let fromCategory = try category.map { try Code.parse($0, field: categoryField) }
    if let fromFact, let fromCategory, fromFact != fromCategory {
      throw StagingError.inconsistent(field: categoryField, message: "'\(fromCategory.rawValue)' contradicts \(factField) '\(fromFact.rawValue)'.")
    }
    return fromFact ?? fromCategory
  }
}
