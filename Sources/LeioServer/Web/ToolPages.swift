import Foundation
import Hummingbird
import LeioCore
import LeioReport

/// The FNCLCC grade calculator and the follow-up plan page.
enum ToolPages {
  static let escape = HTML.escape

  static func input(
    _ name: String, _ label: String, _ hint: String, _ form: FormBody, error: StagingError?, select: [String]? = nil,
    type: String = "text"
  ) -> String {
    Controls.labelled(
      name, label, value: form[name], message: error?.field == name ? error?.description : nil, hint: hint,
      options: select, type: type)
  }

  static func number(_ form: FormBody, _ name: String) throws(StagingError) -> Double? {
    try CaseForm.number(form, name, expected: "a number")
  }

  /// `GET/POST /grade`.
  static func grade(_ form: FormBody?) -> Response {
    var result: FNCLCCResult?
    var error: StagingError?
    let values = form ?? FormBody("")
    if form != nil {
      do throws(StagingError) {
        let score = try CaseForm.whole(values, "differentiationScore", expected: "a whole number 1, 2 or 3")
        let components = FNCLCCInput(
          differentiationScore: score, subtype: values["subtype"], mitoticCount: try number(values, "mitoticCount"),
          mitoticAreaMm2: try number(values, "mitoticAreaMm2"), necrosis: values["necrosis"],
          necrosisPercent: try number(values, "necrosisPercent"))
        do { result = try FNCLCCGrading.grade(components) } catch let failure as StagingError { throw failure } catch {
          throw StagingError.invalidValue(field: "fnclcc", value: "", expected: ["valid FNCLCC components"])
        }
      } catch let failure { error = failure }
    }
    var body =
      "<p class=\"banner\">FNCLCC grade of a soft tissue sarcoma outside the uterus. A missing component gives GX; nothing is imputed.</p>"
    if let error {
      body +=
        "<div role=\"alert\" class=\"result\"><a href=\"#\(escape(error.field))\">\(escape(error.description))</a></div>"
    }
    body += "<form method=\"post\" action=\"/grade\"><fieldset><legend>Components</legend>"
    body += input(
      "subtype", "LMS subtype", "Gives the differentiation score (myxoid and NOS need the pathologist's score).",
      values, error: error, select: LMSSubtype.allCases.map(\.rawValue))
    body += input(
      "differentiationScore", "Differentiation score (1–3)", "From the pathology report, if given.", values,
      error: error)
    body += input(
      "mitoticCount", "Mitoses counted", "Per 10 high-power fields, or in the area below.", values, error: error)
    body += input(
      "mitoticAreaMm2", "Counting area (mm²)", "Optional; the count is normalised to 1.734 mm².", values, error: error)
    body += input(
      "necrosis", "Necrosis", "Or give the percentage below.", values, error: error,
      select: NecrosisExtent.allCases.map(\.rawValue))
    body += input("necrosisPercent", "Necrosis (% of tumour)", "0 to 100.", values, error: error)
    body += "</fieldset><button type=\"submit\">Grade</button></form>"
    if let result {
      body +=
        "<section class=\"result\" aria-labelledby=\"grade-result\"><h2 id=\"grade-result\">FNCLCC grade: <span class=\"stage\" id=\"grade-value\">\(escape(result.grade.rawValue))</span></h2>"
      body += RuleStepList.html(result.steps).rendered
      body += result.warnings.map { "<p class=\"hint\">⚠ \(escape($0.message))</p>" }.joined() + "</section>"
    }
    var response = WebPage.page(title: "FNCLCC grade", body: body)
    if error != nil { response.status = .unprocessableContent }
    return response
  }

  /// `GET/POST /plan`: the calculator's case fields plus the plan dates; timeline and calendar download.
  static func plan(_ form: FormBody?) -> Response {
    let values = form ?? FormBody("")
    var plan: FollowUpPlan?
    var problem: StagingError?
    if form != nil {
      do {
        guard let end = values["treatmentEnd"] else {
          throw StagingError.missingValue(
            field: "treatmentEnd", message: "give the end date of primary treatment (YYYY-MM-DD).")
        }
        plan = try FollowUp.plan(
          for: try CaseFacts(try CaseForm.caseInput(values)),
          treatmentEnd: try CalendarDate(parsing: end, field: "treatmentEnd"),
          today: try values["today"].map { try CalendarDate(parsing: $0, field: "today") } ?? CalendarDate.today(),
          lastVisit: try values["lastVisit"].map { try CalendarDate(parsing: $0, field: "lastVisit") })
      } catch let failure as StagingError { problem = failure } catch {
        problem = .invalidValue(field: "form", value: "", expected: ["valid input"])
      }
    }
    var body = "<p class=\"banner\">A typical guideline-based follow-up schedule; your team may differ.</p>"
    if let problem {
      body +=
        "<div role=\"alert\" class=\"result\"><a href=\"#\(escape(problem.field))\">\(escape(problem.description))</a></div>"
    }
    body += "<form method=\"post\" action=\"/plan\"><fieldset><legend>Dates</legend>"
    body += input("treatmentEnd", "End of primary treatment", "YYYY-MM-DD", values, error: problem, type: "date")
    body += input("today", "Today", "YYYY-MM-DD; empty = today.", values, error: problem, type: "date")
    body += input(
      "lastVisit", "Last follow-up visit that took place", "YYYY-MM-DD; optional, marks overdue visits.", values,
      error: problem, type: "date")
    body += "</fieldset>"
    for group in CaseForm.fieldsets.prefix(2) {
      body +=
        "<fieldset><legend>\(escape(group.legend))</legend>"
        + group.items.map { CaseForm.field($0, form: values, error: problem?.field == $0.name ? problem : nil) }
        .joined() + "</fieldset>"
    }
    body += "<button type=\"submit\">Show the plan</button></form>"
    if let plan {
      body +=
        "<section class=\"result\" aria-labelledby=\"plan-title\"><h2 id=\"plan-title\">\(escape(plan.riskGroupLabel))</h2><p>\(escape(plan.reason))</p>"
      body += FollowUpTimeline.svg(plan)
      body +=
        "<table><caption>Visits</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Tests</th><th scope=\"col\">Status</th></tr></thead><tbody>"
      body += plan.visits.map {
        "<tr><td>\($0.date)</td><td>\(escape($0.tests.joined(separator: "; ")))</td><td>\(escape($0.status?.rawValue ?? ""))</td></tr>"
      }.joined()
      body += "</tbody></table><p class=\"hint\">\(escape(plan.endRule))</p><form method=\"post\" action=\"/plan.ics\">"
      for (key, list) in values.values.sorted(by: { $0.key < $1.key }) {
        for value in list where !value.isEmpty {
          body += "<input type=\"hidden\" name=\"\(escape(key))\" value=\"\(escape(value))\">"
        }
      }
      body += "<button type=\"submit\">Download the calendar (.ics)</button></form></section>"
    }
    var response = WebPage.page(title: "Follow-up plan", body: body)
    if problem != nil { response.status = .unprocessableContent }
    return response
  }

  /// `POST /plan.ics` from the plan form.
  static func calendar(_ form: FormBody) throws -> Response {
    guard let end = form["treatmentEnd"] else {
      throw StagingError.missingValue(field: "treatmentEnd", message: "give the end date of primary treatment.")
    }
    let plan = try FollowUp.plan(
      for: try CaseFacts(try CaseForm.caseInput(form)),
      treatmentEnd: try CalendarDate(parsing: end, field: "treatmentEnd"),
      today: try form["today"].map { try CalendarDate(parsing: $0, field: "today") } ?? CalendarDate.today(),
      lastVisit: try form["lastVisit"].map { try CalendarDate(parsing: $0, field: "lastVisit") })
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"follow-up.ics\"",
      ],
      body: .init(byteBuffer: ByteBuffer(string: ICalendar.calendar(plan, stamp: plan.today ?? plan.treatmentEnd))))
  }
}

extension ToolPages {
  /// `GET/POST /classify`: the WHO uterine criteria check — a checklist, never a diagnosis.
  static func classify(_ form: FormBody?) -> Response {
    let values = form ?? FormBody("")
    var check: CriteriaCheck?
    var problem: StagingError?
    if form != nil {
      do throws(StagingError) {
        let criteria = UterineCriteriaInput(
          subtype: values["subtype"], atypia: values["atypia"], mitoticCount: try number(values, "mitoticCount"),
          mitoticAreaMm2: try number(values, "mitoticAreaMm2"), necrosis: values["necrosis"], border: values["border"])
        do { check = try UterineCriteria.check(criteria) } catch let failure as StagingError { throw failure } catch {
          throw StagingError.invalidValue(field: "criteria", value: "", expected: ["valid criteria"])
        }
      } catch let failure { problem = failure }
    }
    var body =
      "<p class=\"banner\">Criteria check for uterine smooth-muscle tumours from the pathologist's findings. It is a checklist, not a diagnosis.</p>"
    if let problem {
      body +=
        "<div role=\"alert\" class=\"result\"><a href=\"#\(escape(problem.field))\">\(escape(problem.description))</a></div>"
    }
    body += "<form method=\"post\" action=\"/classify\"><fieldset><legend>Findings</legend>"
    body += input(
      "subtype", "Subtype", "spindle, epithelioid or myxoid (mixed or unknown gives indeterminate).", values,
      error: problem, select: UterineSubtype.allCases.map(\.rawValue))
    body += input(
      "atypia", "Cytological atypia", "Moderate or severe counts as a feature.", values, error: problem,
      select: Atypia.allCases.map(\.rawValue))
    body += input(
      "mitoticCount", "Mitoses per 10 HPF", "High-power fields of about 0.24 mm², or give the area below.", values,
      error: problem)
    body += input(
      "mitoticAreaMm2", "Counting area (mm²)", "Optional; the count is normalised to 2.4 mm².", values, error: problem)
    body += input(
      "necrosis", "Tumour-cell necrosis", "Equivocal gives indeterminate.", values, error: problem,
      select: NecrosisFinding.allCases.map(\.rawValue))
    body += input(
      "border", "Tumour border", "Infiltrative supports myxoid LMS.", values, error: problem,
      select: TumourBorder.allCases.map(\.rawValue))
    body += "</fieldset><button type=\"submit\">Check the criteria</button></form>"
    if let check {
      body +=
        "<section class=\"result\" aria-labelledby=\"criteria-result\"><h2 id=\"criteria-result\">LMS criteria met: <span class=\"stage\" id=\"criteria-value\">\(escape(check.criteriaMet))</span></h2>"
      body += "<p>\(escape(check.summary))</p><p><strong>\(escape(check.label))</strong></p>"
      body += RuleStepList.html(check.steps).rendered
      body += check.warnings.map { "<p class=\"hint\">⚠ \(escape($0.message))</p>" }.joined() + "</section>"
    }
    var response = WebPage.page(title: "Uterine smooth-muscle tumour criteria", body: body)
    if problem != nil { response.status = .unprocessableContent }
    return response
  }
}
