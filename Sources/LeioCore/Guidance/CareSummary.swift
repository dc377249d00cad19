import Foundation

/// Everything a care summary shows, gathered from the staging, prognosis,
/// treatment-option and follow-up results and the knowledge base.
///
/// It derives nothing clinical itself; LeioReport's `CareSummaryHTML` and
/// `CareSummaryText` only lay it out.
public struct CareSummary: Sendable {
  /// Free text from the user (e.g. "Fictional example"), escaped when rendered.
  public let label: String?
  /// Every applicable system's stage, with its rule steps.
  public let staging: StagingReport
  /// Population figures for the case's summary stage, with sources and caveats.
  public let prognosis: PrognosisReport
  /// Treatment options the guidelines list for the case's situation (education, not advice).
  public let options: TreatmentOptionsReport
  /// The dated follow-up plan, when an end of treatment was given.
  public let plan: FollowUpPlan?
  /// The schedule in months after the end of treatment (shown when no end date was given).
  public let schedule: FollowUpSchedule
  /// Symptoms to report between visits (knowledge base).
  public let symptoms: [KnowledgeFact]
  /// Where to find specialist centres, trials and support (knowledge base).
  public let support: [KnowledgeFact]
  /// The knowledge base the summary cites.
  public let knowledgeBase: KnowledgeBase

  /// Builds the summary for a case.
  ///
  /// - Parameters:
  ///   - facts: the case.
  ///   - label: free text shown at the top (for example "Fictional example"), escaped when rendered.
  ///   - treatmentEnd: when given, the follow-up plan and its timeline are included.
  ///   - today: the reference date of the plan's visit statuses.
  ///   - margin: the resection margin, for the treatment options.
  /// - Throws: ``StagingError`` as staging does (GIST is refused).
  public init(
    facts: CaseFacts, label: String? = nil, treatmentEnd: CalendarDate? = nil, today: CalendarDate? = nil,
    margin: ResectionMargin? = nil
  ) throws {
    let kb = try KnowledgeBase.shipped()
    self.label = label
    staging = try Staging.stage(facts)
    prognosis = try Prognosis.report(for: facts)
    options = try TreatmentOptions.report(for: facts, margin: margin)
    plan = try treatmentEnd.map { try FollowUp.plan(for: facts, treatmentEnd: $0, today: today) }
    schedule = try FollowUp.schedule(for: facts)
    let siteSymptoms: [String] =
      switch staging.siteGroup {
      case .uterineCorpus?: ["symptoms-uterus"]
      case .retroperitoneum?: ["symptoms-abdomen"]
      case .visceral?: ["symptoms-gi", "symptoms-abdomen"]
      case .trunkAndExtremities?, .headAndNeck?, .heartMediastinumPleura?, .cervix?, .otherGynaecologic?, .skin?,
        .bone?, .orbit?,
        .other?, nil:
        ["symptoms-limb"]
      }
    symptoms = try (siteSymptoms + ["symptoms-metastatic"]).map { try kb.fact($0) }
    support = try ["specialist-centres", "clinical-trials", "support-organisations", "living-with-lms"].map {
      try kb.fact($0)
    }
    knowledgeBase = kb
  }

  /// What the summary stage category means, in plain words.
  /// - Source: reference §6.1 (SEER Summary Stage 2018 labels) `[SEER-EOD]`.
  public static func meaning(ofSummaryStage category: SummaryStageCategory) -> String {
    switch category {
    case .localized: "Localized: the tumour is confined to the place where it started."
    case .regional: "Regional: the tumour has grown into nearby tissues or organs, or reached nearby lymph nodes."
    case .distant: "Distant: the cancer has spread to distant parts of the body or distant lymph nodes."
    case .unknown, .notComputed: "The extent of the cancer is not known from the information given."
    }
  }

  /// Questions a patient may want to ask their team (conversation prompts, not clinical facts).
  public static let questions = [
    "What are the stage and grade of my tumour, and what do they mean for me?",
    "Is my care planned by a sarcoma team at a specialist centre?",
    "Which treatments are you considering for me, and why?",
    "Was the tumour removed completely, and what did the margins show?",
    "How often will I have check-ups and scans, and what should make me call earlier?",
    "Is there a clinical trial I could join?",
    "Who can I contact with questions between visits?",
  ]

  /// Abbreviations used in the summary, explained.
  public static let glossary: [(term: String, meaning: String)] = [
    ("LMS", "Leiomyosarcoma, a cancer of smooth muscle."),
    ("AJCC", "American Joint Committee on Cancer, which publishes the TNM staging system."),
    ("TNM", "Tumour (T: size or extent), Nodes (N: spread to lymph nodes), Metastasis (M: spread to distant parts)."),
    ("FIGO", "International Federation of Gynecology and Obstetrics, whose system stages uterine cancers."),
    ("FNCLCC", "French Federation of Cancer Centres' sarcoma grading system (grades 1 to 3)."),
    ("SEER", "Surveillance, Epidemiology, and End Results program of the US National Cancer Institute."),
    ("Summary stage", "Localized, regional or distant: how far the cancer has spread."),
    ("Grade", "How abnormal the cancer cells look and how fast they divide."),
    ("R0 / R1 / R2", "Margins after surgery: no tumour left / microscopic tumour at the edge / visible tumour left."),
    ("CT / MRI", "Computed tomography / magnetic resonance imaging: types of scan."),
    ("GIST", "Gastrointestinal stromal tumour, a different disease from LMS."),
    (
      "ICD-O-3", "International Classification of Diseases for Oncology, third edition: codes for tumour type and site."
    ),
    ("NOS", "Not otherwise specified: no more detailed type was given."),
    ("ESS", "Endometrial stromal sarcoma, another uterine sarcoma staged with the same FIGO system."),
    (
      "Stage I–IV (IA, IB, IVA, …)",
      "Stage groups: higher numbers mean more extensive cancer; letters divide a stage further."
    ),
    ("T0–T4, N0/N1, M0/M1", "The TNM categories: for example N0 means no lymph-node spread and M0 no distant spread."),
    (
      "Site groups (UC, TE, RP, HN, AT, HM)",
      "Staging site groups: UC uterine corpus, TE trunk and extremities, RP retroperitoneum, HN head and neck, AT abdominal and thoracic visceral organs, HM heart, mediastinum and pleura."
    ),
    (
      "Summary-stage steps (L, RE, D, U; NONE, RN, NA)",
      "The categories SEER uses on the way to the summary stage: the primary tumour is L localized, RE regional by extension, D distant or U unknown; the lymph nodes NONE (none involved), RN regional nodes, D distant, U unknown or NA not applicable."
    ),
    ("NCI", "US National Cancer Institute."),
    ("ACS", "American Cancer Society."),
    ("ASCO", "American Society of Clinical Oncology (Cancer.Net)."),
    ("NORD", "National Organization for Rare Disorders."),
    ("GOG", "Gynecologic Oncology Group, a US research group that ran clinical trials."),
    ("EORTC", "European Organisation for Research and Treatment of Cancer."),
    (
      "ESMO / EURACAN",
      "European Society for Medical Oncology / European Reference Network for rare adult solid cancers."
    ),
    ("FDA", "US Food and Drug Administration, which approves medicines in the United States."),
    ("US", "United States."),
    ("LMS-04, SARC028", "Names of clinical trials whose results are quoted."),
  ]

  /// Every source key cited by the parts of the summary, in first-use order.
  public var sources: [String] {
    var keys: [String] = []
    let all =
      staging.results.flatMap(\.sources) + prognosis.figures.flatMap(\.sources)
      + prognosis.reportedByPatientMaterials.flatMap(\.sources) + prognosis.recurrence.flatMap(\.sources)
      + options.sources + schedule.sources + symptoms.flatMap(\.sources) + support.flatMap(\.sources)
    for key in all where !keys.contains(key) { keys.append(key) }
    return keys
  }

  /// The source as a reader knows it (kind, title, publisher, date, link), from the knowledge base.
  public func describe(source key: String) -> String {
    knowledgeBase.sources[key]?.reference ?? key
  }

  /// The citation key people see for `key` (never a file name).
  public func label(source key: String) -> String { knowledgeBase.label(forSource: key) }
}
