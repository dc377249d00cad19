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
  /// Date of diagnosis; its year is ``diagnosisYear``.
  public var dateOfDiagnosis: CalendarDate?
  public var histology: Histology?
  public var primaryTumor: PrimaryTumor?
  /// Side of the body (registry and FHIR interchange; not a staging input).
  public var laterality: Laterality?
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
    // Text fields first, then numbers, flags and lists: the first error reported is the first invalid text field.
    for textPass in [true, false] {
      for field in CaseField.allCases where field.spec.isText == textPass {
        if let value = input[field] { try parser.set(field, value) }
      }
    }
    if input.fnclccGiven { parser.setFNCLCC { _ in } }
    self = try parser.finish()
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
