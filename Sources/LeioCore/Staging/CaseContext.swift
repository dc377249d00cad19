import Foundation

/// A case after site resolution and the unknown-value conventions, shared by
/// every system that stages it.
struct CaseContext: ~Copyable, Sendable {
  /// The facts the systems read after validation: small enums only, so that
  /// passing the context around copies no strings (the histology text and
  /// FNCLCC inputs stay in ``CaseFacts``).
  struct Extent: Sendable {
    let t: TCategory?
    let system: StagingSystem?
    let nodes: NCategory?
    let `extension`: Extension?
    let invadedOrgans: [RetroperitonealOrgan]
    let headAndNeckInvasion: [HeadAndNeckStructure]
    let visceralExtent: VisceralExtent?
    let multifocalSites: Int?
    let uterineExtent: UterineExtent?
    let cervixInvolved: Bool?
    let peritonealCytology: PeritonealCytology?
    let discontinuousTumours: Bool?
    /// The EOD 2018 inputs, when the case has EOD codes (registry-codes §1); `nil` otherwise.
    let eod: EODCaseInput?
    /// The registry codes and what ``EODFactTable`` read from them (a plain value).
    let registry: EODFacts

    init(_ facts: CaseFacts) {
      eod = facts.eod.hasCodes ? EODCaseInput(facts) : nil
      registry = facts.eod
      (t, system, nodes, self.extension) = (facts.t, facts.system, facts.nodes, facts.extension)
      (invadedOrgans, headAndNeckInvasion) = (facts.invadedOrgans, facts.headAndNeckInvasion)
      (visceralExtent, multifocalSites, uterineExtent) = (
        facts.visceralExtent, facts.multifocalSites, facts.uterineExtent
      )
      (cervixInvolved, peritonealCytology, discontinuousTumours) = (
        facts.cervixInvolved, facts.peritonealCytology, facts.discontinuousTumours
      )
    }
  }

  let facts: Extent
  let site: Site?
  let group: SiteGroup?
  let scope: Histology.Scope
  let primary: PrimaryTumor
  /// Size in cm, NaN when unknown.
  let size: Double
  let depth: Depth
  let grade: ReportedGrade
  let nodes: NCategory
  let metastasis: MCategory
  let basis: Basis
  /// Whether T was given as a category (registrar mode).
  var isCategoriesMode: Bool { facts.t != nil }
  var trace: Trace

  init(_ facts: CaseFacts, catalog: StagingCatalog, explain: Bool) throws(StagingError) {
    var trace = Trace(recording: explain)
    let site = try Self.resolveSite(facts, catalog, &trace)
    let scope = try Self.histologyScope(facts, &trace)
    try Self.validateSiteFacts(facts, site)
    if site?.group == .skin, scope == .lms || scope == .lmsFamilyUnconfirmed {
      // R-1.2c: inform, never recode the user's histology.
      trace.warn(
        "cutaneousAISMN", "§1.2 R-1.2c",
        "A smooth-muscle tumour confined to the dermis (\"cutaneous leiomyosarcoma\") is called an atypical intradermal smooth muscle neoplasm (AISMN, ICD-O-3 8897/1) in the WHO 5th-edition skin classification, with extremely low metastatic potential. The histology code given is kept unchanged; check the pathology report."
      )
    }

    if let t = facts.t, let stated = facts.primaryTumor,
      (t == .t0) != (stated == .notFound)
    {
      throw .inconsistent(field: "t", message: "'\(t.rawValue)' contradicts primaryTumor '\(stated.rawValue)'.")
    }
    let primary = facts.primaryTumor ?? (facts.t == .t0 ? .notFound : .present)
    if primary != .present, let size = facts.sizeCm {
      throw .inconsistent(
        field: "sizeCm",
        message: "a size (\(size.clinicalText) cm) was given but primaryTumor is '\(primary.rawValue)'.")
    }

    var depth = facts.depth ?? .unknown
    if let site, site.isAlwaysDeep {
      if depth == .superficial {
        throw .inconsistent(
          field: "depth",
          message: "tumours of the \(site.rawValue) are deep by definition; 'superficial' is not possible (§2.1).")
      }
      if depth == .unknown {
        trace.note(
          "depth", "§2.1", "Retroperitoneal, peritoneal and intrathoracic tumours are always deep", output: "deep")
      }
      depth = .deep
    }

    let grade = try Self.resolveGrade(facts, site, &trace)
    let nodes = facts.nodes ?? .nx
    if facts.nodes == nil {
      trace.note("nodes", "§2.3", "Regional nodes not given: NX")
      trace.warn(
        "nodesNotRecorded", "§2.3",
        "Nodes were not given and are treated as NX. Registrar convention: if the record does not mention lymph-node involvement, code N0; use NX only when there is truly no information."
      )
    }
    let metastasis = facts.metastasis ?? .m0
    if facts.eod.schema != nil, trace.isRecording { Self.noteRegistryCodes(facts, &trace) }
    if facts.eod.metastasisUnknown {
      trace.note(
        "metastasis", "registry-codes §4", "EOD Mets 99 (death certificate only): distant metastasis unknown",
        output: "unknown")
    } else if facts.metastasis == nil {
      trace.note(
        "metastasis", "§2.3", "Distant metastasis not given: M0 assumed (SEER convention for a blank M)", output: "M0")
      trace.warn(
        "metastasisAssumed", "§2.3", "Distant metastasis was not given; M0 is assumed as in the SEER algorithm.")
    }
    self.facts = Extent(facts)
    self.site = site
    self.group = site?.group
    self.scope = scope
    self.primary = primary
    self.size = facts.sizeCm ?? .nan
    self.depth = depth
    self.grade = grade
    self.nodes = nodes
    self.metastasis = metastasis
    self.basis = facts.basis ?? .clinical
    self.trace = trace
  }

  private static func resolveSite(_ facts: CaseFacts, _ catalog: StagingCatalog, _ trace: inout Trace)
    throws(StagingError) -> Site?
  {
    guard let code = facts.topography else {
      if let site = facts.site {
        trace.note(
          "site", "§1.4", "Site \(site.rawValue): group \(site.group.rawValue) (\(site.group.title))",
          output: site.group.rawValue)
        return site
      }
      if facts.system == .figo2009 {
        trace.note("site", "§1.4", "FIGO 2009 stages the uterine corpus", output: SiteGroup.uterineCorpus.rawValue)
        return .uterus
      }
      if facts.system == .ajcc7, facts.t != nil { return nil }
      throw .missingValue(
        field: "site",
        message:
          "give the primary site (\(Site.allCases.map(\.rawValue).joined(separator: ", "))) or an ICD-O-3 topography code; it decides which staging systems apply (§1.4)."
      )
    }
    var resolved = catalog.sites.fallback
    switch catalog.sites.rule(for: code)?.target {
    case .site(let site)?:
      resolved = site
    case .byDiagnosisYear(let from, let onOrAfter, let before)?:
      guard let year = facts.diagnosisYear else {
        throw .missingValue(
          field: "diagnosisYear",
          message:
            "\(code) (cervix) is assigned by diagnosis year: \(from) or later uses the cervix schema, earlier the visceral one (§1.5)."
        )
      }
      resolved = year >= from ? onOrAfter : before
    case .byTrunkLocation(let external, let internalSite, let notSpecific)?:
      if let given = facts.site, [external, internalSite].contains(given), facts.trunkLocation == nil {
        resolved = given
      } else {
        switch facts.trunkLocation ?? .notSpecific {
        case .external: resolved = external
        case .internal:
          resolved = internalSite
          trace.warn(
            "greatVessel", "§11 C-06",
            "SEER assigns internal trunk structures (e.g. the inferior vena cava) to the visceral schema, which has no AJCC 8 stage group. Some clinicians stage great-vessel LMS with the retroperitoneal system (reported, not independently verified: U-18)."
          )
        case .notSpecific:
          resolved = notSpecific
          trace.warn(
            "trunkLocationUnknown", "R-1.4a",
            "\(code) needs trunkLocation (external or internal) to pick a staging schema; without it only summary stage is computed."
          )
        }
      }
    case nil:
      break
    }
    if let given = facts.site, given.group != resolved.group {
      throw .inconsistent(
        field: "site",
        message:
          "'\(given.rawValue)' (group \(given.group.rawValue)) contradicts topography \(code), which is \(resolved.rawValue) (group \(resolved.group.rawValue))."
      )
    }
    trace.note(
      "site", "§1.5",
      "Topography \(code) ⇒ \(resolved.rawValue), group \(resolved.group.rawValue) (\(resolved.group.title))",
      output: resolved.group.rawValue)
    return resolved
  }

  private static func histologyScope(_ facts: CaseFacts, _ trace: inout Trace) throws(StagingError) -> Histology.Scope {
    guard let histology = facts.histology else {
      trace.warn(
        "histologyNotGiven", "§1.2",
        "Histology was not given; the case is staged as a leiomyosarcoma (ICD-O-3 8890/3 family).")
      return .lms
    }
    switch histology.scope {
    case .gist:
      throw .outOfScope(
        field: "histology",
        message:
          "\(histology.code) is a GIST. GIST is a different disease (KIT/PDGFRA-driven, CD117/DOG1 positive); Leio does not stage it or give LMS figures for it. Use GIST resources (R-1.2b)."
      )
    case .lmsFamilyUnconfirmed:
      trace.warn(
        "lmsFamilyUnconfirmed", "§1.2 R-1.2a",
        "\(histology.code) \(histology.term): staged as an LMS-family sarcoma; confirm the histology (D-03).")
    case .lms, .nonMalignant, .differentSystem:
      break
    }
    if histology.status == "UNVERIFIED", let note = histology.note {
      trace.warn("histologyUnverified", "§1.2 Appendix B", "\(histology.code) \(histology.term): \(note)")
    }
    trace.note("histology", "§1.2", "\(histology.code) \(histology.term)", output: histology.scope.rawValue)
    return histology.scope
  }

  private static func validateSiteFacts(_ facts: CaseFacts, _ site: Site?) throws(StagingError) {
    let group = site?.group
    func require(_ given: Bool, _ field: String, _ allowed: SiteGroup, _ other: SiteGroup?, _ what: String)
      throws(StagingError)
    {
      guard given else { return }
      guard let group, group == allowed || group == other else {
        throw .inconsistent(
          field: field, message: "\(field) applies to \(what) only, not to site \(site?.rawValue ?? "(not given)").")
      }
    }
    let uterine = facts.uterineExtent != nil || facts.cervixInvolved != nil || facts.peritonealCytology != nil
    try require(
      uterine,
      facts.uterineExtent != nil
        ? "uterineExtent" : (facts.cervixInvolved != nil ? "cervixInvolved" : "peritonealCytology"),
      .uterineCorpus, nil, "the uterine corpus")
    try require(facts.visceralExtent != nil, "visceralExtent", .visceral, .heartMediastinumPleura, "visceral organs")
    try require(facts.multifocalSites != nil, "multifocalSites", .visceral, .heartMediastinumPleura, "visceral organs")
    try require(!facts.headAndNeckInvasion.isEmpty, "headAndNeckInvasion", .headAndNeck, nil, "head and neck sites")
    try require(
      !facts.invadedOrgans.isEmpty, "invadedOrgans", .retroperitoneum, nil, "the retroperitoneum and peritoneum")
    try require(facts.discontinuousTumours != nil, "discontinuousTumours", .bone, nil, "bone")
    if !facts.invadedOrgans.isEmpty, facts.extension == .confined {
      throw .inconsistent(field: "extension", message: "'confined' contradicts invadedOrgans.")
    }
  }
}
