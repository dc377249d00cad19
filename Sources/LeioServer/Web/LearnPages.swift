import Foundation
import Hummingbird
import LeioCore
import LeioReport

/// Patient-education pages generated from the knowledge base, with search.
enum LearnPages {
  static let topics: [(id: String, title: String)] = [
    ("definition", "What LMS is"), ("sites", "Where it grows"), ("symptoms", "Symptoms"),
    ("risk-factors", "Risk factors"),
    ("work-up", "Diagnosis"), ("leiomyoma-vs-lms", "Fibroids, STUMP and LMS"), ("staging", "Stages"),
    ("treatment", "Treatment"),
    ("follow-up", "Follow-up"), ("recurrence", "Recurrence"), ("prognosis", "Outlook"),
    ("support", "Living with LMS and support"),
  ]

  static func index(query: String?) throws -> Response {
    let kb = try KnowledgeBase.shipped()
    let escape = HTML.escape
    var body = "<form method=\"get\" action=\"/learn\" role=\"search\"><label for=\"q\">Search the facts</label>"
    body +=
      "<input id=\"q\" name=\"q\" type=\"search\" value=\"\(escape(query ?? ""))\" placeholder=\"does it come back\"> <button type=\"submit\">Search</button></form>"
    if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
      let hits = kb.search(query, audience: "patient", limit: 10)
      body += "<section aria-labelledby=\"results\"><h2 id=\"results\">Results for “\(escape(query))”</h2>"
      body +=
        hits.isEmpty
        ? "<p>No facts match.</p>"
        : "<ol>"
          + hits.map {
            "<li><a href=\"/learn/\(escape($0.fact.id))\">\(escape($0.fact.title))</a> — \(escape(String($0.fact.text.prefix(160))))…</li>"
          }.joined() + "</ol>"
      body += "</section>"
    }
    for topic in topics {
      let facts = kb.facts.filter { $0.topic == topic.id && $0.audience.contains("patient") }
      guard !facts.isEmpty else { continue }
      body += "<section><h2 id=\"\(topic.id)\">\(escape(topic.title))</h2>"
      body += facts.map {
        "<h3><a href=\"/learn/\(escape($0.id))\">\(escape($0.title))</a></h3><p>\(escape($0.text))</p>"
      }.joined()
      body += "</section>"
    }
    body +=
      "<p class=\"hint\">Knowledge base \(escape(kb.version)). General information from published sources; decisions about your care belong to your sarcoma team.</p>"
    return WebPage.page(title: "Learn about leiomyosarcoma", body: body)
  }

  static func fact(_ id: String) throws -> Response {
    let kb = try KnowledgeBase.shipped()
    let escape = HTML.escape
    guard let fact = try? kb.fact(id) else { throw Problem.status(.notFound, detail: "No fact with id '\(id)'.") }
    var body = "<p>\(escape(fact.text))</p>"
    if let values = fact.values {
      body +=
        "<h2>\(fact.conflict.map { "Sources differ (\(escape($0)))" } ?? "Values reported")</h2><ul>"
        + values.map { "<li>\(escape(kb.label($0)))</li>" }.joined() + "</ul>"
    }
    body +=
      "<h2>Sources</h2><ul>"
      + fact.sources.map { "<li>\(escape(kb.sources[$0]?.reference ?? $0))</li>" }
      .joined() + "</ul>"
    body +=
      "<p class=\"hint\">Reference \(escape(fact.section)); status \(escape(fact.status)). <a href=\"/learn\">All topics</a></p>"
    return WebPage.page(title: fact.title, body: body)
  }
}
