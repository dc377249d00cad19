import Foundation

/// The EOD items of one tumour as the registry file holds them. `nil` is an item that is absent; `""` an item that is
/// present but blank — the two differ (registry-codes §1 step 3).
public struct EODCodes: Sendable, Hashable, Codable {
  /// EOD Primary Tumor (NAACCR 772), three digits.
  public var primaryTumor: String?
  /// EOD Regional Nodes (NAACCR 774), three digits.
  public var regionalNodes: String?
  /// EOD Mets (NAACCR 776), two digits.
  public var mets: String?
  /// Peritoneal Cytology (NAACCR 3911), one digit; read by corpus and cervix sarcoma only.
  public var peritonealCytology: String?

  /// The codes.
  public init(
    primaryTumor: String? = nil, regionalNodes: String? = nil, mets: String? = nil, peritonealCytology: String? = nil
  ) {
    (self.primaryTumor, self.regionalNodes, self.mets, self.peritonealCytology) =
      (primaryTumor, regionalNodes, mets, peritonealCytology)
  }
}

/// Summary Stage 2018 derived from the EOD codes as SEER's EOD 3.3 algorithm does for the sarcoma schemas — a
/// derivation, not an estimate.
public struct EODSummaryStage: Sendable, Hashable, Codable {
  /// The SEER code (1, 2, 3, 4, 7 or 9).
  public let code: SummaryStage
  /// The primary-tumour category, when the code was valid.
  public let primaryTumor: SummaryStageT?
  /// The nodes category, when the code was valid.
  public let regionalNodes: SummaryStageN?
  /// The metastasis category, when the code was valid.
  public let mets: SummaryStageM?
  /// The steps: each code's category (with SEER's table id), then the matrix row.
  public let steps: [RuleStep]
  /// Each code that matched no row of its table (an invalid code, or a blank): the stage is then 9, as SEER's engine
  /// gives it, and the error names the NAACCR item.
  public let errors: [String]

  /// Derives the summary stage of `codes` in `schema`.
  ///
  /// - Rules (registry-codes §1): an absent item takes SEER's default (772 `999`, 774 `999`, 776 `00`, 3911 `8`); a
  ///   present but blank item matches no row; a code that matches no row leaves the stage at 9 with an error;
  ///   EOD Primary Tumor 100 in corpus or cervix sarcoma is RE when Peritoneal Cytology is 2 (§4.6); the three
  ///   categories go through `summary_stage_rpa` (§3, the same table as clinical-reference §6.2).
  public static func derive(_ codes: EODCodes, schema: EODSchema) throws(StagingError) -> EODSummaryStage {
    var steps = [
      RuleStep(
        rule: "eod-schema", section: "registry-codes §2",
        because: "EOD 2018 schema \(schema.rawValue) \(schema.title)", output: schema.rawValue, decisions: [])
    ]
    var errors: [String] = []
    func lookUp<C: RawRepresentable>(
      _ table: EODCodeTable<C>, _ value: String?, default fallback: String, item: String, name: String
    ) -> C? where C.RawValue == String {
      let code = value ?? fallback
      guard let row = table.row(code) else {
        errors.append(
          code.isEmpty
            ? "\(name) (NAACCR \(item)) is present but blank: it matches no code, so the summary stage is 9."
            : "\(name) (NAACCR \(item)) '\(code.excerpt(limit: 20))' is not a code of the \(schema.title) schema (\(schema.section))."
        )
        return nil
      }
      let defaulted = value == nil ? " (absent: SEER's default)" : ""
      steps.append(
        RuleStep(
          rule: "\(table.id)#\(row.code)", section: schema.section,
          because: "\(name) \(row.code)\(defaulted): \(row.meaning)", output: row.category.rawValue, decisions: []))
      return row.category
    }
    var t = lookUp(schema.primaryTumor, codes.primaryTumor, default: "999", item: "772", name: "EOD Primary Tumor")
    if schema.usesPeritonealCytology, t == .localized {
      let cytology = codes.peritonealCytology ?? "8"
      if let entry = EODTables.peritonealCytology.first(where: { $0.code == cytology }) {
        let adjusted: SummaryStageT = cytology == "2" ? .regional : .localized
        steps.append(
          RuleStep(
            rule: "peritoneal_cytology_with_primary_tumor_for_ss2018_t_88427#\(cytology)",
            section: "registry-codes §4.6",
            because:
              "Peritoneal Cytology \(cytology)\(codes.peritonealCytology == nil ? " (absent: SEER's default)" : ""): \(entry.meaning)",
            output: adjusted.rawValue, decisions: []))
        t = adjusted
      } else {
        errors.append(
          cytology.isEmpty
            ? "Peritoneal Cytology (NAACCR 3911) is present but blank: with EOD Primary Tumor 100 the summary stage is 9."
            : "Peritoneal Cytology (NAACCR 3911) '\(cytology.excerpt(limit: 20))' is not a code (0, 1, 2, 3, 7, 8, 9).")
        t = nil
      }
    }
    let n = lookUp(schema.regionalNodes, codes.regionalNodes, default: "999", item: "774", name: "EOD Regional Nodes")
    let m = lookUp(schema.mets, codes.mets, default: "00", item: "776", name: "EOD Mets")
    guard let t, let n, let m, let primary = SummaryPrimary(rawValue: t.rawValue),
      let nodes = SummaryNodes(rawValue: n.rawValue), let mets = SummaryMets(rawValue: m.rawValue)
    else {
      return EODSummaryStage(code: .unknown, primaryTumor: t, regionalNodes: n, mets: m, steps: steps, errors: errors)
    }
    let tables = try Staging.catalog().summary
    var trace = Trace(recording: true)
    let code = try tables.matrix.run(
      tables.matrixPrimary.bit(primary) | tables.matrixNodes.bit(nodes) | tables.matrixMets.bit(mets), &trace
    ).value
    return EODSummaryStage(
      code: code, primaryTumor: t, regionalNodes: n, mets: m, steps: steps + trace.steps, errors: errors)
  }
}
