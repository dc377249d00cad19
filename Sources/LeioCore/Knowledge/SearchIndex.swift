import Foundation

/// An Okapi BM25 index over the facts' title (counted three times), keywords
/// (twice), topic and text.
///
/// BM25 with k1 = 1.2 and b = 0.75 (Robertson & Zaragoza, "The Probabilistic
/// Relevance Framework: BM25 and Beyond", 2009); terms are lower-cased, stop
/// words dropped and suffixes stripped by ``stem(_:)``.
struct SearchIndex: Sendable {
  private let postings: [String: [(document: Int, frequency: Int)]]
  private let lengths: [Int]
  private let averageLength: Double
  static let k1 = 1.2
  static let b = 0.75

  init(_ facts: [KnowledgeFact]) {
    var postings: [String: [(Int, Int)]] = [:]
    var lengths: [Int] = []
    for (document, fact) in facts.enumerated() {
      let keywords = fact.keywords.joined(separator: " ")
      let text = [fact.title, fact.title, fact.title, keywords, keywords, fact.topic, fact.text].joined(separator: " ")
      let terms = Self.terms(text)
      lengths.append(terms.count)
      var counts: [String: Int] = [:]
      for term in terms { counts[term, default: 0] += 1 }
      for (term, count) in counts { postings[term, default: []].append((document, count)) }
    }
    self.postings = postings
    self.lengths = lengths
    averageLength = lengths.isEmpty ? 1 : Double(lengths.reduce(0, +)) / Double(lengths.count)
  }

  /// Documents with a positive score, best first (ties by document order).
  ///
  /// - Parameter query: terms with weights (1 for the user's words, less for
  ///   synonym expansions); a repeated term keeps its highest weight.
  func rank(_ query: [(term: String, weight: Double)], limit: Int) -> [(document: Int, score: Double)] {
    var scores: [Int: Double] = [:]
    let total = Double(lengths.count)
    var weights: [String: Double] = [:]
    for (term, weight) in query { weights[term] = max(weights[term] ?? 0, weight) }
    for (term, weight) in weights {
      guard let list = postings[term] else { continue }
      let idf = log(1 + (total - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
      for (document, frequency) in list {
        let tf = Double(frequency)
        let norm =
          tf * (Self.k1 + 1) / (tf + Self.k1 * (1 - Self.b + Self.b * Double(lengths[document]) / averageLength))
        scores[document, default: 0] += weight * idf * norm
      }
    }
    var ranked: [(document: Int, score: Double)] = scores.map { entry in (document: entry.key, score: entry.value) }
    ranked.sort { left, right in
      if left.score != right.score { return left.score > right.score }
      return left.document < right.document
    }
    return Array(ranked.prefix(limit))
  }

  static let stopWords: Set<String> = [
    "a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "is", "it", "its", "are", "be", "was", "were", "do",
    "does", "did", "can", "my", "i", "me", "you", "your", "what", "how", "with", "at", "by", "as", "this", "that",
    "there", "about", "from", "which", "who", "will", "not", "no", "than", "then", "after",
  ]

  /// Lower-cased, stemmed terms of `text`, without stop words.
  static func terms(_ text: String) -> [String] {
    text.lowercased().split { !($0.isLetter || $0.isNumber) }
      .map(String.init).filter { !stopWords.contains($0) }.map(stem)
  }

  /// A light suffix-stripping stemmer (plural, -ing, -ed, -ly, -ation, -ous…),
  /// applied alike to documents and queries so that "recurs", "recurring" and
  /// "recurrence" meet.
  static func stem(_ word: String) -> String {
    guard word.count > 4 else {
      return word.hasSuffix("s") && word.count > 3 && !word.hasSuffix("ss") ? String(word.dropLast()) : word
    }
    for (suffix, replacement) in [
      ("ational", "ate"), ("ization", "ize"), ("ences", ""), ("ence", ""), ("ances", ""), ("ance", ""),
      ("ation", ""), ("ments", ""), ("ment", ""), ("ness", ""), ("ously", ""), ("ous", ""),
      ("ities", ""), ("ity", ""), ("ies", "y"), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", ""),
      ("al", ""), ("es", ""), ("s", ""),
    ]
    where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
      if suffix == "s", word.hasSuffix("ss") { continue }
      return String(word.dropLast(suffix.count)) + replacement
    }
    return word
  }
}
