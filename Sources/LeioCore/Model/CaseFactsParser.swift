import Foundation

/// Validates a case one field at a time, then across fields.
///
/// The single validation path of LeioCore: ``CaseFacts/init(_:)`` feeds it the
/// fields of a JSON document, and batch staging feeds it CSV cells as bytes (no
/// intermediate strings). Each setter throws a ``StagingError`` that names its
/// field; ``finish()`` checks the fields that must agree.
struct CaseFactsParser {
  var facts = CaseFacts()
  var nodesFact: NCategory?
  var nCategory: NCategory?
  var metastasisFact: MCategory?
  var mCategory: MCategory?
  var tIsPathological = false
  /// NAACCR 522 and 523, combined into the histology in ``finish()``.
  var histologicType: String?
  var behavior: String?
  private var fnclcc = FNCLCCInput()
  private var hasFNCLCC = false

  /// Sets a field from its text (UTF-8 bytes of a JSON string or CSV cell), by the field's spec.
  mutating func set(_ field: CaseField, _ apply: CaseFieldSpec.Apply, _ bytes: UnsafeBufferPointer<UInt8>)
    throws(StagingError)
  {
    try apply(&self, FieldValue(field: field, source: .bytes(bytes)))
  }

  /// Sets a field from its text, looking its spec up.
  mutating func set(_ field: CaseField, _ bytes: UnsafeBufferPointer<UInt8>) throws(StagingError) {
    try CaseSchema.specs[field.rawValue].apply(&self, FieldValue(field: field, source: .bytes(bytes)))
  }

  /// Sets a field from a value of a decoded document, by the field's spec.
  mutating func set(_ field: CaseField, _ value: CaseValue) throws(StagingError) {
    try CaseSchema.specs[field.rawValue].apply(&self, FieldValue(field: field, source: .value(value)))
  }

  /// An EOD item: exactly `digits` digits, or blank (a present but blank item, which SEER matches to no code).
  static func eodItem(_ text: String, digits: Int, field: String) throws(StagingError) -> EODItem {
    let code = text.trimmingCharacters(in: .whitespaces)
    if code.isEmpty { return .blank }
    guard code.count == digits, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = UInt16(code) else {
      throw .invalidValue(field: field, value: code, expected: ["\(digits) digits, as NAACCR codes it"])
    }
    return .code(value)
  }

  /// Changes the FNCLCC components (the nested `fnclcc` object, or its CSV columns).
  mutating func setFNCLCC(_ change: (inout FNCLCCInput) -> Void) {
    change(&fnclcc)
    hasFNCLCC = true
  }

  /// The date of diagnosis: plausible years as for `diagnosisYear` (an input-plausibility limit, not a clinical rule);
  /// its year must agree with `diagnosisYear` (checked in ``finish()``; registry-codes §6, `year_dx`).
  mutating func setDateOfDiagnosis(_ date: CalendarDate) throws(StagingError) {
    guard (1900...2100).contains(date.year) else {
      throw .outOfRange(
        field: "dateOfDiagnosis", value: date.description, message: "diagnosis date \(date) is not plausible.")
    }
    facts.dateOfDiagnosis = date
  }

  mutating func setSize(_ size: Double) throws(StagingError) {
    guard size.isFinite, size > 0 else {
      throw .outOfRange(
        field: "sizeCm", value: size.clinicalText,
        message:
          "size must be greater than 0 cm (for no evidence of a primary tumour use primaryTumor notFound or t T0).")
    }
    guard size <= CaseFacts.maximumSizeCm else {
      throw .outOfRange(
        field: "sizeCm", value: size.clinicalText,
        message:
          "\(size.clinicalText) cm is not a plausible tumour size (Leio accepts up to \(CaseFacts.maximumSizeCm.clinicalText) cm); check the unit is centimetres."
      )
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
      throw .outOfRange(
        field: "multifocalSites", value: "\(sites)", message: "the number of tumour sites must be 1 or more.")
    }
    facts.multifocalSites = sites
  }

  /// Checks the fields that must agree and returns the facts.
  mutating func finish() throws(StagingError) -> CaseFacts {
    if let date = facts.dateOfDiagnosis {
      if let year = facts.diagnosisYear, year != date.year {
        throw .inconsistent(
          field: "dateOfDiagnosis", message: "\(date) is in \(date.year), but diagnosisYear is \(year).")
      }
      facts.diagnosisYear = date.year
    }
    facts.nodes = try agreeing(nodesFact, "nodes", nCategory, "n")
    facts.metastasis = try agreeing(metastasisFact, "metastasis", mCategory, "m")
    try combineHistology()
    try applyDiscriminator()
    if facts.eod.hasRegistryCodes { try applyRegistryCodes() }
    if facts.basis == nil, tIsPathological { facts.basis = .pathological }
    if hasFNCLCC { facts.fnclcc = fnclcc }
    return facts
  }

  private func agreeing<Code: ClinicalCode>(
    _ fact: Code?, _ factField: String, _ category: Code?, _ categoryField: String
  ) throws(StagingError) -> Code? {
    if let fact, let category, fact != category {
      throw .inconsistent(
        field: categoryField, message: "'\(category.rawValue)' contradicts \(factField) '\(fact.rawValue)'.")
    }
    return fact ?? category
  }

  /// A plain decimal (`-12.5`, `7`, `.5`) read without allocating; `nil` for
  /// anything else (exponents, blanks), which falls back to `Double(String)`.
  static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var index = 0
    let count = bytes.count
    guard count > 0, count <= 18 else { return nil }
    var negative = false
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
      negative = bytes[0] == UInt8(ascii: "-")
      index = 1
    }
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
    let powers: [Double] = [
      1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
    ]
    let value = Double(mantissa) / powers[scale]
    return negative ? -value : value
  }
}
