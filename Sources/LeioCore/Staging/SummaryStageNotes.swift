import Foundation

/// One plain sentence that explains why the summary stage and a system's stage seem to point different ways.
///
/// SEER Summary Stage 2018 and the AJCC/FIGO systems are computed independently (D-29) from different rules, so a
/// FIGO stage IB tumour can be "regional" and an AJCC 8 stage IV tumour "regional" too. Each note names the rule of
/// the reference that makes the difference.
public struct SummaryStageNote: Sendable, Hashable, Codable {
  /// Which combination this is (`cervix`, `culDeSac`, `nodesStageIV`, …; see ``SummaryStageNotes/rules``).
  public var rule: String
  /// The systems whose stage the note compares with; empty when it is about the summary stage alone.
  public var systems: [StagingSystem]
  /// The explanation, in one or two plain sentences.
  public var text: String
  /// The clinical-reference sections behind it.
  public var section: String

  /// A note.
  public init(rule: String, systems: [StagingSystem], text: String, section: String) {
    self.rule = rule
    self.systems = systems
    self.text = text
    self.section = section
  }
}

/// The combinations where the summary stage and a stage group read as if they disagree, as a table: each rule
/// says when it applies (the site group, the stage group, the summary stage and the fact that makes the
/// difference) and what a reader is told.
///
/// - Source: reference §6.4 (uterine corpus: cervix, cytology, cul-de-sac, abdomen, bladder or rectal wall),
///   §3.1 with §6.2 (AJCC 8 trunk/extremity N1 is stage IV), §3.3 with §6.3 (head and neck T4 features are distant in
///   SS2018), §6.3 (extension is not an AJCC stage-group input), §6.5 D-17 (an estimated summary stage), C-08.
public enum SummaryStageNotes {
  /// What a rule looks at: one system's result, the summary stage and the case's facts.
  public struct Situation {
    /// The system's result.
    public let result: StagingResult
    /// The summary stage.
    public let summary: SummaryStageResult
    /// The validated case.
    public let facts: CaseFacts

    var group: SiteGroup? { result.siteGroup }
    var stage: StageGroup { result.stageGroup }
    var code: SummaryStage? { summary.code }
    /// No distant metastasis recorded (M0, or M not given).
    var noDistantMetastasis: Bool { result.m != .m1 && facts.metastasis != .m1 }
    var uterineStageI: Bool { group == .uterineCorpus && [.i, .ia, .ib].contains(stage) }
  }

  /// One row of the table.
  public struct Rule: Sendable {
    /// The note's identifier.
    public let id: String
    /// The reference sections.
    public let section: String
    /// Whether the note is about a system's stage (else the summary stage alone).
    public let comparesSystem: Bool
    /// When it applies.
    let applies: @Sendable (Situation) -> Bool
    /// The sentence.
    public let text: String
  }

  /// Every rule, in the order the notes are shown.
  public static let rules: [Rule] = [
    Rule(
      id: "cervix", section: "§6.4", comparesSystem: true,
      applies: { $0.uterineStageI && $0.facts.cervixInvolved == true && $0.code == .regionalDirectExtension },
      text:
        "FIGO counts the cervix as part of the uterus, so a tumour that has grown into the cervix is still stage I "
        + "(\"confined to the uterus\"). SEER Summary Stage counts growth into the cervix as spread to nearby tissue, "
        + "so the same tumour is \"regional\" there. Both are correct; the two systems draw the line in different places."
    ),
    Rule(
      id: "peritonealCytology", section: "§6.4", comparesSystem: true,
      applies: {
        $0.uterineStageI && $0.facts.peritonealCytology?.isMalignant == true && $0.code == .regionalDirectExtension
      },
      text:
        "Cancer cells in the fluid washings of the abdomen (peritoneal cytology) do not change the FIGO stage of a "
        + "uterine leiomyosarcoma, but SEER Summary Stage counts them as regional spread."
    ),
    Rule(
      id: "culDeSac", section: "§6.4, conflict C-08", comparesSystem: true,
      applies: {
        $0.group == .uterineCorpus && $0.facts.uterineExtent == .culDeSac && $0.stage == .iib && $0.code == .distant
      },
      text:
        "The sources disagree about the cul-de-sac (the pouch between the uterus and the rectum): FIGO 2009, as "
        + "SEER's TNM tables apply it, counts it as spread within the pelvis (stage IIB), while SEER Summary Stage "
        + "2018 codes it as distant. Leio shows each system's own answer rather than choosing one."
    ),
    Rule(
      id: "abdominalSpread", section: "§6.4", comparesSystem: true,
      applies: {
        $0.group == .uterineCorpus && [.iii, .iiia, .iiib].contains($0.stage) && $0.code == .distant
          && $0.noDistantMetastasis
      },
      text:
        "FIGO stage III (IIIA: one site, IIIB: more than one) covers spread to tissue in the abdomen; SEER Summary "
        + "Stage counts any spread into the abdomen as distant. FIGO keeps stage IV for the lining of the bladder or bowel and for distant organs."
    ),
    Rule(
      id: "bladderOrRectumWall", section: "§6.4", comparesSystem: true,
      applies: {
        $0.group == .uterineCorpus && $0.stage == .iva && $0.facts.uterineExtent == .bladderOrRectumWall
          && $0.code == .regionalDirectExtension
      },
      text:
        "FIGO stage IVA covers growth into the bladder or the bowel. SEER Summary Stage counts growth into their wall "
        + "as regional and only growth through to their inner lining (mucosa) as distant; here only the wall is "
        + "involved."
    ),
    Rule(
      id: "bladderDepthUnknown", section: "§6.5", comparesSystem: true,
      applies: {
        $0.group == .uterineCorpus && $0.stage == .iva && $0.code == .distant
          && $0.facts.uterineExtent != .bladderOrRectumWall && $0.facts.uterineExtent != .bladderOrRectumMucosa
      },
      text:
        "FIGO stage IVA was given without how deep the bladder or bowel is invaded. The summary stage is estimated "
        + "as distant; if only the wall (not the inner lining) is involved it would be regional."
    ),
    Rule(
      id: "nodesStageIV", section: "§3.1, §6.2", comparesSystem: true,
      applies: {
        $0.result.system == .ajcc8 && $0.group == .trunkAndExtremities && $0.stage == .iv && $0.result.n == .n1
          && $0.noDistantMetastasis && $0.summary.category == .regional
      },
      text:
        "In the AJCC 8th edition for the trunk and limbs, spread to nearby (regional) lymph nodes alone makes stage "
        + "IV. SEER Summary Stage counts regional lymph nodes as regional and keeps \"distant\" for spread to distant "
        + "organs or distant lymph nodes."
    ),
    Rule(
      id: "headAndNeckInvasion", section: "§3.3, §6.3", comparesSystem: true,
      applies: {
        $0.group == .headAndNeck && $0.code == .distant && $0.noDistantMetastasis
          && $0.result.status != .notApplicable
      },
      text:
        "Growth into structures such as the orbit, skull base, brain, facial bones, carotid artery, prevertebral "
        + "muscle or the organs of the central neck is a local (T4) finding for AJCC, but SEER Summary Stage counts "
        + "it as distant. So the summary stage is distant although no distant metastasis is recorded."
    ),
    Rule(
      id: "extensionNotStaged", section: "§6.3", comparesSystem: true,
      applies: {
        guard let group = $0.group, ![.uterineCorpus, .headAndNeck, .visceral].contains(group),
          [.computed, .substageUnknown].contains($0.result.status), $0.noDistantMetastasis
        else { return false }
        let grew = $0.facts.extension.map { [.adjacent, .majorVessel, .furtherContiguous].contains($0) } ?? false
        let byExtension = [.regionalDirectExtension, .regionalExtensionAndNodes, .distant].contains($0.code)
        return (grew || !$0.facts.invadedOrgans.isEmpty) && byExtension
          && ![.iv, .iva, .ivb].contains($0.stage)
      },
      text:
        "AJCC stage groups for soft tissue sarcoma use size, grade, lymph nodes and metastasis, not growth into "
        + "nearby tissue, organs or major blood vessels. SEER Summary Stage does use that growth, so it can show "
        + "regional (or, for further spread, distant) spread while the stage group is low."
    ),
    Rule(
      id: "estimated", section: "§6.5 (D-17)", comparesSystem: false,
      applies: { $0.summary.estimated },
      text:
        "This summary stage is estimated from the stage categories, because the extent-of-disease details that "
        + "registries code it from were not all given; with those details it could differ."
    ),
  ]

  /// The notes for one system's result (its own and the summary-stage ones).
  public static func notes(for result: StagingResult, summary: SummaryStageResult, facts: CaseFacts)
    -> [SummaryStageNote]
  {
    guard summary.code != nil else { return [] }
    let situation = Situation(result: result, summary: summary, facts: facts)
    return rules.filter { $0.applies(situation) }.map {
      SummaryStageNote(
        rule: $0.id, systems: $0.comparesSystem ? [result.system] : [], text: $0.text, section: $0.section)
    }
  }

  /// The notes of a report: each result gets its own; the report's summary stage gets each rule once, naming every
  /// system it concerns, in the order of ``rules``.
  static func annotate(_ report: inout StagingReport, facts: CaseFacts) {
    var all: [SummaryStageNote] = []
    for index in report.results.indices {
      let notes = notes(for: report.results[index], summary: report.summaryStage, facts: facts)
      report.results[index].summaryStage.notes = notes
      for note in notes {
        if let seen = all.firstIndex(where: { $0.rule == note.rule }) {
          all[seen].systems += note.systems.filter { !all[seen].systems.contains($0) }
        } else {
          all.append(note)
        }
      }
    }
    let order = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
    report.summaryStage.notes = all.sorted { order[$0.rule, default: 0] < order[$1.rule, default: 0] }
  }
}
