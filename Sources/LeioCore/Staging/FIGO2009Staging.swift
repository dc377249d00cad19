import Foundation

/// The FIGO 2009 uterine sarcoma tables, bound to types.
final class FIGO2009Tables: Sendable {
  let t: BoundTable<TCategory>
  let tPrimary: InputColumn<PrimaryTumor>
  let tExtent: InputColumn<UterineExtent>
  let stage: BoundTable<StageGroup>
  let stageT: InputColumn<TCategory>
  let stageN: InputColumn<NCategory>
  let stageM: InputColumn<MCategory>
  let stageBasis: InputColumn<Basis>

  init(_ table: (String) throws -> RuleTable) throws {
    t = try BoundTable(table("figo2009-t"))
    tPrimary = try t.input("primary", as: PrimaryTumor.self)
    tExtent = try t.input("extent", as: UterineExtent.self)
    stage = try BoundTable(table("figo2009-stage"))
    stageT = try stage.input("t", as: TCategory.self)
    stageN = try stage.input("n", as: NCategory.self)
    stageM = try stage.input("m", as: MCategory.self)
    stageBasis = try stage.input("basis", as: Basis.self)
  }
}

/// FIGO 2009 staging of uterine leiomyosarcoma and endometrial stromal sarcoma,
/// with its TNM correspondence (TNM 7 corpus sarcoma, AJCC 8 ch. 54).
///
/// Grade is not part of FIGO uterine sarcoma staging.
/// - Source: reference §4 `[NCI-PDQ-UTS]` `[SEER-TNM7]`.
/// - Important: adenosarcoma (8933) and carcinosarcoma (8980) are staged with
///   other systems (§4.3).
enum FIGO2009Staging {
  /// FIGO T from the uterine extent facts and the size (the T1a/T1b split is size only for LMS/ESS, D-11).
  static func derivedT(_ context: borrowing CaseContext, _ tables: FIGO2009Tables, _ trace: inout Trace)
    throws(StagingError) -> TDerivation
  {
    let extent = context.facts.uterineExtent ?? .notRecorded
    let mask = tables.tPrimary.bit(context.primary) | tables.tExtent.bit(extent)
    let t = try tables.t.run(
      mask, number: context.size, &trace,
      inputs: "extent \(extent.rawValue), " + context.sizeText
    ).value
    return TDerivation(table: tables.t, mask: mask, number: context.size, value: t)
  }

  /// The T table's columns and the case fields that fill them (for messages).
  static let tFields = ["sizeCm": "sizeCm", "extent": "uterineExtent", "primary": "primaryTumor"]

  static func stage(_ context: borrowing CaseContext, _ catalog: StagingCatalog, as system: StagingSystem)
    throws(StagingError) -> SystemOutcome
  {
    var trace = Trace(recording: context.trace.isRecording)
    guard context.site == .uterus else {
      return .without(
        system, .notApplicable, reason: "FIGO 2009 LMS/ESS staging applies to the uterine corpus only (§1.4, R-1.4d).",
        trace: trace)
    }
    switch context.scope {
    case .nonMalignant:
      return .without(
        system, .notApplicable, reason: "Benign or uncertain behaviour (/0, /1): not staged (§1.2).", trace: trace)
    case .differentSystem:
      return .without(
        system, .notApplicable,
        reason: "Adenosarcoma has its own FIGO stage I and carcinosarcoma is staged as endometrial carcinoma (§4.3).",
        trace: trace)
    case .gist, .lms, .lmsFamilyUnconfirmed: break
    }
    if system != .figo2009 {
      trace.note(
        "uterus", "§1.4 R-1.4d",
        "Uterine LMS is staged with the FIGO 2009 categories, never with the soft tissue tables")
    }
    let tables = catalog.figo
    let derivation = try derivedT(context, tables, &trace)
    var t = derivation.value
    if let given = context.facts.t {
      let check = RecordedTCheck(
        derivation: derivation, unknown: context.facts.uterineExtent == nil ? ["extent"] : [], fields: Self.tFields)
      t = try StagingChecks.direct(given, check, system: "FIGO 2009", describe: { context.factDescriptions }, &trace)
    } else {
      StagingChecks.warnNearCutPoints(tables.t.table, size: context.size, &trace)
      if context.size == 5 {
        trace.warn(
          "seedBoundary", "§4.5 E-03",
          "A 5.0 cm tumour confined to the uterus is IA (≤ 5 cm). Patient material (seed 002) says \"smaller than 5 cm\"; the standard is ≤ 5 cm."
        )
      }
    }
    let mask =
      tables.stageT.bit(t) | tables.stageN.bit(context.nodes) | tables.stageM.bit(context.metastasis)
      | tables.stageBasis.bit(context.basis)
    let (group, row) = try tables.stage.run(mask, &trace)
    if group == .unknown, context.nodes == .nx {
      trace.warn(
        "nodesNotAssessed", "§4.2",
        "Nodes not assessed (NX), so IIIC cannot be excluded. If the record simply does not mention nodes, registrar convention allows N0."
      )
    }
    if group == .iva {
      trace.warn(
        "stageIVNotMetastatic", "§11 C-21",
        "FIGO IVA is local invasion of the bladder or rectum, not distant metastasis: stage IV does not always mean metastatic disease."
      )
    }
    var outcome = SystemOutcome(
      system: system, t: t, n: context.nodes, m: context.metastasis,
      grade: nil, stageGroup: group, status: .computed, trace: trace)
    outcome.group(group, row: row, of: tables.stage)
    return outcome
  }
}
