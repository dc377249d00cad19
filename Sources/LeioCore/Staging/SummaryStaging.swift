import Foundation

/// The SEER Summary Stage 2018 tables, bound to types.
final class SummaryTables: Sendable {
  let matrix: BoundTable<SummaryStage>
  let matrixPrimary: InputColumn<SummaryPrimary>
  let matrixNodes: InputColumn<SummaryNodes>
  let matrixMets: InputColumn<SummaryMets>
  let nodes: MappingTable<NCategory, SummaryNodes>
  let mets: MappingTable<MCategory, SummaryMets>
  let softTissue: BoundTable<SummaryPrimary>
  let softTissuePrimary: InputColumn<PrimaryTumor>
  let softTissueExtension: InputColumn<Extension>
  let retroperitoneum: BoundTable<SummaryPrimary>
  let retroperitoneumPrimary: InputColumn<PrimaryTumor>
  let retroperitoneumExtension: InputColumn<Extension>
  let retroperitoneumSubsite: InputColumn<RetroperitonealSubsite>
  let retroperitoneumOrgan: InputColumn<RetroperitonealOrganClass>
  let headAndNeck: BoundTable<SummaryPrimary>
  let headAndNeckPrimary: InputColumn<PrimaryTumor>
  let headAndNeckExtension: InputColumn<Extension>
  let headAndNeckInvasion: InputColumn<HeadAndNeckInvasion>
  let visceral: BoundTable<SummaryPrimary>
  let visceralT: InputColumn<TCategory>
  let visceralExtension: InputColumn<Extension>
  let corpus: BoundTable<SummaryPrimary>
  let corpusT: InputColumn<TCategory>
  let corpusExtent: InputColumn<UterineExtent>
  let corpusCervix: InputColumn<Flag>
  let corpusCytology: InputColumn<CytologyClass>

  init(_ table: (String) throws -> RuleTable) throws {
    matrix = try BoundTable(table("ss2018-matrix"))
    matrixPrimary = try matrix.input("primary", as: SummaryPrimary.self)
    matrixNodes = try matrix.input("nodes", as: SummaryNodes.self)
    matrixMets = try matrix.input("mets", as: SummaryMets.self)
    nodes = try MappingTable(table("ss2018-nodes"), input: "n")
    mets = try MappingTable(table("ss2018-mets"), input: "m")
    softTissue = try BoundTable(table("ss2018-soft-tissue-primary"))
    softTissuePrimary = try softTissue.input("primary", as: PrimaryTumor.self)
    softTissueExtension = try softTissue.input("extension", as: Extension.self)
    retroperitoneum = try BoundTable(table("ss2018-retroperitoneum-primary"))
    retroperitoneumPrimary = try retroperitoneum.input("primary", as: PrimaryTumor.self)
    retroperitoneumExtension = try retroperitoneum.input("extension", as: Extension.self)
    retroperitoneumSubsite = try retroperitoneum.input("subsite", as: RetroperitonealSubsite.self)
    retroperitoneumOrgan = try retroperitoneum.input("organ", as: RetroperitonealOrganClass.self)
    headAndNeck = try BoundTable(table("ss2018-head-and-neck-primary"))
    headAndNeckPrimary = try headAndNeck.input("primary", as: PrimaryTumor.self)
    headAndNeckExtension = try headAndNeck.input("extension", as: Extension.self)
    headAndNeckInvasion = try headAndNeck.input("invasion", as: HeadAndNeckInvasion.self)
    visceral = try BoundTable(table("ss2018-visceral-primary"))
    visceralT = try visceral.input("t", as: TCategory.self)
    visceralExtension = try visceral.input("extension", as: Extension.self)
    corpus = try BoundTable(table("ss2018-corpus-sarcoma-primary"))
    corpusT = try corpus.input("t", as: TCategory.self)
    corpusExtent = try corpus.input("extent", as: UterineExtent.self)
    corpusCervix = try corpus.input("cervix", as: Flag.self)
    corpusCytology = try corpus.input("cytology", as: CytologyClass.self)
  }
}

/// SEER Summary Stage 2018, computed from extent-of-disease facts, or
/// estimated from categories when those are all there is (D-17).
///
/// - Source: reference §6 `[SEER-EOD]`.
/// - Important: summary stage is computed on its own, never from another
///   system's stage label (D-29).
enum SummaryStaging {
  static func stage(_ context: borrowing CaseContext, _ catalog: StagingCatalog) throws(StagingError)
    -> SummaryStageResult
  {
    var trace = Trace(recording: context.trace.isRecording)
    switch context.scope {
    case .nonMalignant, .differentSystem:
      return notComputed("Not staged: the histology is not a malignant LMS-family tumour (§1.2, §4.3).")
    case .gist, .lms, .lmsFamilyUnconfirmed: break
    }
    if let eod = context.facts.eod { return try EODCaseStaging.summaryStage(eod, explain: trace.isRecording) }
    guard let (primary, estimated) = try primaryCategory(context, catalog, &trace) else {
      let chapter = context.site == .ovaryOrTube ? "ovary and fallopian tube" : (context.group?.title ?? "")
      return notComputed("Leio's reference gives no SS2018 rules for the \(chapter) chapter.")
    }
    let tables = catalog.summary
    let nodes = try tables.nodes.map(context.nodes, &trace)
    let mets = try tables.mets.map(context.metastasis, &trace)
    let code = try tables.matrix.run(
      tables.matrixPrimary.bit(primary) | tables.matrixNodes.bit(nodes) | tables.matrixMets.bit(mets), &trace
    ).value
    return SummaryStageResult(
      code: code, category: code.category, label: code.label, estimated: estimated, steps: trace.steps)
  }

  private static func notComputed(_ reason: String) -> SummaryStageResult {
    SummaryStageResult(code: nil, category: .notComputed, label: reason, estimated: false, steps: [])
  }

  /// The primary-tumour category and whether it is an estimate.
  private static func primaryCategory(_ context: borrowing CaseContext, _ catalog: StagingCatalog, _ trace: inout Trace)
    throws(StagingError) -> (SummaryPrimary, Bool)?
  {
    let tables = catalog.summary
    let facts = context.facts
    let extensionFact = facts.extension ?? .notRecorded
    let fromCategory = context.isCategoriesMode
    func finish(_ table: BoundTable<SummaryPrimary>, _ mask: UInt64, categoryBased: Bool) throws(StagingError) -> (
      SummaryPrimary, Bool
    ) {
      let (value, row) = try table.run(mask, &trace)
      return (value, categoryBased || table.estimatedRows[row])
    }
    switch context.group {
    case .trunkAndExtremities?, .heartMediastinumPleura?, .skin?, .other?, nil:
      return try finish(
        tables.softTissue,
        tables.softTissuePrimary.bit(context.primary) | tables.softTissueExtension.bit(extensionFact),
        categoryBased: false)
    case .retroperitoneum?:
      let classes = facts.invadedOrgans.map(\.summaryClass)
      let organ: RetroperitonealOrganClass =
        classes.contains(.ascendingOrDescendingColon)
        ? .ascendingOrDescendingColon : (classes.isEmpty ? .none : .otherListed)
      let subsite: RetroperitonealSubsite = context.site == .peritoneum ? .peritoneum : .retroperitoneum
      let mask =
        tables.retroperitoneumPrimary.bit(context.primary) | tables.retroperitoneumExtension.bit(extensionFact)
        | tables.retroperitoneumSubsite.bit(subsite) | tables.retroperitoneumOrgan.bit(organ)
      return try finish(tables.retroperitoneum, mask, categoryBased: false)
    case .headAndNeck?:
      var level = AJCC8Staging.invasion(facts.headAndNeckInvasion)
      var categoryBased = false
      if level == .none, facts.system == .ajcc8, let t = facts.t, t == .t4a || t == .t4b {
        level = t == .t4a ? .t4a : .t4b
        categoryBased = true
      }
      let mask =
        tables.headAndNeckPrimary.bit(context.primary) | tables.headAndNeckExtension.bit(extensionFact)
        | tables.headAndNeckInvasion.bit(level)
      return try finish(tables.headAndNeck, mask, categoryBased: categoryBased)
    case .visceral?:
      var scratch = Trace(recording: false)
      let derived = try AJCC8Staging.derivedT(context, catalog.ajcc8, &scratch)?.value ?? .tx
      var t = derived
      var categoryBased = facts.visceralExtent == nil && facts.multifocalSites == nil
      if fromCategory, facts.system == .ajcc8, let given = facts.t, tables.visceralT.allows(given) {
        // A recorded T that the facts allow may say more than they do (T4a: two sites, multifocality not given):
        // multifocal is regional in SS2018 (§6.3 `AT`), estimated from a category (§6.5 D-17).
        t = StagingChecks.mostSpecific(given: given, derived: derived)
        if t != derived { categoryBased = true }
      }
      return try finish(
        tables.visceral, tables.visceralT.bit(t) | tables.visceralExtension.bit(extensionFact),
        categoryBased: categoryBased)
    case .uterineCorpus?:
      var scratch = Trace(recording: false)
      var t = try FIGO2009Staging.derivedT(context, catalog.figo, &scratch).value
      if let given = facts.t, tables.corpusT.allows(given) { t = given }
      let extent = facts.uterineExtent ?? .notRecorded
      let mask =
        tables.corpusT.bit(t) | tables.corpusExtent.bit(extent)
        | tables.corpusCervix.bit(Flag(facts.cervixInvolved ?? false))
        | tables.corpusCytology.bit(facts.peritonealCytology?.isMalignant == true ? .malignant : .notMalignant)
      let result = try finish(tables.corpus, mask, categoryBased: facts.uterineExtent == nil)
      if t == .t4, extent != .bladderOrRectumWall, extent != .bladderOrRectumMucosa {
        trace.warn(
          "bladderDepthUnknown", "§6.5",
          "Bladder/rectal invasion without a recorded depth: summary stage estimated as distant (wall only would be regional)."
        )
      }
      return result
    case .otherGynaecologic?:
      // §1.4: C57.1–C57.9 (broad ligament, parametrium, …) belong to SEER's Soft Tissue Other chapter, whose rules
      // are the §6.3 `SK`/`OT` row (registry-codes.md §2 selects the same schema). Ovary and fallopian tube go to
      // their own chapters, for which the reference gives no rules.
      guard context.site == .otherGynaecologic else { return nil }
      trace.note(
        "summaryChapter", "§1.4, §6.3", "C57.1–C57.9: SEER Soft Tissue Other chapter", output: "softTissueOther")
      return try finish(
        tables.softTissue,
        tables.softTissuePrimary.bit(context.primary) | tables.softTissueExtension.bit(extensionFact),
        categoryBased: false)
    case .cervix?, .bone?, .orbit?:
      return nil
    }
  }
}
