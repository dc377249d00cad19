import Foundation
import Hummingbird
import HummingbirdTesting
import LeioServer
import Testing

@Suite("Web pages")
struct WebPageTests {
  static func call(_ method: HTTPRequest.Method, _ uri: String, form: String? = nil) async throws -> (
    status: Int, type: String, body: String
  ) {
    let app = Application(router: buildRouter())
    return try await app.test(.router) { client in
      try await client.execute(
        uri: uri, method: method, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: form.map { ByteBuffer(string: $0) }
      ) { response in
        (Int(response.status.code), response.headers[.contentType] ?? "", String(buffer: response.body))
      }
    }
  }

  @Test("the calculator form labels every control and works without JavaScript")
  func form() async throws {
    let page = try await Self.call(.get, "/")
    #expect(page.status == 200 && page.type.hasPrefix("text/html"))
    #expect(!page.body.contains("<script"))
    #expect(page.body.contains("<form method=\"post\" action=\"/\""))
    let ids = page.body.matches(of: /<(?:select|input) id="([A-Za-z]+)"/).map { String($0.1) }
    #expect(ids.count >= 18)
    for id in ids { #expect(page.body.contains("<label for=\"\(id)\">"), "\(id) has no label") }
    #expect(page.body.contains("<a class=\"skip\" href=\"#main\">") && page.body.contains("<main id=\"main\">"))
  }

  @Test("a case gives the stage of every system, the explanation and the care summary link")
  func result() async throws {
    let page = try await Self.call(
      .post, "/", form: "site=extremity&sizeCm=7.5&depth=deep&grade=G3&nodes=N0&metastasis=M0")
    #expect(page.status == 200)
    #expect(page.body.contains("data-system=\"ajcc7\">III<") && page.body.contains("data-system=\"ajcc8\">IIIA<"))
    #expect(page.body.contains("reference §2.2"))
    #expect(page.body.contains("action=\"/summary\"") && page.body.contains("name=\"sizeCm\" value=\"7.5\""))
    #expect(page.body.contains("value=\"G3\" selected"))
  }

  @Test(
    "errors appear beside the field that caused them",
    arguments: [
      ("site=extremity&sizeCm=abc", "sizeCm"), ("site=extremity&sizeCm=-3", "sizeCm"),
      ("site=extremity&uterineExtent=confined", "uterineExtent"),
      ("sizeCm=4", "site"), ("site=extremity&histology=%3Cscript%3E", "histology"),
      ("site=extremity&differentiationScore=1e300", "differentiationScore"),
      ("site=extremity&differentiationScore=1.5", "differentiationScore"),
      ("site=extremity&mitoticCount=-1", "mitoticCount"),
      ("site=extremity&necrosisPercent=nan", "necrosisPercent"),
      ("site=visceral&multifocalSites=2.5", "multifocalSites"),
    ])
  func fieldErrors(_ form: String, _ field: String) async throws {
    let page = try await Self.call(.post, "/", form: form)
    #expect(page.status == 422)
    #expect(page.body.contains("id=\"\(field)-error\""), "\(form)")
    #expect(page.body.contains("aria-invalid=\"true\""))
    #expect(page.body.contains("href=\"#\(field)\""))
    #expect(!page.body.contains("<script>"))
  }

  @Test("the FNCLCC components grade the case inside the calculator, with their steps")
  func componentsGrade() async throws {
    // conventional (2) + 25 mitoses per 10 HPF (3) + necrosis 60 % (2) = 7 ⇒ G3 (§5.1); T2b G3 ⇒ AJCC 7 stage III (§2.2).
    let page = try await Self.call(
      .post, "/",
      form:
        "site=extremity&sizeCm=7.5&depth=deep&subtype=conventional&mitoticCount=25&necrosisPercent=60&nodes=N0&metastasis=M0"
    )
    #expect(page.status == 200)
    #expect(page.body.contains("data-system=\"ajcc7\">III<"))
    #expect(page.body.contains("<td>G3</td>"))
    #expect(page.body.contains("name=\"mitoticCount\" value=\"25\""))
    let contradiction = try await Self.call(
      .post, "/", form: "site=extremity&grade=G1&subtype=conventional&mitoticCount=25&necrosisPercent=60")
    #expect(contradiction.status == 422 && contradiction.body.contains("id=\"grade-error\""))
  }

  @Test("the care summary opens from the calculator's fields")
  func summary() async throws {
    let page = try await Self.call(
      .post, "/summary", form: "site=uterus&sizeCm=9&uterineExtent=confined&cervixInvolved=true&nodes=N0&metastasis=M0")
    #expect(page.status == 200)
    #expect(page.body.contains("Leiomyosarcoma care summary") && page.body.contains("FIGO 2009"))
  }

  @Test("education pages from the knowledge base, with search")
  func learn() async throws {
    let index = try await Self.call(.get, "/learn")
    #expect(index.status == 200)
    for heading in [
      "What LMS is", "Symptoms", "Diagnosis", "Stages", "Treatment", "Follow-up", "Living with LMS and support",
    ] {
      #expect(index.body.contains(">\(heading)</h2>"), "\(heading)")
    }
    let search = try await Self.call(.get, "/learn?q=does%20it%20come%20back")
    #expect(search.body.contains("href=\"/learn/recurrence"))
    let fact = try await Self.call(.get, "/learn/survival-sts")
    #expect(fact.status == 200 && fact.body.contains("not independently verified"))
    #expect(try await Self.call(.get, "/learn/no-such-fact").status == 404)
  }
}

@Suite("Grade and plan pages")
struct ToolPageTests {
  @Test("the grade page computes FNCLCC and shows field errors")
  func grade() async throws {
    #expect(try await WebPageTests.call(.get, "/grade").status == 200)
    let good = try await WebPageTests.call(
      .post, "/grade", form: "subtype=conventional&mitoticCount=12&necrosisPercent=30")
    #expect(good.status == 200 && good.body.contains("id=\"grade-value\">G2<"))
    let bad = try await WebPageTests.call(.post, "/grade", form: "differentiationScore=5")
    #expect(
      bad.status == 422 && bad.body.contains("id=\"differentiationScore-error\"")
        && bad.body.contains("aria-invalid=\"true\""))
  }

  @Test("the plan page shows the timeline and offers the calendar download")
  func plan() async throws {
    let fields =
      "site=extremity&sizeCm=7&depth=deep&grade=G3&nodes=N0&metastasis=M0&treatmentEnd=2025-01-15&today=2026-11-23"
    let page = try await WebPageTests.call(.post, "/plan", form: fields)
    #expect(page.status == 200)
    #expect(
      page.body.contains("<svg") && page.body.contains("action=\"/plan.ics\"") && page.body.contains("2025-04-15"))
    let calendar = try await WebPageTests.call(.post, "/plan.ics", form: fields)
    #expect(
      calendar.status == 200 && calendar.type.hasPrefix("text/calendar") && calendar.body.hasPrefix("BEGIN:VCALENDAR"))
    let missing = try await WebPageTests.call(.post, "/plan", form: "site=extremity")
    #expect(missing.status == 422 && missing.body.contains("id=\"treatmentEnd-error\""))
  }
}

@Suite("Uterine criteria page")
struct ClassifyPageTests {
  @Test(
    "the check shows yes/no/indeterminate and always says it is not a diagnosis",
    arguments: [
      ("subtype=spindle&atypia=moderate&mitoticCount=12&necrosis=absent", "yes"),
      ("subtype=spindle&atypia=none&mitoticCount=15&necrosis=absent", "no"),
      ("subtype=spindle&atypia=moderate&mitoticCount=12&necrosis=equivocal", "indeterminate"),
    ])
  func check(_ form: String, _ met: String) async throws {
    let page = try await WebPageTests.call(.post, "/classify", form: form)
    #expect(page.status == 200)
    #expect(page.body.contains("id=\"criteria-value\">\(met)<"))
    #expect(page.body.contains("not a diagnosis"))
  }

  @Test("a bad count is shown beside its field")
  func error() async throws {
    let page = try await WebPageTests.call(.post, "/classify", form: "subtype=spindle&mitoticCount=-1")
    #expect(page.status == 422 && page.body.contains("id=\"mitoticCount-error\""))
  }
}
