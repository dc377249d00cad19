import Foundation
public import LeioCore

/// Source keys turned into what a reader knows: the citation (kind, title, publisher, date) for a list under a
/// result, or the visible citation key (never a seed document's file name) where a short marker is wanted.
public enum SourceNames {
  /// The shipped knowledge base's register, or `nil` if it cannot be read (the keys are shown then).
  public static let register: KnowledgeBase? = try? KnowledgeBase.shipped()

  /// "Sources: …" with each key as its citation, separated by semicolons.
  public static func citations(_ keys: [String], in knowledgeBase: KnowledgeBase? = register) -> String {
    keys.map { knowledgeBase?.sources[$0]?.citation ?? $0 }.joined(separator: "; ")
  }

  /// The visible citation keys (labels), comma-separated.
  public static func labels(_ keys: [String], in knowledgeBase: KnowledgeBase? = register) -> String {
    keys.map { knowledgeBase?.label(forSource: $0) ?? $0 }.joined(separator: ", ")
  }
}
