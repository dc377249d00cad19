import ArgumentParser
import Foundation
import LeioCore

/// `leio facts`: the sourced knowledge base.
struct FactsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "facts",
    abstract: "Search and show the sourced LMS knowledge base.",
    subcommands: [Search.self, Show.self]
  )

  /// `leio facts search "QUERY"`.
  struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Ranked full-text search (BM25 with stemming) over the knowledge base.",
      discussion: """
        leio facts search "does it come back"
        leio facts search "fibroid after menopause" --audience patient
        leio facts search pazopanib --json
        """
    )
    @Argument(help: "Words to search for.") var query: String
    @Option(help: "Only facts for this audience: patient or clinician.") var audience: String?
    @Option(help: "At most this many results.") var limit = 5
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if let audience, !["patient", "clinician"].contains(audience) {
        throw ValidationError("--audience must be patient or clinician.")
      }
      guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
      let kb = try reportingErrors { try KnowledgeBase.shipped() }
      let hits = kb.search(query, audience: audience, limit: limit)
      if output.json { return Console.print(try Console.json(hits)) }
      guard !hits.isEmpty else { return Console.print("No facts match \"\(query)\".") }
      Console.print(hits.map { FactRenderer.text($0.fact, kb, brief: true) }.joined(separator: "\n\n"))
    }
  }

  /// `leio facts show ID`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one fact with all its values and sources.",
      discussion: "leio facts show recurrence-timing"
    )
    @Argument(help: "Fact id, as listed by 'leio facts search'.") var id: String
    @OptionGroup var output: OutputOptions

    func run() throws {
      let (kb, fact) = try reportingErrors { () throws -> (KnowledgeBase, KnowledgeFact) in
        let kb = try KnowledgeBase.shipped()
        return (kb, try kb.fact(id))
      }
      if output.json { return Console.print(try Console.json(fact)) }
      Console.print(FactRenderer.text(fact, kb, brief: false))
    }
  }
}

/// Plain-text layout of a fact; derives nothing.
enum FactRenderer {
  static func text(_ fact: KnowledgeFact, _ kb: KnowledgeBase, brief: Bool) -> String {
    var lines = ["\(fact.title)  [\(fact.id)]", fact.text]
    if let values = fact.values {
      lines.append(fact.conflict.map { "Sources differ (\($0)):" } ?? "Values reported:")
      lines += values.map { "  • " + kb.label($0) }
    }
    if brief {
      lines.append(
        "Sources: " + fact.sources.map(kb.label(forSource:)).joined(separator: ", ") + "  (reference \(fact.section))")
    } else {
      lines.append(
        "Reference: \(fact.section), status \(fact.status); audience: \(fact.audience.joined(separator: ", "))")
      lines.append("Sources:")
      lines += fact.sources.map { key in
        "  [\(kb.label(forSource: key))] \(kb.sources[key]?.reference ?? key)"
      }
      lines.append("Knowledge base \(kb.version). " + TextRenderer.disclaimer)
    }
    return lines.joined(separator: "\n")
  }
}
