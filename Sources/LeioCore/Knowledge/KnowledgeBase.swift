public import Foundation

/// The versioned knowledge base shipped in `Resources/Knowledge`.
///
/// ```swift
/// let kb = try KnowledgeBase.shipped()
/// kb.search("does it come back").first?.fact.id  // "recurrence-…"
/// ```
/// ```
/// $ leio facts search "does it come back"
/// ```
/// - Source: reference §1, §5.4, §7–§11 and Appendix A; every fact names its section.
public struct KnowledgeBase: Sendable {
  /// Version of the knowledge base (`kb-1`), shown in reports.
  public let version: String
  /// Every fact.
  public let facts: [KnowledgeFact]
  /// The source register, by key.
  public let sources: [String: KnowledgeSource]
  /// Query expansions: a phrase and the terms it adds.
  public let synonyms: [String: [String]]
  /// Label for an UNVERIFIED value; `{source}` is replaced by its source names.
  public let unverifiedLabel: String
  let index: SearchIndex

  private struct Document: Decodable {
    let version: String
    let statusLabels: [String: String]
    let synonyms: [String: [String]]
    let sources: [String: KnowledgeSource]
    let facts: [KnowledgeFact]
  }

  /// Loads and checks a knowledge-base document.
  ///
  /// - Throws: ``KnowledgeError`` when a fact has no source, cites a source that
  ///   is not registered, an id repeats, or a registered source is cited by no fact.
  public init(json data: Data) throws {
    let document: Document
    do { document = try JSONDecoder().decode(Document.self, from: data) } catch {
      throw KnowledgeError.malformed(String(describing: error))
    }
    var ids = Set<String>()
    var cited = Set<String>()
    for fact in document.facts {
      guard ids.insert(fact.id).inserted else { throw KnowledgeError.duplicateID(fact.id) }
      guard !fact.sources.isEmpty else { throw KnowledgeError.unsourced(fact.id) }
      for key in fact.sources + (fact.values ?? []).flatMap(\.sources) {
        guard document.sources[key] != nil else { throw KnowledgeError.unknownSource(fact: fact.id, key: key) }
        cited.insert(key)
      }
      if let values = fact.values, values.contains(where: \.sources.isEmpty) { throw KnowledgeError.unsourced(fact.id) }
    }
    if let unused = document.sources.keys.sorted().first(where: { !cited.contains($0) }) {
      throw KnowledgeError.uncitedSource(unused)
    }
    version = document.version
    facts = document.facts
    sources = document.sources
    synonyms = document.synonyms
    unverifiedLabel = document.statusLabels["UNVERIFIED"] ?? "reported by {source}, not independently verified"
    index = SearchIndex(facts)
  }

  private static let loaded: Result<KnowledgeBase, KnowledgeError> = KnowledgeResource.data("knowledge-base").flatMap {
    data in
    do { return .success(try KnowledgeBase(json: data)) } catch let error as KnowledgeError {
      return .failure(error)
    } catch { return .failure(.malformed(String(describing: error))) }
  }

  /// The knowledge base shipped with LeioCore, loaded once.
  public static func shipped() throws -> KnowledgeBase { try loaded.get() }

  /// The fact with `id`.
  ///
  /// - Throws: ``StagingError/invalidValue(field:value:expected:)`` naming the
  ///   closest ids when there is none.
  public func fact(_ id: String) throws -> KnowledgeFact {
    if let fact = facts.first(where: { $0.id == id }) { return fact }
    let near = facts.map(\.id).filter { $0.contains(id) || id.contains($0) }.prefix(5)
    throw StagingError.invalidValue(
      field: "id", value: id, expected: near.isEmpty ? ["a fact id listed by 'leio facts search'"] : Array(near))
  }

  /// Facts ranked by BM25 relevance to `query` (best first), after stemming
  /// and synonym expansion; only facts for `audience` when given.
  public func search(_ query: String, audience: String? = nil, limit: Int = 10) -> [SearchHit] {
    var terms = SearchIndex.terms(query).map { (term: $0, weight: 1.0) }
    let lowered = query.lowercased()
    for (phrase, additions) in synonyms where lowered.contains(phrase) {
      terms += additions.flatMap(SearchIndex.terms).map { (term: $0, weight: Self.synonymWeight) }
    }
    return index.rank(terms, limit: facts.count)
      .filter { audience == nil || facts[$0.document].audience.contains(audience ?? "") }
      .prefix(limit)
      .map { SearchHit(fact: facts[$0.document], score: $0.score) }
  }

  /// Weight of a synonym expansion relative to the user's own words.
  static let synonymWeight = 0.5

  /// The citation key people see for `key`: the source's label, or the key itself.
  public func label(forSource key: String) -> String { sources[key]?.label ?? key }

  /// The display text of a value: UNVERIFIED values carry the prescribed label (§0.1).
  public func label(_ value: KnowledgeFact.Value) -> String {
    let names = value.sources.map { sources[$0]?.citation ?? $0 }.joined(separator: "; ")
    let period = value.period.map { " (\($0))" } ?? ""
    guard value.status == "UNVERIFIED" else { return "\(value.value)\(period) — \(names)" }
    return "\(value.value)\(period) — " + unverifiedLabel.replacingOccurrences(of: "{source}", with: names)
  }
}

/// A search result.
public struct SearchHit: Sendable, Hashable, Codable {
  /// The fact found.
  public let fact: KnowledgeFact
  /// BM25 score (higher is more relevant).
  public let score: Double
}

/// A broken knowledge base (never the user's input).
public enum KnowledgeError: Error, Sendable, Equatable, CustomStringConvertible {
  case malformed(String)
  case duplicateID(String)
  case unsourced(String)
  case unknownSource(fact: String, key: String)
  case uncitedSource(String)

  /// The value in words, as messages and pages show it.
  public var description: String {
    switch self {
    case .malformed(let detail): "knowledge base is malformed: \(detail)"
    case .duplicateID(let id): "knowledge base: fact id '\(id)' appears twice"
    case .unsourced(let id): "knowledge base: fact '\(id)' has no source"
    case .unknownSource(let fact, let key): "knowledge base: fact '\(fact)' cites unregistered source '\(key)'"
    case .uncitedSource(let key): "knowledge base: source '\(key)' is cited by no fact"
    }
  }
}
