import Foundation

/// One population survival figure, with everything the display rules require:
/// value, measure, population, period and source (reference §7.1 P-1).
public struct PrognosisFigure: Sendable, Hashable, Codable {
  /// Stable identifier.
  public let id: String
  /// `softTissueSarcoma` or `uterineLMS`.
  public let cohort: String
  /// `localized`, `regional`, `distant`, or `all` (not by stage).
  public let stage: String
  /// The value as the source gives it.
  public let value: String
  /// The period the figure covers.
  public let period: String
  /// Source keys (reference Appendix A).
  public let sources: [String]
  /// `VERIFIED`, `PARTIAL` or `UNVERIFIED`.
  public let status: String
  /// The measure when it is not five-year relative survival.
  public let measure: String?
}

/// Population figures for a case: its cohort and summary stage, survival rows,
/// recurrence facts and the caveats that always go with them.
public struct PrognosisReport: Sendable, Hashable, Codable {
  /// `softTissueSarcoma` or `uterineLMS`.
  public let cohort: String
  /// The population in words (P-1, P-2).
  public let population: String
  /// The case's summary stage category, or `unknown`.
  public let summaryStage: String
  /// Whether the summary stage was estimated (D-17).
  public let summaryStageEstimated: Bool
  /// Why all stages are shown, when the stage is unknown.
  public let note: String?
  /// Verified and partial figures.
  public let figures: [PrognosisFigure]
  /// Figures that patient materials report (UNVERIFIED), shown only with their label (P-4).
  public let reportedByPatientMaterials: [PrognosisFigure]
  /// Recurrence and timing facts from the knowledge base.
  public let recurrence: [KnowledgeFact]
  /// What the figures cannot say about one person.
  public let caveats: [String]
  /// Knowledge-base version.
  public let knowledgeBase: String
}

/// Population prognosis for a case.
///
/// ```
/// $ leio prognosis --input Examples/uterine-lms.json
/// ```
/// - Source: reference §7 (display rules P-1…P-5, D-18, D-19), §11 C-04 and C-11.
/// - Important: GIST is refused by staging before any figure is chosen (P-3);
///   figures are never turned into a prediction for one person.
public enum Prognosis {
  private struct Caveat: Decodable {
    let text: String
    /// The cohort the caveat is about; every cohort when absent.
    let cohort: String?
  }

  private struct Document: Decodable {
    let version: Int
    let caveats: [Caveat]
    let figures: [PrognosisFigure]
  }

  private static let loaded = KnowledgeResource.decode("prognosis", as: Document.self)

  /// Every figure of the table.
  public static func allFigures() throws -> [PrognosisFigure] { try loaded.get().figures }

  /// The figures for `facts`.
  ///
  /// - Throws: ``StagingError`` exactly as staging does (GIST is refused).
  public static func report(for facts: CaseFacts) throws -> PrognosisReport {
    let document = try loaded.get()
    let kb = try KnowledgeBase.shipped()
    let staging = try Staging.stageWithCurrentStandard(facts, explain: false)
    let uterine = staging.siteGroup == .uterineCorpus
    let cohort = uterine ? "uterineLMS" : "softTissueSarcoma"
    let code = staging.summaryStage.code
    let known = code != nil && code != .unknown
    let category = known ? staging.summaryStage.category.rawValue : SummaryStageCategory.unknown.rawValue
    let rows = document.figures.filter { $0.cohort == cohort && (!known || $0.stage == category || $0.stage == "all") }
    let recurrenceIDs =
      uterine ? ["recurrence-uterine", "recurrence-timing"] : ["recurrence-other", "recurrence-timing"]
    return PrognosisReport(
      cohort: cohort,
      population: uterine ? "uterine leiomyosarcoma" : "all soft tissue sarcoma types, not LMS-specific",
      summaryStage: category,
      summaryStageEstimated: staging.summaryStage.estimated,
      note: known
        ? nil : "The summary stage is unknown, so the figures for every stage are shown rather than guessing.",
      figures: rows.filter { $0.status != "UNVERIFIED" },
      reportedByPatientMaterials: rows.filter { $0.status == "UNVERIFIED" },
      recurrence: try recurrenceIDs.map { try kb.fact($0) },
      caveats: document.caveats.filter { $0.cohort == nil || $0.cohort == cohort }.map(\.text),
      knowledgeBase: kb.version)
  }
}
