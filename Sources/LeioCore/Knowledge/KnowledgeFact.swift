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

/// A source of the knowledge base.
public struct KnowledgeSource: Sendable, Hashable, Codable {
  /// Name.
  public let name: String
  /// URL, DOI or file name.
  public let locator: String
}
