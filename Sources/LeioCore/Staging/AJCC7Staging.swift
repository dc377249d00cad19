import Foundation

/// The AJCC 7 soft tissue sarcoma tables, bound to types.
final class AJCC7Tables: Sendable {
  let t: BoundTable<TCategory>
  let tPrimary: InputColumn<PrimaryTumor>
  let tDepth: InputColumn<Depth>
  let grade: MappingTable<ReportedGrade, GroupingGrade>
  let stage: BoundTable<StageGroup>
  let stageT: InputColumn<TCategory>
  let stageN: InputColumn<NCategory>
  let stageM: InputColumn<MCategory>
  let stageGrade: InputColumn<GroupingGrade>
  let stageBasis: InputColumn<Basis>

  init(_ table: (String) throws -> RuleTable) throws {
    t = try BoundTable(table("ajcc7-sts-t"))
    tPrimary = try t.input("primary", as: PrimaryTumor.self)
    tDepth = try t.input("depth", as: Depth.self)
    grade = try MappingTable(table("ajcc7-grade"), input: "grade")
    stage = try BoundTable(table("ajcc7-sts-stage"))
    stageT = try stage.input("t", as: TCategory.self)
    stageN = try stage.input("n", as: NCategory.self)
    stageM = try stage.input("m", as: MCategory.self)
    stageGrade = try stage.input("grade", as: GroupingGrade.self)
    stageBasis = try stage.input("basis", as: Basis.self)
  }
}

/// AJCC 7th edition soft tissue sarcoma staging (groups TE, RP, HM and
/// C47.0/C49.0 of HN).
///
/// - Source: reference §2 `[SEER-TNM7]` `[WJCO-2014]`.
/// - Important: AJCC 7 does not stage visceral, skin, breast or head and neck
///   organ sites (R-1.4e); uterine LMS is staged with the FIGO 2009 categories
///   (TNM 7 corpus sarcoma, R-1.4d).
enum AJCC7Staging {
  /// The T table's columns and the case fields that fill them.
  static let tFields = ["sizeCm": "sizeCm", "depth": "depth", "primary": "primaryTumor"]

  static func stage(_ context: borrowing CaseContext, _ catalog: StagingCatalog) throws(StagingError) -> SystemOutcome {
    var trace = Trace(recording: context.trace.isRecording)
    if context.site == .uterus {
      return try FIGO2009Staging.stage(context, catalog, as: .ajcc7)
    }
    if let reason = notApplicableReason(context) {
      let status: StageStatus = context.group == .bone || context.group == .orbit ? .notImplemented : .notApplicable
      return .without(.ajcc7, status, reason: reason, trace: trace)
    }
    let tables = catalog.ajcc7
    let tMask = tables.tPrimary.bit(context.primary) | tables.tDepth.bit(context.depth)
    let (derived, _) = try tables.t.run(
      tMask, number: context.size, &trace,
      inputs: context.size.isNaN
        ? "size unknown, depth \(context.depth.rawValue)" : "\(context.sizeText), \(context.depth.rawValue)"
    )
    var t = derived
    if let given = context.facts.t {
      let check = RecordedTCheck(
        derivation: TDerivation(table: tables.t, mask: tMask, number: context.size, value: derived),
        unknown: context.depth == .unknown ? ["depth"] : [], fields: Self.tFields)
      if context.site?.isAlwaysDeep == true, given == .t1a || given == .t2a {
        throw .inconsistent(
          field: "t",
          message:
            "'\(given.rawValue)' is a superficial category, but tumours of the \(context.site?.rawValue ?? "site") are always deep (T1b/T2b, §2.1)."
        )
      }
      t = try StagingChecks.direct(
        given, check, system: "AJCC 7 soft tissue", describe: { context.factDescriptions }, &trace)
    } else {
      StagingChecks.warnNearCutPoints(tables.t.table, size: context.size, &trace)
      if context.size == 5 {
        trace.warn(
          "seedBoundary", "§2.4 E-02",
          "A 5.0 cm tumour is T1 (≤ 5 cm). Patient material (seed 002) says \"smaller than 5 cm\" for IA/IIA; the standard is ≤ 5 cm."
        )
      }
    }
    let grade = try tables.grade.map(context.grade, &trace)
    let mask =
      tables.stageT.bit(t) | tables.stageN.bit(context.nodes) | tables.stageM.bit(context.metastasis)
      | tables.stageGrade.bit(grade) | tables.stageBasis.bit(context.basis)
    let (group, row) = try tables.stage.run(mask, &trace)
    if group == .unknown, context.nodes == .nx, context.facts.nodes != nil {
      trace.warn(
        "nodesNotAssessed", "§2.3",
        "AJCC 7 has no rule that NX counts as N0, so the group is unknown. If the record simply does not mention nodes, registrar convention codes N0."
      )
    }
    var outcome = SystemOutcome(
      system: .ajcc7, t: t, n: context.nodes, m: context.metastasis,
      grade: grade, stageGroup: group, status: .computed, trace: trace)
    outcome.group(group, row: row, of: tables.stage)
    return outcome
  }

  private static func notApplicableReason(_ context: borrowing CaseContext) -> String? {
    switch context.scope {
    case .nonMalignant: return "Benign or uncertain behaviour (/0, /1): not staged (§1.2)."
    case .differentSystem: return "This histology is staged with another system (adenosarcoma, carcinosarcoma; §4.3)."
    case .gist, .lms, .lmsFamilyUnconfirmed: break
    }
    guard let site = context.site, !site.hasAJCC7SoftTissueStaging else { return nil }
    switch site.group {
    case .bone:
      return "AJCC 7 stages bone sarcomas with its bone chapter, which is out of scope for this version (§1.4)."
    case .orbit:
      return "AJCC 7 gives orbital sarcoma a T category only; its definitions are not in Leio's reference (§1.4)."
    case .cervix: return "AJCC 7 does not stage cervical sarcoma with the soft tissue table (§1.4)."
    case .trunkAndExtremities, .retroperitoneum, .headAndNeck, .visceral, .heartMediastinumPleura, .uterineCorpus,
      .otherGynaecologic, .skin, .other:
      return
        "AJCC 7 does not stage soft tissue sarcoma of this site (\(site.rawValue)): visceral, skin, breast and head and neck organ sites are excluded (R-1.4e)."
    }
  }
}
