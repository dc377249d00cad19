import Foundation

/// What EOD staging reads of a case.
struct EODCaseInput: Sendable {
  let eod: EODFacts
  let topography: TopographyCode?
  let histology: Int?
  let yearOfDiagnosis: Int?
  let peritonealCytology: PeritonealCytology?

  init(_ facts: CaseFacts) {
    (eod, topography, yearOfDiagnosis) = (facts.eod, facts.topography, facts.diagnosisYear)
    histology = facts.histology.flatMap { Int($0.code.prefix(4)) }
    peritonealCytology = facts.peritonealCytology
  }

  var discriminator2: String? { eod.discriminator2.map(String.init) }
}

/// A case that carries SEER EOD 2018 codes: its schema is chosen from the case's topography, histology, year of
/// diagnosis and Schema Discriminator 2, every code is checked against that schema's tables, and the summary stage is
/// derived from the codes (not estimated).
///
/// - Source: registry-codes §1, §2, §4.
enum EODCaseStaging {
  /// The schema of the case.
  ///
  /// - Throws: a field error: topography missing, histology needed where it decides the schema, or the reason no
  ///   sarcoma schema applies, on the field that decides it.
  static func schema(_ facts: EODCaseInput) throws(StagingError) -> EODSchema {
    if let schema = facts.eod.schema { return schema }
    guard let topography = facts.topography else {
      throw .missingValue(
        field: "topography",
        message:
          "EOD codes are read in the SEER schema chosen from the ICD-O-3 topography: give topography (primarySite), e.g. C492."
      )
    }
    func select(_ histology: Int) -> EODSchemaSelection {
      .select(
        primarySite: topography.description, histology: histology, yearOfDiagnosis: facts.yearOfDiagnosis,
        discriminator2: facts.discriminator2)
    }
    let selection: EODSchemaSelection
    if let code = facts.histology {
      selection = select(code)
    } else {
      // Without a histology, the schema is the same for every LMS-family code except where histology decides it.
      guard select(8890) == select(8891) else {
        throw .missingValue(
          field: "histology",
          message: "at \(topography) the EOD 2018 schema depends on the histology: give it (e.g. 8890/3).")
      }
      selection = select(8890)
    }
    switch selection {
    case .schema(let schema): return schema
    case .none(let field, let reason):
      throw .inconsistent(field: field, message: "no EOD 2018 sarcoma schema: \(reason)")
    }
  }

  /// The summary stage derived from the case's EOD codes.
  ///
  /// - Throws: a field error for a code that is not in its schema's table (a blank code is not an error: it matches
  ///   nothing and gives 9, as in SEER's engine). Facts validated by the case parser were checked there (their
  ///   `eod.schema` is set); only facts built in code are checked here.
  static func summaryStage(_ facts: EODCaseInput, explain: Bool) throws(StagingError) -> SummaryStageResult {
    let checked = facts.eod.schema != nil
    let schema = try schema(facts)
    func check<C>(_ value: String?, _ table: EODCodeTable<C>, field: String) throws(StagingError) {
      guard !checked, let value, !value.isEmpty, table.row(value) == nil else { return }
      throw .invalidValue(field: field, value: value, expected: table.rows.map(\.code))
    }
    let codes = facts.eod.codes(
      peritonealCytology: schema.usesPeritonealCytology ? facts.peritonealCytology?.naaccrCode : nil)
    try check(codes.primaryTumor, schema.primaryTumor, field: "eodPrimaryTumor")
    try check(codes.regionalNodes, schema.regionalNodes, field: "eodRegionalNodes")
    try check(codes.mets, schema.mets, field: "eodMets")
    let derived = try EODSummaryStage.derive(codes, schema: schema)
    let steps =
      derived.steps
      + derived.errors.map {
        RuleStep(rule: "eod-no-match", section: "registry-codes §1", because: $0, output: "9", decisions: [])
      }
    return SummaryStageResult(
      code: derived.code, category: derived.code.category, label: derived.code.label, estimated: false,
      steps: explain ? steps : [])
  }
}
