import Foundation
public import LeioCore

/// What became of one tumour of a NAACCR file.
public enum NAACCRStatus: String, Sendable {
  /// In scope (an LMS-family or related histology the reference stages) and staged.
  case staged
  /// GIST: refused, with the reason (R-1.2b).
  case refused
  /// Another histology (or none): counted, not staged.
  case outOfScope
  /// In scope, but a code is invalid or the codes contradict each other; the message names the item.
  case error
}

/// One tumour's result.
public struct NAACCRTumourResult: Sendable {
  /// What became of it.
  public var status: NAACCRStatus
  /// The codes, when staged.
  public var codes: RegistryStageCodes?
  /// The reason (refused, error) or nothing.
  public var message: String?
  /// `yes`, `no`, or `nil` when the file has no Summary Stage 2018 (764) or Leio computed none.
  public var agrees: Bool?
  /// The case facts read from the record, when staged (for the registry import).
  public var facts: CaseFacts?
}

/// Reads a NAACCR record into a Leio case and stages it.
///
/// - Source: registry-codes §2 (Schema Discriminator 2 sites), §6 (items); reference §1.2 (scope).
public enum NAACCRStaging {
  /// The items read into case fields, in order.
  public static let fields: [(NAACCRItem, CaseField)] = [
    (.primarySite, .primarySite), (.histologicTypeIcdO3, .histologicTypeIcdO3),
    (.behaviorCodeIcdO3, .behaviorCodeIcdO3), (.eodPrimaryTumor, .eodPrimaryTumor),
    (.eodRegionalNodes, .eodRegionalNodes), (.eodMets, .eodMets), (.tumorSizeSummary, .tumorSizeSummary),
    (.gradeClinical, .gradeClinical), (.gradePathological, .gradePathological),
  ]

  /// Items whose blank value is a value (SEER: a present but blank EOD code matches no code, registry-codes §1 step 3).
  static let blankIsAValue: Set<NAACCRItem> = [.eodPrimaryTumor, .eodRegionalNodes, .eodMets]

  /// The sites whose Schema Discriminator 2 chooses the schema (C47.3, C47.5, C49.3–C49.5).
  static let discriminatorSites: Set<String> = ["C473", "C475", "C493", "C494", "C495"]

  /// The record's ICD-O-3 morphology (`8890/3`), or `nil` when a part is missing.
  public static func histology(_ record: borrowing NAACCRRecord) -> String? {
    guard let type = record.nonBlank(.histologicTypeIcdO3), let behavior = record.nonBlank(.behaviorCodeIcdO3) else {
      return nil
    }
    return type + "/" + behavior
  }

  /// Stages one tumour: GIST refused, other histologies out of scope, the rest read and staged.
  public static func stage(_ record: borrowing NAACCRRecord) -> NAACCRTumourResult {
    // A tumour Leio exported carries its case document: it was staged when stored, whatever its items say.
    if !record.has(.leioCaseDocument) {
      guard let histology = histology(record) else {
        return NAACCRTumourResult(status: .outOfScope, message: "no histologicTypeIcdO3/behaviorCodeIcdO3")
      }
      switch Staging.histologyScope(histology) {
      case .lms?, .lmsFamilyUnconfirmed?: break
      case .gist?:
        return NAACCRTumourResult(
          status: .refused,
          message:
            "\(histology) is a gastrointestinal stromal tumour (GIST), a different disease: LMS staging does not apply (R-1.2b)."
        )
      case .nonMalignant?, .differentSystem?, nil:
        return NAACCRTumourResult(status: .outOfScope)
      }
    }
    do {
      let facts = record.has(.leioCaseDocument) ? try CaseFacts(try caseInput(record)) : try facts(record)
      let codes = try Staging.registryCodes(facts)
      var agrees: Bool?
      if let file = record.nonBlank(.summaryStage2018), let leio = codes.summaryStage { agrees = file == leio.rawValue }
      return NAACCRTumourResult(status: .staged, codes: codes, agrees: agrees, facts: facts)
    } catch let error as StagingError {
      return NAACCRTumourResult(status: .error, message: error.description)
    } catch let error as DecodingError {
      return NAACCRTumourResult(status: .error, message: "leioCaseDocument: \(error)")
    } catch {
      return NAACCRTumourResult(status: .error, message: String(describing: error))
    }
  }

  /// The record's case document: Leio's own (`leioCaseDocument`, written by `leio export naaccr`) when present, else
  /// the NAACCR items as case fields (blank items are left out: a case document has no blank value).
  ///
  /// - Throws: ``StagingError`` for a `leioCaseDocument` that is not a case document.
  public static func caseInput(_ record: borrowing NAACCRRecord) throws(StagingError) -> CaseInput {
    if let json = record.nonBlank(.leioCaseDocument) {
      guard let input = try? JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)) else {
        throw .invalidValue(
          field: "leioCaseDocument", value: String(json.prefix(40)), expected: ["a Leio case document (JSON)"])
      }
      return input
    }
    var input = CaseInput()
    for (item, field) in fields { input[text: field] = record.nonBlank(item) }
    if let date = record.nonBlank(.dateOfDiagnosis), date.count >= 4, let year = Int(date.prefix(4)), year != 9999 {
      input[.diagnosisYear] = .whole(year)
    }
    let site = record.text(.primarySite)?.uppercased() ?? ""
    if discriminatorSites.contains(site) { input[text: .schemaDiscriminator2] = record.nonBlank(.schemaDiscriminator2) }
    if site.hasPrefix("C53") || site.hasPrefix("C54") || site.hasPrefix("C55") {
      input[text: .peritonealCytology] = record.nonBlank(.peritonealCytology)
    }
    return input
  }

  /// The record's case: each item through the case field that reads it (the same validation as every input).
  ///
  /// - Throws: ``StagingError`` naming the case field (which is the NAACCR item's name).
  public static func facts(_ record: borrowing NAACCRRecord) throws(StagingError) -> CaseFacts {
    var builder = CaseFactsBuilder()
    var failure: StagingError?
    for (item, field) in fields where failure == nil {
      record.withValue(item) { bytes in
        guard !bytes.isEmpty || blankIsAValue.contains(item) else { return }
        do throws(StagingError) { try builder.set(field, bytes) } catch { failure = error }
      }
    }
    // Year of diagnosis: the first four characters of dateOfDiagnosis (SEER `year_dx`); 9999 is unknown.
    record.withValue(.dateOfDiagnosis) { bytes in
      guard failure == nil, bytes.count >= 4 else { return }
      let year = UnsafeBufferPointer(rebasing: bytes[0..<4])
      guard !year.elementsEqual("9999".utf8) else { return }
      do throws(StagingError) { try builder.set(.diagnosisYear, year) } catch { failure = error }
    }
    if let failure { throw failure }
    let site = record.text(.primarySite)?.uppercased() ?? ""
    if discriminatorSites.contains(site), let value = record.nonBlank(.schemaDiscriminator2) {
      try builder.set(.schemaDiscriminator2, text: value)
    }
    if site.hasPrefix("C53") || site.hasPrefix("C54") || site.hasPrefix("C55"),
      let value = record.nonBlank(.peritonealCytology)
    {
      try builder.set(.peritonealCytology, text: value)
    }
    return try builder.finish()
  }
}
