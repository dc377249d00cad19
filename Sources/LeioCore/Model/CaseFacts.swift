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
    var parser = CaseFactsParser()
    for (field, text) in input.textFields { try text.withUTF8Bytes { bytes throws(StagingError) in try parser.set(field, bytes) } }
    if let size = input.sizeCm { try parser.setSize(size) }
    if let year = input.diagnosisYear { try parser.setDiagnosisYear(year) }
    if let sites = input.multifocalSites { try parser.setMultifocalSites(sites) }
    parser.facts.cervixInvolved = input.cervixInvolved
    parser.facts.discontinuousTumours = input.discontinuousTumours
    if let organs = input.invadedOrgans { try parser.setList(.invadedOrgans, organs) }
    if let structures = input.headAndNeckInvasion { try parser.setList(.headAndNeckInvasion, structures) }
    parser.facts.fnclcc = input.fnclcc
    self = try parser.finish()
  }
}

extension CaseInput {
  /// The text-valued fields that are present, with their names.
  var textFields: [(CaseField, String)] {
    let pairs: [(CaseField, String?)] = [
      (.site, site), (.topography, topography), (.trunkLocation, trunkLocation), (.histology, histology),
      (.primaryTumor, primaryTumor), (.depth, depth), (.grade, grade), (.nodes, nodes), (.metastasis, metastasis),
      (.basis, basis), (.extension, self.extension), (.visceralExtent, visceralExtent), (.uterineExtent, uterineExtent),
      (.peritonealCytology, peritonealCytology), (.system, system), (.t, t), (.n, n), (.m, m),
    ]
    return pairs.compactMap { field, value in value.map { (field, $0) } }
  }
}

extension String {
  /// Runs `body` with the string's UTF-8 bytes, without copying a native string.
  func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(StagingError) -> R) throws(StagingError) -> R {
    var copy = self
    let result = copy.withUTF8 { bytes in Result { () throws(StagingError) -> R in try body(bytes) } }
    return try result.get()
  }
}
