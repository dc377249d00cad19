import Foundation
import LeioCore
import LeioReport
import LeioStore
import LeioSurvival

/// The case page's prognosis block: what the registry's own model (`leio serve --prognosis-model`, a file from
/// `leio model fit` on `leio export outcomes` data) says for a tumour — the statement with its interval, the model's
/// validation figures and the caveat first — or why it says nothing (a value outside the model's data, a covariate the
/// tumour does not have). Shown to accounts that may see outcomes (not to viewers).
enum PrognosisSection {
  static let escape = HTML.escape

  static func html(_ model: PrognosisModel, tumour: Tumour, file: PatientFile) -> String {
    var html = "<div class=\"prognosis\" role=\"note\"><h3>What this registry's own data says</h3>"
    html += "<p class=\"banner\">\(escape(PrognosisPrediction.caveat))</p>"
    guard let profile = OutcomeDataset.profile(of: tumour, in: file) else {
      return html
        + "<p>No statement: the tumour has no full date of diagnosis, so it is not in the registry's dataset.</p></div>"
    }
    let prediction: PrognosisPrediction
    do {
      prediction = try model.predict(profile)
    } catch {
      return html + "<p>No statement from the registry's model: \(escape("\(error)"))</p>" + about(model) + "</div>"
    }
    html += "<p class=\"statement\">\(escape(prediction.statement))</p>"
    let measure =
      prediction.measure == "survival"
      ? "Survival" : "Cumulative incidence of \(model.event) = \(model.cause ?? 0) (other causes competing)"
    html +=
      "<table><caption>\(escape(measure)) of patients like this one in the model's data</caption><thead><tr><th scope=\"col\">At</th><th scope=\"col\">\(prediction.measure == "survival" ? "Survival" : "Cumulative incidence")</th><th scope=\"col\">95 % CI</th></tr></thead><tbody>"
    for point in prediction.horizons {
      html += "<tr><td>\(format(point.time)) \(escape(model.timeUnit))</td><td>\(percent(point.estimate))</td>"
      html += "<td>\(percent(point.lower)) – \(percent(point.upper))</td></tr>"
    }
    html += "</tbody></table>"
    html +=
      "<table><caption>The model's validation (\(model.validation.bootstrap - model.validation.failed) bootstrap resamples, seed \(model.validation.seed))</caption><thead><tr><th scope=\"col\">Index</th><th scope=\"col\">Apparent</th><th scope=\"col\">Optimism</th><th scope=\"col\">Corrected</th></tr></thead><tbody>"
    let labels = [
      "harrellC": "Harrell's C", "unoC": "Uno's C at \(format(model.validation.horizon)) \(model.timeUnit)",
      "calibrationSlope": "Calibration slope", "competingC": "C for competing risks (Wolbers)",
    ]
    for index in model.validation.indexes {
      html += "<tr><td>\(escape(labels[index.name] ?? index.name))</td>"
      html += [index.apparent, index.optimism, index.corrected].map { "<td>\(String(format: "%.3f", $0))</td>" }
        .joined()
      html += "</tr>"
    }
    html += "</tbody></table>"
    let calibration = model.calibration.map {
      "at \(format($0.horizon)) \(model.timeUnit): ICI \(String(format: "%.4f", $0.ici))"
    }
    html +=
      "<p class=\"hint\">Calibration (mean absolute difference between observed and predicted risk): \(escape(calibration.joined(separator: "; "))).</p>"
    return html + about(model) + "</div>"
  }

  /// What the model is: its covariates, its data and its file.
  static func about(_ model: PrognosisModel) -> String {
    let years = model.data.years.map { " diagnosed \($0.map(String.init).joined(separator: "–"))," } ?? ""
    return
      "<p class=\"hint\">\(model.kind == "finegray" ? "Fine-Gray model of \(escape(model.event)) = \(model.cause ?? 0)" : "Cox model of \(escape(model.event))") over \(escape(model.time)) on \(escape(model.terms.map(\.name).joined(separator: ", "))), fitted on \(model.data.n) patients,\(escape(years)) \(model.data.events) events (model file schema \(model.schemaVersion)). It speaks only for patients like those: values outside its data get no statement.</p>"
  }

  static func format(_ value: Double) -> String { String(format: "%g", value) }
  static func percent(_ value: Double) -> String { String(format: "%.0f %%", value * 100) }
}
