import Foundation

/// Where an item lives in a NAACCR XML document.
public enum NAACCRLevel: String, Sendable {
  /// A `Patient` item, inherited by each of the patient's tumours.
  case patient = "Patient"
  /// A `Tumor` item.
  case tumor = "Tumor"
}

/// The NAACCR items Leio reads, with their number and level in the base dictionaries 180–260.
///
/// - Source: registry-codes §6 (checked in `naaccr-dictionary-{180,…,260}.xml`).
public enum NAACCRItem: Int, CaseIterable, Sendable {
  case patientIdNumber, nameLast, nameFirst, dateOfBirth, sex, sexAssignedAtBirth, vitalStatus, dateOfLastContact
  case tumorRecordNumber, dateOfDiagnosis, primarySite, laterality, histologicTypeIcdO3, behaviorCodeIcdO3
  case gradeClinical, gradePathological, tumorSizeSummary, eodPrimaryTumor, eodRegionalNodes, eodMets
  case summaryStage2018, derivedSummaryStage2018, schemaId, schemaDiscriminator2, peritonealCytology
  /// Leio's user-dictionary item: the whole case document (JSON) of a tumour exported by `leio export naaccr`.
  case leioCaseDocument

  /// The `naaccrId`.
  public var id: String { String(describing: self) }

  /// The item number.
  public var number: Int {
    switch self {
    case .patientIdNumber: 20
    case .nameLast: 2230
    case .nameFirst: 2240
    case .dateOfBirth: 240
    case .sex: 220
    case .sexAssignedAtBirth: 225
    case .vitalStatus: 1760
    case .dateOfLastContact: 1750
    case .tumorRecordNumber: 60
    case .dateOfDiagnosis: 390
    case .primarySite: 400
    case .laterality: 410
    case .histologicTypeIcdO3: 522
    case .behaviorCodeIcdO3: 523
    case .gradeClinical: 3843
    case .gradePathological: 3844
    case .tumorSizeSummary: 756
    case .eodPrimaryTumor: 772
    case .eodRegionalNodes: 774
    case .eodMets: 776
    case .summaryStage2018: 764
    case .derivedSummaryStage2018: 762
    case .schemaId: 3800
    case .schemaDiscriminator2: 3927
    case .peritonealCytology: 3911
    case .leioCaseDocument: 9508
    }
  }

  /// Where the item lives.
  public var level: NAACCRLevel {
    switch self {
    case .patientIdNumber, .nameLast, .nameFirst, .dateOfBirth, .sex, .sexAssignedAtBirth, .vitalStatus,
      .dateOfLastContact:
      .patient
    case .tumorRecordNumber, .dateOfDiagnosis, .primarySite, .laterality, .histologicTypeIcdO3, .behaviorCodeIcdO3,
      .gradeClinical, .gradePathological, .tumorSizeSummary, .eodPrimaryTumor, .eodRegionalNodes, .eodMets,
      .summaryStage2018, .derivedSummaryStage2018, .schemaId, .schemaDiscriminator2, .peritonealCytology,
      .leioCaseDocument:
      .tumor
    }
  }

  /// The longest value the dictionaries allow (longer values are refused).
  public var length: Int {
    switch self {
    case .patientIdNumber, .dateOfBirth, .dateOfLastContact, .dateOfDiagnosis: 8
    case .nameLast, .nameFirst: 40
    case .tumorRecordNumber: 2
    case .primarySite, .histologicTypeIcdO3: 4
    case .tumorSizeSummary, .eodPrimaryTumor, .eodRegionalNodes: 3
    case .eodMets: 2
    case .schemaId: 5
    case .leioCaseDocument: 4000
    case .sex, .sexAssignedAtBirth, .vitalStatus, .laterality, .behaviorCodeIcdO3, .gradeClinical,
      .gradePathological, .summaryStage2018, .derivedSummaryStage2018, .schemaDiscriminator2, .peritonealCytology:
      1
    }
  }

  /// The item in base dictionary `version` (180–260): `sex` (220) exists up to 250 and `sexAssignedAtBirth` (225)
  /// from 260 (registry-codes §6).
  public func exists(in version: Int) -> Bool {
    switch self {
    case .sex: version <= 250
    case .sexAssignedAtBirth: version >= 260
    default: true
    }
  }

  /// Items by `naaccrId` length, for a lookup without building strings.
  static let byLength: [[(bytes: [UInt8], item: NAACCRItem)]] = {
    var table = [[(bytes: [UInt8], item: NAACCRItem)]](repeating: [], count: 41)
    for item in allCases { table[item.id.utf8.count].append((Array(item.id.utf8), item)) }
    return table
  }()

  /// The item named by the bytes, or `nil` for an item Leio does not read.
  static func lookUp(_ bytes: UnsafeBufferPointer<UInt8>) -> NAACCRItem? {
    guard bytes.count < byLength.count else { return nil }
    for candidate in byLength[bytes.count]
    where candidate.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
      return candidate.item
    }
    return nil
  }
}

/// The NAACCR base dictionaries Leio reads.
public enum NAACCRDictionary {
  /// NAACCR versions 18 to 26 (XML base dictionaries; there is no 19 or 20).
  public static let versions = [180, 210, 220, 230, 240, 250, 260]
  /// The namespace of NAACCR XML data.
  public static let namespace = "http://naaccr.org/naaccrxml"

  /// The base dictionary URI of `version`.
  public static func uri(_ version: Int) -> String { "http://naaccr.org/naaccrxml/naaccr-dictionary-\(version).xml" }

  /// The version of a base dictionary URI (`…naaccr-dictionary-230.xml` → 230), or `nil`.
  public static func version(ofURI uri: String) -> Int? {
    guard let range = uri.range(of: "naaccr-dictionary-", options: .backwards), uri.hasSuffix(".xml") else {
      return nil
    }
    let digits = uri[range.upperBound...].dropLast(4)
    guard let version = Int(digits), versions.contains(version) else { return nil }
    return version
  }
}
