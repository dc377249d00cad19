import Foundation
import LeioCore

/// `POST /api/v1/options`: a case and, optionally, the margin and situation.
struct OptionsRequest: Decodable, Sendable {
  var `case`: CaseInput
  var margin: String?
  var situation: String?
}

/// `POST /api/v1/plan` and `plan.ics`: a case and the dates of the plan.
struct PlanRequest: Decodable, Sendable {
  var `case`: CaseInput
  var treatmentEnd: String
  var today: String?
  var lastVisit: String?
}

/// `POST /api/v1/report`: a case and the summary's options.
struct ReportRequest: Decodable, Sendable {
  var `case`: CaseInput
  var format: String?
  var label: String?
  var treatmentEnd: String?
  var today: String?
  var margin: String?
}

/// `POST /api/v1/classify`: which check, and its inputs.
struct ClassifyRequest: Decodable, Sendable {
  /// `uterine` (default) or `deepSoftTissue`.
  var kind: String?
  var uterine: UterineCriteriaInput?
  var atypia: Bool?
  var mitosesPer50HPF: Int?
  var necrosis: Bool?
}
