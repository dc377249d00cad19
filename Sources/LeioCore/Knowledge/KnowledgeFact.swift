import Foundation

/// One sourced statement about leiomyosarcoma, written in plain language for
/// this project from the clinical reference.
///
/// Where sources disagree, `values` holds every value with its own sources
/// and status, never one silently chosen (reference §11, D-26).
public struct KnowledgeFact: Sendable, Hashable, Codable {
  /// A value reported by some sources, with its period and status.
  public struct Value: Sendable, Hashable, Codable {
    /// The value as the source gives it.
    public let value: String
    /// Source keys (reference Appendix A).
    public let sources: [String]
    /// `VERIFIED`, `PARTIAL` or `UNVERIFIED` (reference §0.1).
    public let status: String
    /// The period the figure covers.
    public let period: String?
  }

  /// Stable identifier (`recurrence-timing`).
  public let id: String
  /// Topic (`definition`, `symptoms`, `risk-factors`, `treatment`, …).
  public let topic: String
  /// `patient`, `clinician` or both.
  public let audience: [String]
  /// Title.
  public let title: String
  /// The fact in plain words.
  public let text: String
  /// Source keys (reference Appendix A) or seed file names.
  public let sources: [String]
  /// The clinical-reference section.
  public let section: String
  /// The reference's status tag for the statement.
  public let status: String
  /// Extra search terms.
  public let keywords: [String]
  /// Competing values with their sources, when sources disagree.
  public let values: [Value]?
  /// The conflict id of reference §11 (`C-04`), if any.
  public let conflict: String?
}

/// A source of the knowledge base, described as a reader knows it: what kind of document, its title, who published
/// it, when, and where to find it. The key that cites it stays internal (a seed document's key is a file name, which
/// is never shown: it has a ``label`` instead).
///
/// - Source: reference Appendix A (source register).
public struct KnowledgeSource: Sendable, Hashable, Codable {
  /// The citation key people see, where it differs from the internal key (the seed documents).
  public let label: String?
  /// The kind of document ("Patient-information page", "Journal article", "Clinical practice guideline", …).
  public let kind: String
  /// Its title (with authors where the register names them).
  public let title: String
  /// Who published it; `nil` when the source does not say.
  public let publisher: String?
  /// The year or period; `nil` when the source does not say.
  public let date: String?
  /// A web address or DOI link, where one exists.
  public let link: String?
  /// How it was read, or a caveat ("read from a copy on scribd.com", "abstract only").
  public let note: String?

  /// One line a reader can act on: kind, title, publisher and date, saying so where they are not stated.
  ///
  /// `Patient-information page “Facing Treatment for Leiomyosarcoma”, Verywell Health (author Jennifer Welsh), date
  /// not stated`
  public var citation: String {
    "\(kind) “\(title)”, \(publisher ?? "publisher not stated"), \(date ?? "date not stated")"
  }

  /// The citation with its note and link: `… — https://…`.
  public var reference: String {
    citation + (note.map { " (\($0))" } ?? "") + (link.map { " — \($0)" } ?? "")
  }
}
