import Foundation
import LeioCore
import Testing

@Suite("Knowledge base")
struct KnowledgeBaseTests {
  @Test("the shipped knowledge base loads: every fact sourced, every source cited and registered")
  func integrity() throws {
    let kb = try KnowledgeBase.shipped()
    #expect(kb.version == "kb-1")
    #expect(kb.facts.count >= 60)
    let cited = Set(kb.facts.flatMap { $0.sources + ($0.values ?? []).flatMap(\.sources) })
    #expect(cited == Set(kb.sources.keys))
    for fact in kb.facts {
      #expect(!fact.sources.isEmpty, "\(fact.id)")
      #expect(fact.section.hasPrefix("§"), "\(fact.id) section")
      #expect(["VERIFIED", "PARTIAL", "UNVERIFIED", "SEER-CHECKED"].contains(fact.status), "\(fact.id) status")
      if fact.conflict != nil { #expect((fact.values?.count ?? 0) >= 2, "\(fact.id) conflict needs every value") }
    }
  }

  @Test(
    "topics the issue names are covered",
    arguments: [
      "definition", "sites", "epidemiology", "symptoms", "risk-factors", "work-up", "leiomyoma-vs-lms", "metastasis",
      "recurrence", "treatment", "follow-up", "support", "prognosis",
    ])
  func topics(_ topic: String) throws {
    #expect(try KnowledgeBase.shipped().facts.contains { $0.topic == topic })
  }

  @Test(
    "search puts the right fact first",
    arguments: [
      ("does it come back", "recurrence"), ("fibroid after menopause", "fibroid-after-menopause"),
      ("pazopanib", "pazopanib"),
      ("is it inherited", "risk-"), ("GIST", "gist-not-lms"), ("CT scans for life", "follow-up-length"),
      ("can it be cured", "curability"), ("where does it spread", "metastatic-sites"),
      ("what does stage 4 mean", "stage-iv-meaning"),
      ("trabectedin approval", "trabectedin"), ("cutaneous leiomyosarcoma of the skin", "aismn"),
    ])
  func relevance(_ query: String, _ expectedPrefix: String) throws {
    let first = try #require(try KnowledgeBase.shipped().search(query).first)
    #expect(first.fact.id.hasPrefix(expectedPrefix), "\(query) → \(first.fact.id)")
  }

  @Test("audience filter and nonsense queries")
  func filters() throws {
    let kb = try KnowledgeBase.shipped()
    #expect(kb.search("chemotherapy", audience: "patient").allSatisfy { $0.fact.audience.contains("patient") })
    #expect(kb.search("zzzz qqqq").isEmpty)
    #expect(kb.search("the and of").isEmpty)
  }

  @Test("an UNVERIFIED value is shown only with the prescribed label (§0.1)")
  func unverifiedLabel() throws {
    let kb = try KnowledgeBase.shipped()
    let fact = try kb.fact("survival-sts")
    let seed = try #require(fact.values?.first { $0.status == "UNVERIFIED" })
    #expect(kb.label(seed).contains("not independently verified"))
    #expect(kb.label(seed).contains("reported by"))
    let verified = try #require(fact.values?.first { $0.status != "UNVERIFIED" })
    #expect(!kb.label(verified).contains("not independently verified"))
  }

  @Test("GIST figures never appear as LMS survival (P-3)")
  func noGISTSurvival() throws {
    let kb = try KnowledgeBase.shipped()
    for fact in kb.facts where fact.topic == "prognosis" {
      #expect(!(fact.values ?? []).contains { $0.value.contains("95 %") || $0.value.contains("GIST") }, "\(fact.id)")
    }
  }

  @Test(
    "a broken knowledge base is rejected",
    arguments: [
      (
        #"{"version":"x","statusLabels":{},"synonyms":{},"sources":{},"facts":[{"id":"a","topic":"t","audience":["patient"],"title":"t","text":"t","sources":[],"section":"§1","status":"VERIFIED","keywords":[]}]}"#,
        KnowledgeError.unsourced("a")
      ),
      (
        #"{"version":"x","statusLabels":{},"synonyms":{},"sources":{},"facts":[{"id":"a","topic":"t","audience":["patient"],"title":"t","text":"t","sources":["K"],"section":"§1","status":"VERIFIED","keywords":[]}]}"#,
        KnowledgeError.unknownSource(fact: "a", key: "K")
      ),
      (
        #"{"version":"x","statusLabels":{},"synonyms":{},"sources":{"K":{"kind":"k","title":"t"},"U":{"kind":"k","title":"t"}},"facts":[{"id":"a","topic":"t","audience":["patient"],"title":"t","text":"t","sources":["K"],"section":"§1","status":"VERIFIED","keywords":[]}]}"#,
        KnowledgeError.uncitedSource("U")
      ),
    ])
  func rejects(_ json: String, _ expected: KnowledgeError) {
    #expect(throws: expected) { try KnowledgeBase(json: Data(json.utf8)) }
  }

  @Test("unknown fact ids are a field-level error")
  func unknownID() throws {
    #expect(throws: StagingError.self) { try KnowledgeBase.shipped().fact("no-such-fact") }
  }
}

@Suite("One source register")
struct SourceRegisterTests {
  @Test("every source of the rule tables, prognosis figures, options and schedules is in the knowledge base's register")
  func register() throws {
    let kb = try KnowledgeBase.shipped()
    var keys = Set(try Staging.ruleTables().values.flatMap(\.sources))
    keys.formUnion(try Prognosis.allFigures().flatMap(\.sources))
    keys.formUnion(try TreatmentOptions.all().flatMap(\.sources))
    for key in keys.sorted() { #expect(kb.sources[key] != nil, "\(key)") }
  }

  @Test(
    "every source is named as a reader knows it: kind, title, publisher and date or 'not stated', never a file name")
  func sourcesByName() throws {
    let kb = try KnowledgeBase.shipped()
    let fileName = try Regex("[0-9a-f]{16}\\.txt")
    for (key, source) in kb.sources {
      #expect(!source.kind.isEmpty && !source.title.isEmpty, "\(key)")
      #expect(!source.reference.contains(fileName), "\(key)")
      #expect(!kb.label(forSource: key).contains(fileName), "\(key)")
      if let link = source.link { #expect(link.hasPrefix("https://") || link.hasPrefix("http://"), "\(key)") }
      #expect(source.citation.contains(source.publisher ?? "publisher not stated"), "\(key)")
      #expect(source.citation.contains(source.date ?? "date not stated"), "\(key)")
    }
    let verywell = try #require(kb.sources["002_112462c0315817a9.txt"])
    #expect(
      verywell.citation
        == "Patient-information page “Facing Treatment for Leiomyosarcoma”, Verywell Health (author Jennifer Welsh), date not stated"
    )
    #expect(kb.label(forSource: "002_112462c0315817a9.txt") == "VERYWELL-LMS")
    #expect(kb.label(forSource: "NCI-PDQ-STS") == "NCI-PDQ-STS")
  }
}
