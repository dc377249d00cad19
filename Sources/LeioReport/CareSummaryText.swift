import Foundation
public import LeioCore

/// The care summary as plain text, with the same sections as the HTML page.
public enum CareSummaryText {
  /// The care summary as plain text (sections in the same order as the page).
  public static func render(_ summary: CareSummary) -> String {
    var lines = ["LEIOMYOSARCOMA CARE SUMMARY"]
    if let label = summary.label { lines.append(label) }
    lines += ["Educational information, not medical advice. Discuss every part of it with your care team.", ""]
    lines.append("DIAGNOSIS AND STAGE")
    if let group = summary.staging.siteGroup { lines.append("Site: \(group.title)") }
    let stage = summary.staging.summaryStage
    lines.append("Summary stage: \(stage.category.rawValue)" + (stage.estimated ? " (estimated)" : ""))
    lines.append(CareSummary.meaning(ofSummaryStage: stage.code == .unknown ? .unknown : stage.category))
    lines += SummaryStageView.textLines(stage, indent: "  ", steps: true)
    for result in summary.staging.results {
      let categories = [result.t?.rawValue, result.n?.rawValue, result.m?.rawValue, result.grade?.rawValue].compactMap {
        $0
      }.joined(separator: " ")
      lines.append(
        "- \(result.systemLabel): \(categories) → \(result.status == .noGroupDefined ? "no stage group" : result.stageGroup.rawValue)"
      )
      lines += RuleStepList.text(result.steps, numbered: false, indent: "    ")
      lines += result.warnings.map { "    ! \($0.message)" }
    }
    lines += ["", "OUTLOOK: POPULATION FIGURES (\(summary.prognosis.population))"]
    if let note = summary.prognosis.note { lines.append(note) }
    lines += summary.prognosis.figures.map {
      "- \($0.stage): \($0.value), \($0.measure ?? "5-year relative survival"), \($0.period) [\($0.sources.map(summary.label(source:)).joined(separator: ", "))]"
    }
    for figure in summary.prognosis.reportedByPatientMaterials {
      let names = figure.sources.map { summary.knowledgeBase.sources[$0]?.citation ?? $0 }.joined(separator: "; ")
      lines.append(
        "- What patient materials report: \(figure.stage) \(figure.value) — "
          + summary.knowledgeBase.unverifiedLabel.replacingOccurrences(of: "{source}", with: names))
    }
    lines += summary.prognosis.recurrence.map { "- \($0.title): \($0.text)" }
    lines += summary.prognosis.caveats.map { "  Note: \($0)" }
    lines += ["", "TREATMENT OPTIONS IN THE GUIDELINES (in no order of preference)", summary.options.banner]
    lines += summary.options.options.map { "- \($0.title): \($0.what)" + ($0.approval.map { " (\($0))" } ?? "") }
    lines.append(summary.options.clinicalTrials)
    lines += ["", "FOLLOW-UP"]
    if let plan = summary.plan {
      lines.append("\(plan.riskGroupLabel). \(plan.label)")
      lines += plan.visits.map {
        "- \($0.date) (month \($0.month)): \($0.tests.joined(separator: "; "))\($0.status.map { " [\($0)]" } ?? "")"
      }
      lines.append(plan.endRule)
    } else {
      let schedule = summary.schedule
      lines.append("\(schedule.riskGroupLabel). \(schedule.label)")
      lines.append("Counted in months after the end of treatment. Give the end date of treatment to see the dates.")
      lines += schedule.visits.map { "- month \($0.month): \($0.tests.joined(separator: "; "))" }
      lines.append(schedule.endRule)
    }
    lines +=
      ["", "SYMPTOMS THAT SHOULD PROMPT AN EARLIER VISIT"] + summary.symptoms.map { "- \($0.title): \($0.text)" }
    lines += ["", "QUESTIONS TO ASK YOUR CARE TEAM"] + CareSummary.questions.map { "- \($0)" }
    lines += ["", "SUPPORT"] + summary.support.map { "- \($0.title): \($0.text)" }
    lines += ["", "GLOSSARY"] + CareSummary.glossary.map { "- \($0.term): \($0.meaning)" }
    lines +=
      ["", "SOURCES"] + summary.sources.map { "- [\(summary.label(source: $0))] \(summary.describe(source: $0))" }
    lines += [
      "",
      "Knowledge base \(summary.knowledgeBase.version). Leio is not a medical device; decisions about care belong to your sarcoma team.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}
