import Foundation
import LeioCore
import LeioReport
import Testing

@Suite("Care summary")
struct CareSummaryTests {
  static func summary(label: String? = "Fictional example") throws -> CareSummary {
    var input = CaseInput()
    (
      input[text: .site], input[number: .sizeCm], input[text: .uterineExtent], input[text: .nodes],
      input[text: .metastasis]
    ) = ("uterus", 9, "confined", "N0", "M0")
    return try CareSummary(
      facts: try CaseFacts(input), label: label,
      treatmentEnd: try CalendarDate(parsing: "2025-06-30", field: "d"),
      today: try CalendarDate(parsing: "2026-11-23", field: "d"))
  }

  @Test("the HTML page has every section, is self-contained and has no scripts")
  func sections() throws {
    let html = CareSummaryHTML.render(try Self.summary())
    for heading in [
      "Diagnosis and stage", "Outlook: population figures", "Treatment options in the guidelines", "Follow-up schedule",
      "Symptoms that should prompt an earlier visit", "Questions to ask your care team", "Support", "Glossary",
      "Sources",
    ] {
      #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
    }
    #expect(html.contains("<svg") && html.contains("role=\"img\""))
    // Self-contained: no script, and no link or source outside the page (the empty data: icon stops a favicon request).
    #expect(!html.lowercased().contains("<script") && !html.contains(" src="))
    #expect(html.matches(of: /<link [^>]*>/).allSatisfy { $0.output.contains("href=\"data:") })
    #expect(html.contains("Educational information, not medical advice."))
    #expect(html.contains("Knowledge base kb-1"))
    #expect(html.contains("<dt>FNCLCC</dt>") && html.contains("<dt>TNM</dt>") && html.contains("<dt>FIGO</dt>"))
    #expect(html.contains("not independently verified"))
  }

  @Test("user-supplied text is escaped")
  func escaping() throws {
    let html = CareSummaryHTML.render(try Self.summary(label: "<script>alert('x')</script> & \"quotes\""))
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
  }

  @Test("the text version has the same sections and the disclaimer")
  func text() throws {
    let text = CareSummaryText.render(try Self.summary())
    for heading in [
      "DIAGNOSIS AND STAGE", "OUTLOOK: POPULATION FIGURES", "TREATMENT OPTIONS IN THE GUIDELINES", "FOLLOW-UP",
      "SYMPTOMS THAT SHOULD PROMPT AN EARLIER VISIT", "QUESTIONS TO ASK YOUR CARE TEAM", "SUPPORT", "GLOSSARY",
      "SOURCES",
    ] {
      #expect(text.contains(heading), "\(heading)")
    }
    #expect(text.contains("not medical advice"))
  }

  @Test("every source cited in the summary resolves to its citation; no seed file name is shown")
  func sources() throws {
    let summary = try Self.summary()
    #expect(!summary.sources.isEmpty)
    for key in summary.sources { #expect(summary.describe(source: key) != key, "\(key)") }
    let fileName = try Regex("[0-9a-f]{16}\\.txt")
    #expect(!CareSummaryHTML.render(summary).contains(fileName))
    #expect(!CareSummaryText.render(summary).contains(fileName))
  }
}

@Suite("Care summary readability")
struct CareSummaryReadabilityTests {
  @Test(
    "every abbreviation in the page is explained in the glossary (citation keys excepted)",
    arguments: ["uterus", "extremity", "retroperitoneum", "visceral"])
  func abbreviations(_ site: String) throws {
    var input = CaseInput()
    (input[text: .site], input[number: .sizeCm], input[text: .nodes], input[text: .metastasis]) = (site, 9, "N1", "M1")
    if site == "uterus" {
      input[text: .uterineExtent] = "confined"
    } else if site == "visceral" {
      input[text: .visceralExtent] = "serosa"
    } else {
      input[text: .grade] = "G2"
    }
    if site == "extremity" { input[text: .depth] = "deep" }
    let summary = try CareSummary(
      facts: try CaseFacts(input), treatmentEnd: try CalendarDate(parsing: "2025-06-30", field: "d"))
    let html = CareSummaryHTML.render(summary)
    let start = try #require(html.range(of: "<main>"))
    let end = try #require(html.range(of: "<h2>Glossary</h2>"))
    let body = String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(
      of: "<[^>]+>", with: " ", options: .regularExpression)
    let glossary = CareSummary.glossary.map(\.term).joined(separator: " ")
    let citation = Set(summary.sources)
    let pattern = try NSRegularExpression(pattern: "\\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\\b")
    let tokens = pattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).compactMap {
      Range($0.range, in: body).map { String(body[$0]) }
    }
    let stageLike = try NSRegularExpression(pattern: "^(I|II|III|IV)[A-C]?$|^[TNMG][0-4X][a-c]?$")
    let unexplained = Set(tokens).filter { token in
      !glossary.contains(token) && !citation.contains(token) && token != "CANCER"
        && stageLike.firstMatch(in: token, range: NSRange(token.startIndex..., in: token)) == nil
    }
    #expect(unexplained.isEmpty, "\(site): \(unexplained.sorted())")
  }
}
