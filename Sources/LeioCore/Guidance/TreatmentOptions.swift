import Foundation

/// The clinical situation treatment options are listed for.
/// - Source: reference §8.1–§8.5.
public enum TreatmentSituation: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case localized, unresectable, metastatic, recurrent
}

/// Residual tumour after surgery.
/// - Source: reference §8.1 R classification `[RADIOPAEDIA-R]` `[WITTEKIND-2009]`.
public enum ResectionMargin: String, ClinicalCode {
  /// The spellings this code is parsed from.
  public static let spellings = CodeSpellings<Self>()
  case rx = "RX", r0 = "R0", r1 = "R1", r2 = "R2"
}

/// One treatment option as the reference describes it.
public struct TreatmentOption: Sendable, Hashable, Codable {
  /// Conditions beyond site and situation (e.g. small low-grade tumours).
  public struct Requirements: Sendable, Hashable, Codable {
    /// Grades the option requires, when it requires some.
    public let grades: [String]?
    /// Largest size the option applies to, in cm, when limited.
    public let maxSizeCm: Double?
  }

  /// Stable identifier.
  public let id: String
  /// Title.
  public let title: String
  /// What it is, in plain language.
  public let what: String
  /// When it is used.
  public let when: String
  /// The situations the option is listed for.
  public let situations: [TreatmentSituation]
  /// Site groups (`TE`, `RP`, `UC`, …); every site when absent.
  public let sites: [String]?
  /// Margins after surgery for which the option is listed; any when absent.
  public let margins: [ResectionMargin]?
  /// What the case must have for the option to apply.
  public let requires: Requirements?
  /// US approval wording exactly as the reference gives it (D-22).
  public let approval: String?
  /// Where sources disagree, said plainly (never resolved silently).
  public let conflict: String?
  /// Source keys (reference Appendix A).
  public let sources: [String]
  /// Section of the clinical reference.
  public let section: String
  /// Verification status of the source (`VERIFIED`, `PARTIAL`, `UNVERIFIED`).
  public let status: String
}

/// The options listed for a case, never ranked, with the trial and centre pointers.
public struct TreatmentOptionsReport: Sendable, Hashable, Codable {
  /// The mandatory banner (D-20).
  public let banner: String
  /// The situation the options are for.
  public let situation: TreatmentSituation
  /// The case's site group (§1.4).
  public let siteGroup: SiteGroup?
  /// The resection margin, when given.
  public let margin: ResectionMargin?
  /// In the reference's order; the order is not a ranking.
  public let options: [TreatmentOption]
  /// Where to look for clinical trials.
  public let clinicalTrials: String
  /// Why and how to find a sarcoma centre.
  public let sarcomaCentres: String
  /// Notes that apply to the whole list.
  public let notes: [String]
  /// Source keys (reference Appendix A).
  public let sources: [String]
}

/// Treatment options for a case's situation (educational; never a recommendation).
///
/// ```
/// $ leio options --input Examples/extremity-lms.json --margin R1
/// ```
/// - Source: reference §8 (D-20 banner and no ranking; D-22 approval wording, no NCCN categories).
public enum TreatmentOptions {
  private struct Pointers: Decodable {
    let trials: String
    let trialSources: [String]
    let centres: String
    let centreSources: [String]
    let banner: String
  }

  private struct Document: Decodable {
    let pointers: Pointers
    let options: [TreatmentOption]
  }

  private static let loaded = KnowledgeResource.decode("treatment-options", as: Document.self)

  /// Every option of the table.
  public static func all() throws -> [TreatmentOption] { try loaded.get().options }

  /// The options for `facts`.
  ///
  /// - Parameters:
  ///   - facts: the case.
  ///   - requested: overrides the situation derived from the case (M1 ⇒ metastatic, otherwise localized).
  ///   - margin: the margin after surgery, for localized disease.
  /// - Throws: ``StagingError`` as staging does, or when a margin is given for a
  ///   situation other than localized, or M1 contradicts a localized situation.
  public static func report(
    for facts: CaseFacts, situation requested: TreatmentSituation? = nil,
    margin: ResectionMargin? = nil
  ) throws -> TreatmentOptionsReport {
    let document = try loaded.get()
    let staging = try Staging.stageWithCurrentStandard(facts, explain: false)
    let derived: TreatmentSituation = facts.metastasis == .m1 ? .metastatic : .localized
    if requested == .localized, facts.metastasis == .m1 {
      throw StagingError.inconsistent(field: "situation", message: "'localized' contradicts metastasis M1.")
    }
    let situation = requested ?? derived
    if margin != nil, situation != .localized {
      throw StagingError.inconsistent(
        field: "margin",
        message: "a resection margin applies to localized, resected disease, not to '\(situation.rawValue)'.")
    }
    let group = staging.siteGroup?.rawValue
    var notes: [String] = []
    if situation == .localized, margin == nil {
      notes.append("Give the margin after surgery (R0, R1, R2) to see the options that depend on it.")
    }
    let options = document.options.filter { option in
      guard option.situations.contains(situation) else { return false }
      if let sites = option.sites, !(group.map(sites.contains) ?? false) { return false }
      if let margins = option.margins, !(margin.map(margins.contains) ?? false) { return false }
      if let requires = option.requires {
        if let grades = requires.grades, !(facts.grade.map { grades.contains($0.rawValue) } ?? false) { return false }
        if let limit = requires.maxSizeCm, !(facts.sizeCm.map { $0 <= limit } ?? false) { return false }
      }
      return true
    }
    var sources: [String] = []
    for key in options.flatMap(\.sources) + document.pointers.trialSources + document.pointers.centreSources
    where !sources.contains(key) {
      sources.append(key)
    }
    return TreatmentOptionsReport(
      banner: document.pointers.banner, situation: situation, siteGroup: staging.siteGroup, margin: margin,
      options: options, clinicalTrials: document.pointers.trials, sarcomaCentres: document.pointers.centres,
      notes: notes, sources: sources)
  }
}
