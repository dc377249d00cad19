import Foundation

/// Validates a case one field at a time, then across fields.
///
/// The single validation path of LeioCore: ``CaseFacts/init(_:)`` feeds it the
/// fields of a JSON document, and batch staging feeds it CSV cells as bytes (no
/// intermediate strings). Each setter throws a ``StagingError`` that names its
/// field; ``finish()`` checks the fields that must agree.
struct CaseFactsParser {
  var facts = CaseFacts()
  private var nodesFact: NCategory?
  private var nCategory: NCategory?
  private var metastasisFact: MCategory?
  private var mCategory: MCategory?
  private var tIsPathological = false
  private var fnclcc = FNCLCCInput()
  private var hasFNCLCC = false

  /// Sets a field from its text (UTF-8 bytes of a JSON string or CSV cell).
  mutating func set(_ field: CaseField, _ bytes: UnsafeBufferPointer<UInt8>) throws(StagingError) {
    func code<Code: ClinicalCode>(_ type: Code.Type) throws(StagingError) -> Code {
      if let code = Code.parse(bytes: bytes) { return code }
      throw .invalidValue(field: field.rawValue, value: String(decoding: bytes, as: UTF8.self), expected: Code.acceptedSpellings)
    }
    func text() -> String { String(decoding: bytes, as: UTF8.self) }
    switch field {
    case .site: facts.site = try code(Site.self)
    case .topography: facts.topography = try TopographyCode(parsing: text())
    case .trunkLocation: facts.trunkLocation = try code(TrunkLocation.self)
    case .histology: facts.histology = try Staging.catalog().histology.histology(text())
    case .primaryTumor: facts.primaryTumor = try code(PrimaryTumor.self)
    case .depth: facts.depth = try code(Depth.self)
    case .grade: facts.grade = try code(ReportedGrade.self)
    case .nodes: nodesFact = try code(NCategory.self)
    case .n: nCategory = try code(NCategory.self)
    case .metastasis: metastasisFact = try code(MCategory.self)
    case .m: mCategory = try code(MCategory.self)
    case .basis: facts.basis = try code(Basis.self)
    case .extension: facts.extension = try code(Extension.self)
    case .visceralExtent: facts.visceralExtent = try code(VisceralExtent.self)
    case .uterineExtent: facts.uterineExtent = try code(UterineExtent.self)
    case .peritonealCytology: facts.peritonealCytology = try code(PeritonealCytology.self)
    case .system: facts.system = try code(StagingSystem.self)
    case .t:
      facts.t = try code(TCategory.self)
      tIsPathological = bytes.first { $0 != 0x20 && $0 != 0x09 }.map { $0 | 0x20 == UInt8(ascii: "p") } ?? false
    case .invadedOrgans, .headAndNeckInvasion:
      try setList(field, text().split(separator: ";").map(String.init))
    case .sizeCm: try setSize(try number(field, bytes))
    case .diagnosisYear: try setDiagnosisYear(try whole(field, bytes))
    case .multifocalSites: try setMultifocalSites(try whole(field, bytes))
    case .cervixInvolved: facts.cervixInvolved = try flag(field, bytes)
    case .discontinuousTumours: facts.discontinuousTumours = try flag(field, bytes)
    case .differentiationScore: fnclcc.differentiationScore = try whole(field, bytes); hasFNCLCC = true
    case .subtype: fnclcc.subtype = text(); hasFNCLCC = true
    case .mitoticCount: fnclcc.mitoticCount = try number(field, bytes); hasFNCLCC = true
    case .mitoticAreaMm2: fnclcc.mitoticAreaMm2 = try number(field, bytes); hasFNCLCC = true
    case .necrosis: fnclcc.necrosis = text(); hasFNCLCC = true
    case .necrosisPercent: fnclcc.necrosisPercent = try number(field, bytes); hasFNCLCC = true
    }
  }

  /// Sets a list-valued field.
  mutating func setList(_ field: CaseField, _ items: [String]) throws(StagingError) {
    switch field {
    case .invadedOrgans:
      facts.invadedOrgans = try items.map { item throws(StagingError) in
        guard let organ = RetroperitonealOrgan.parse(item) else {
          throw .invalidValue(field: field.rawValue, value: item, expected: RetroperitonealOrgan.acceptedSpellings)
        }
        return organ
      }
    default:
      facts.headAndNeckInvasion = try items.map { item throws(StagingError) in
        guard let structure = HeadAndNeckStructure.parse(item) else {
          throw .invalidValue(field: field.rawValue, value: item, expected: HeadAndNeckStructure.acceptedSpellings)
        }
        return structure
      }
    }
  }

  mutating func setSize(_ size: Double) throws(StagingError) {
    guard size.isFinite, size > 0 else {
      throw .outOfRange(field: "sizeCm", value: size.clinicalText, message: "size must be greater than 0 cm (for no evidence of a primary tumour use primaryTumor notFound or t T0).")
    }
    guard size <= CaseFacts.maximumSizeCm else {
      throw .outOfRange(field: "sizeCm", value: size.clinicalText, message: "\(size.clinicalText) cm is not a plausible tumour size (Leio accepts up to \(CaseFacts.maximumSizeCm.clinicalText) cm); check the unit is centimetres.")
    }
    facts.sizeCm = size
  }

  mutating func setDiagnosisYear(_ year: Int) throws(StagingError) {
    guard (1900...2100).contains(year) else {
      throw .outOfRange(field: "diagnosisYear", value: "\(year)", message: "diagnosis year \(year) is not plausible.")
    }
    facts.diagnosisYear = year
  }

  mutating func setMultifocalSites(_ sites: Int) throws(StagingError) {
    guard sites >= 1 else {
      throw .outOfRange(field: "multifocalSites", value: "\(sites)", message: "the number of tumour sites must be 1 or more.")
    }
    facts.multifocalSites = sites
  }

  /// Checks the fields that must agree and returns the facts.
  mutating func finish() throws(StagingError) -> CaseFacts {
    facts.nodes = try agreeing(nodesFact, "nodes", nCategory, "n")
    facts.metastasis = try agreeing(metastasisFact, "metastasis", mCategory, "m")
    if facts.basis == nil, tIsPathological { facts.basis = .pathological }
    if hasFNCLCC { facts.fnclcc = fnclcc }
    return facts
  }

  private func agreeing<Code: ClinicalCode>(_ fact: Code?, _ factField: String, _ category: Code?, _ categoryField: String) throws(StagingError) -> Code? {
    if let fact, let category, fact != category {
      throw .inconsistent(field: categoryField, message: "'\(category.rawValue)' contradicts \(factField) '\(fact.rawValue)'.")
    }
    return fact ?? category
  }

  private func number(_ field: CaseField, _ bytes: UnsafeBufferPointer<UInt8>) throws(StagingError) -> Double {
    if let value = Self.decimal(bytes) ?? Double(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)), value.isFinite {
      return value
    }
    throw .invalidValue(field: field.rawValue, value: String(decoding: bytes, as: UTF8.self), expected: ["a number"])
  }

  private func whole(_ field: CaseField, _ bytes: UnsafeBufferPointer<UInt8>) throws(StagingError) -> Int {
    guard let value = Int(exactly: try number(field, bytes)) else {
      throw .invalidValue(field: field.rawValue, value: String(decoding: bytes, as: UTF8.self), expected: ["a whole number"])
    }
    return value
  }

  private func flag(_ field: CaseField, _ bytes: UnsafeBufferPointer<UInt8>) throws(StagingError) -> Bool {
    switch String(decoding: bytes, as: UTF8.self).lowercased() {
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    default: throw .invalidValue(field: field.rawValue, value: String(decoding: bytes, as: UTF8.self), expected: ["true", "false"])
    }
  }

  /// A plain decimal (`-12.5`, `7`, `.5`) read without allocating; `nil` for
  /// anything else (exponents, blanks), which falls back to `Double(String)`.
  static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var index = 0
    let count = bytes.count
    guard count > 0, count <= 18 else { return nil }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { negative = bytes[0] == UInt8(ascii: "-"); index = 1 }
    var mantissa: Int64 = 0
    var scale = 0
    var digits = 0
    var seenPoint = false
    while index < count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        if seenPoint { return nil }
        seenPoint = true
      } else if byte >= 48, byte <= 57 {
        mantissa = mantissa * 10 + Int64(byte - 48)
        digits += 1
        if seenPoint { scale += 1 }
      } else {
        return nil
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    let powers: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17]
    let value = Double(mantissa) / powers[scale]
    return negative ? -value : value
  }
}
