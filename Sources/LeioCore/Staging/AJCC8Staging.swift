import Foundation

/// The AJCC 8 soft tissue sarcoma tables, bound to types.
final class AJCC8Tables: Sendable {
  let sizeT: BoundTable<TCategory>
  let sizeTPrimary: InputColumn<PrimaryTumor>
  let headAndNeckT: BoundTable<TCategory>
  let headAndNeckPrimary: InputColumn<PrimaryTumor>
  let headAndNeckInvasion: InputColumn<HeadAndNeckInvasion>
  let visceralT: BoundTable<TCategory>
  let visceralPrimary: InputColumn<PrimaryTumor>
  let visceralExtent: InputColumn<VisceralExtent>
  let visceralFoci: InputColumn<Multifocality>
  let boneT: BoundTable<TCategory>
  let bonePrimary: InputColumn<PrimaryTumor>
  let boneDiscontinuous: InputColumn<Flag>
  let grade: MappingTable<ReportedGrade, GroupingGrade>
  let nodes: MappingTable<NCategory, NCategory>
  let trunk: StageTable
  let retroperitoneum: StageTable

  /// A stage table over T, N, M, grade and basis (a shared, immutable instance).
  final class StageTable: Sendable {
    let table: BoundTable<StageGroup>
    let t: InputColumn<TCategory>
    let n: InputColumn<NCategory>
    let m: InputColumn<MCategory>
    let grade: InputColumn<GroupingGrade>
    let basis: InputColumn<Basis>

    init(_ table: RuleTable) throws {
      self.table = try BoundTable(table)
      t = try self.table.input("t", as: TCategory.self)
      n = try self.table.input("n", as: NCategory.self)
      m = try self.table.input("m", as: MCategory.self)
      grade = try self.table.input("grade", as: GroupingGrade.self)
      basis = try self.table.input("basis", as: Basis.self)
    }
  }

  init(_ table: (String) throws -> RuleTable) throws {
    sizeT = try BoundTable(table("ajcc8-size-t"))
    sizeTPrimary = try sizeT.input("primary", as: PrimaryTumor.self)
    headAndNeckT = try BoundTable(table("ajcc8-hn-t"))
    headAndNeckPrimary = try headAndNeckT.input("primary", as: PrimaryTumor.self)
    headAndNeckInvasion = try headAndNeckT.input("invasion", as: HeadAndNeckInvasion.self)
    visceralT = try BoundTable(table("ajcc8-visceral-t"))
    visceralPrimary = try visceralT.input("primary", as: PrimaryTumor.self)
    visceralExtent = try visceralT.input("extent", as: VisceralExtent.self)
    visceralFoci = try visceralT.input("multifocality", as: Multifocality.self)
    boneT = try BoundTable(table("ajcc8-bone-t"))
    bonePrimary = try boneT.input("primary", as: PrimaryTumor.self)
    boneDiscontinuous = try boneT.input("discontinuous", as: Flag.self)
    grade = try MappingTable(table("ajcc8-grade"), input: "grade")
    nodes = try MappingTable(table("ajcc8-nodes"), input: "n")
    trunk = try StageTable(table("ajcc8-te-stage"))
    retroperitoneum = try StageTable(table("ajcc8-rp-stage"))
  }
}

/// AJCC 8th edition soft tissue sarcoma staging, one chapter per site group.
///
/// Trunk and extremities (ch. 41) and retroperitoneum (ch. 44) have stage
/// groups; head and neck (ch. 40) and visceral organs (ch. 42) have T only.
/// - Source: reference §3 `[NCI-PDQ-STS]` Tables 1–7.
/// - Important: uterine LMS uses ch. 54 (= FIGO 2009 categories); bone stage
///   groups are not implemented (§3.6).
enum AJCC8Staging {
  /// The head and neck invasion level of the structures given.
  static func invasion(_ structures: [HeadAndNeckStructure]) -> HeadAndNeckInvasion {
    structures.reduce(.none) { level, structure in
      structure.level == .t4b || level == .t4b ? .t4b : .t4a
    }
  }

  /// Each T table's columns and the case fields that fill them (for messages).
  static let sizeFields = ["sizeCm": "sizeCm", "primary": "primaryTumor"]
  static let headAndNeckFields = ["sizeCm": "sizeCm", "invasion": "headAndNeckInvasion", "primary": "primaryTumor"]
  static let visceralFields = [
    "extent": "visceralExtent", "multifocality": "multifocalSites", "primary": "primaryTumor",
  ]
  static let boneFields = ["sizeCm": "sizeCm", "discontinuous": "discontinuousTumours", "primary": "primaryTumor"]

  /// T from facts for the chapter of `group`, with what it was derived from, or `nil` where no T table exists.
  static func derivedT(_ context: borrowing CaseContext, _ tables: AJCC8Tables, _ trace: inout Trace)
    throws(StagingError) -> TDerivation?
  {
    func sizeText() -> String { context.sizeText }
    switch context.group {
    case .trunkAndExtremities?, .retroperitoneum?:
      let mask = tables.sizeTPrimary.bit(context.primary)
      let t = try tables.sizeT.run(mask, number: context.size, &trace, inputs: sizeText()).value
      return TDerivation(table: tables.sizeT, mask: mask, number: context.size, value: t)
    case .headAndNeck?:
      let structures = context.facts.headAndNeckInvasion
      let level = structures.isEmpty ? (context.facts.registry.headAndNeckInvasion ?? .none) : invasion(structures)
      let mask = tables.headAndNeckPrimary.bit(context.primary) | tables.headAndNeckInvasion.bit(level)
      let t = try tables.headAndNeckT.run(
        mask, number: context.size, &trace, inputs: "\(sizeText()), invasion \(level.rawValue)"
      ).value
      if level == .t4a || level == .t4b, !context.size.isNaN {
        trace.warn(
          "invasionOverridesSize", "§3.3 D-04",
          "Invasion criteria (T4a/T4b) override size; this standard TNM convention is not quoted in the checked source (U-13)."
        )
      }
      return TDerivation(table: tables.headAndNeckT, mask: mask, number: context.size, value: t)
    case .visceral?, .heartMediastinumPleura?:
      let foci =
        context.facts.registry.multifocality ?? Multifocality(sites: context.facts.multifocalSites ?? 1) ?? .single
      let extent = context.facts.visceralExtent ?? .notRecorded
      let mask =
        tables.visceralPrimary.bit(context.primary) | tables.visceralExtent.bit(extent) | tables.visceralFoci.bit(foci)
      let t = try tables.visceralT.run(mask, &trace, inputs: "extent \(extent.rawValue), \(foci.rawValue)").value
      return TDerivation(table: tables.visceralT, mask: mask, number: .nan, value: t)
    case .bone?:
      guard context.site == .bone else { return nil }
      let flag = Flag(context.facts.discontinuousTumours ?? false)
      let mask = tables.bonePrimary.bit(context.primary) | tables.boneDiscontinuous.bit(flag)
      let t = try tables.boneT.run(mask, number: context.size, &trace, inputs: sizeText()).value
      return TDerivation(table: tables.boneT, mask: mask, number: context.size, value: t)
    case .uterineCorpus?, .cervix?, .otherGynaecologic?, .skin?, .orbit?, .other?, nil:
      return nil
    }
  }

  /// What a recorded T of the chapter is checked against: the facts that were not given, and the fields behind
  /// the T table's columns.
  static func recordedTCheck(_ derivation: TDerivation, _ context: borrowing CaseContext) -> RecordedTCheck {
    var unknown: Set<String> = []
    let fields: [String: String]
    switch context.group {
    case .headAndNeck?:
      fields = headAndNeckFields
      if context.facts.headAndNeckInvasion.isEmpty, context.facts.registry.headAndNeckInvasion == nil {
        unknown.insert("invasion")
      }
    case .visceral?, .heartMediastinumPleura?:
      fields = visceralFields
      if context.facts.visceralExtent == nil { unknown.insert("extent") }
      if context.facts.multifocalSites == nil, context.facts.registry.multifocality == nil {
        unknown.insert("multifocality")
      }
    case .bone?:
      fields = boneFields
      if context.facts.discontinuousTumours == nil { unknown.insert("discontinuous") }
    case .trunkAndExtremities?, .retroperitoneum?, .uterineCorpus?, .cervix?, .otherGynaecologic?, .skin?, .orbit?,
      .other?, nil:
      fields = sizeFields
    }
    return RecordedTCheck(derivation: derivation, unknown: unknown, fields: fields)
  }

  static func stage(_ context: borrowing CaseContext, _ catalog: StagingCatalog) throws(StagingError) -> SystemOutcome {
    var trace = Trace(recording: context.trace.isRecording)
    let tables = catalog.ajcc8
    let group = context.group
    if group == .uterineCorpus { return try FIGO2009Staging.stage(context, catalog, as: .ajcc8) }
    if let (status, reason) = notStaged(context) {
      return .without(.ajcc8, status, reason: reason, trace: trace)
    }
    guard let derivation = try derivedT(context, tables, &trace) else {
      return .without(
        .ajcc8, .notImplemented,
        reason:
          "AJCC 8 bone T for the spine and pelvis uses vertebral segments and pelvic extent, which Leio does not implement yet (§3.6).",
        trace: trace)
    }
    var t = derivation.value
    if let given = context.facts.t {
      t = try StagingChecks.direct(
        given, recordedTCheck(derivation, context), system: "AJCC 8 (\(label(group)))",
        describe: { context.factDescriptions }, &trace)
    } else {
      StagingChecks.warnNearCutPoints(derivation.table.table, size: context.size, &trace)
    }
    let n = try tables.nodes.map(context.nodes, &trace)
    let grade = try tables.grade.map(context.grade, &trace)
    var outcome = SystemOutcome(
      system: .ajcc8, t: t, n: n, m: context.metastasis, grade: grade,
      stageGroup: .notApplicable, status: .noGroupDefined, trace: trace)
    let stageTable: AJCC8Tables.StageTable
    switch group {
    case .trunkAndExtremities?: stageTable = tables.trunk
    case .retroperitoneum?: stageTable = tables.retroperitoneum
    case .bone?:
      outcome.stageGroup = .unknown
      outcome.status = .notImplemented
      outcome.reason =
        "Bone staging is not implemented: AJCC 8 bone stage groups are known only from a secondary source (PARTIAL, §3.6); T, N and M are shown."
      return outcome
    case .headAndNeck?, .visceral?, .heartMediastinumPleura?, .uterineCorpus?, .cervix?, .otherGynaecologic?, .skin?,
      .orbit?,
      .other?, nil:
      outcome.reason = "AJCC 8 defines no stage group for this site (§3.3–§3.4)."
      outcome.trace.note(
        "ajcc8.group", "§3.3–§3.4", "No prognostic stage grouping for head and neck or visceral sites",
        output: "notApplicable")
      return outcome
    }
    let mask =
      stageTable.t.bit(t) | stageTable.n.bit(n) | stageTable.m.bit(context.metastasis)
      | stageTable.grade.bit(grade) | stageTable.basis.bit(context.basis)
    let (value, row) = try stageTable.table.run(mask, &outcome.trace)
    outcome.group(value, row: row, of: stageTable.table)
    if value == .iv, context.metastasis == .m0 {
      outcome.trace.warn(
        "stageIVNotMetastatic", "§11 C-21",
        "Stage IV here comes from regional lymph-node involvement, not from distant metastasis: stage IV does not always mean metastatic disease."
      )
    }
    return outcome
  }

  private static func notStaged(_ context: borrowing CaseContext) -> (StageStatus, String)? {
    switch context.scope {
    case .nonMalignant: return (.notApplicable, "Benign or uncertain behaviour (/0, /1): not staged (§1.2).")
    case .differentSystem:
      return (.notApplicable, "This histology is staged with another system (adenosarcoma, carcinosarcoma; §4.3).")
    case .gist, .lms, .lmsFamilyUnconfirmed: break
    }
    switch context.group {
    case .cervix?:
      return (
        .notApplicable,
        "Cervical LMS has no stage group in this version: SEER's 2021+ cervix schema refers to AJCC ch. 54 (FIGO corpus-sarcoma field), while the AJCC 8 ch. 42 text places cervical sarcomas in ch. 42 (conflict C-05)."
      )
    case .otherGynaecologic?:
      return context.site == .ovaryOrTube
        ? (
          .notImplemented,
          "Ovarian and fallopian-tube LMS use FIGO ovarian staging, out of scope for this version (§1.4)."
        )
        : (.notApplicable, "No AJCC stage for this gynaecologic site; summary stage only (§1.4).")
    case .skin?:
      return (.notApplicable, "No AJCC system stages cutaneous LMS; summary stage is the only system (§1.4).")
    case .orbit?:
      return (.notImplemented, "AJCC 8 ch. 70 orbital sarcoma T definitions are not in Leio's reference (§1.4, U-12).")
    case .other?: return (.notApplicable, "Other or ill-defined site: summary stage only (§1.4).")
    case nil: return (.notApplicable, "AJCC 8 needs the primary site: its chapters differ by site.")
    case .trunkAndExtremities?, .retroperitoneum?, .headAndNeck?, .visceral?, .heartMediastinumPleura?, .uterineCorpus?,
      .bone?:
      return nil
    }
  }
}
