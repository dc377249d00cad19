import Foundation
import LeioCore
import LeioStore

/// What a stage observation of a tumour shares with its categories.
struct StageContext {
  /// The name its resources' ids derive from.
  let name: String
  /// The primary condition's full URL (`focus`).
  let condition: String
  let effective: String
  let basis: Basis?
  let summary: SummaryStageResult?
  /// The stage the sender of an imported bundle reported, where it differs from Leio's.
  let reported: ReportedStage?
}

/// TNM and FIGO stage observations (`fhir-mcode.md` §3 "TNM stage group", "FIGO stage"; decisions D1, D2, D5, D6).
extension PatientBundle.Builder {
  /// The stage group (full URL: the context's name and `/group`), with T, N and M as `hasMember`.
  mutating func addTNMStage(_ result: StagingResult, method: MCODE.Code, _ context: StageContext) {
    let categories: [(MCODE.Axis, String?)] = [
      (.t, result.t?.rawValue), (.n, result.n?.rawValue), (.m, result.m?.rawValue),
    ]
    var members: [FHIRJSON] = []
    for (axis, value) in categories {
      // D6: under a pathological basis M0 stays clinical (the IG: "pM0 is not valid").
      let basis = axis == .m && value == "M0" && context.basis == .pathological ? .clinical : context.basis
      let url = add(
        "\(context.name)/\(axis.rawValue)", "Observation", axis.profile,
        observation(
          code: axis.code(basis), category: MCODE.imagingCategory, method: method.concept(), context,
          value: value.map { Self.prefixed($0, basis) }, absent: "\(axis.rawValue.uppercased()) category not derived"))
      members.append(["reference": .string(url)])
    }
    var group = observation(
      code: MCODE.Axis.group.code(context.basis), category: MCODE.imagingCategory, method: method.concept(), context,
      value: Self.groupText(result), absent: result.reason ?? "stage group unknown",
      notApplicable: result.status == .noGroupDefined)
    group.set("hasMember", .array(members))
    group.set("note", Self.notes(result, context))
    add(context.name + "/group", "Observation", .tnmStageGroup, group)
  }

  /// The FIGO stage (uterine tumours; D5: no TNM observations).
  mutating func addFIGOStage(_ result: StagingResult, _ context: StageContext) {
    var stage = observation(
      code: MCODE.figoStageCode, category: MCODE.laboratoryCategory,
      method: MCODE.figoUterineMethod.concept(text: "FIGO 2009"), context, value: nil,
      absent: result.reason ?? "stage unknown")
    if let text = Self.groupText(result) {
      let value: FHIRJSON =
        if let code = MCODE.figoValues[result.stageGroup] {
          MCODE.Code(MCODE.System.ncit, code, "FIGO Stage \(text)").concept(text: text)
        } else {
          ["text": .string(text)]
        }
      stage.remove("dataAbsentReason")
      stage.set("valueCodeableConcept", value)
    }
    stage.set("note", Self.notes(result, context))
    add(context.name + "/group", "Observation", .figoStage, stage)
  }

  /// A stage or category observation: status, category, code, subject, effective day, focus, method, and the value
  /// as text (with a SNOMED coding only where §3 confirms one, D1) or `dataAbsentReason` with the reason in a note.
  func observation(
    code: MCODE.Code, category: MCODE.Code, method: FHIRJSON, _ context: StageContext, value: String?,
    absent: String, notApplicable: Bool = false
  ) -> FHIRJSON {
    var observation: FHIRJSON = [
      "status": "final", "category": [category.concept()], "code": code.concept(), "subject": patientReference,
      "effectiveDateTime": .string(context.effective), "focus": [["reference": .string(context.condition)]],
      "method": method,
    ]
    if let value {
      let coded = MCODE.confirmedValues[value].map { MCODE.Code(MCODE.System.snomed, $0) }
      observation.set("valueCodeableConcept", coded?.concept(text: value) ?? ["text": .string(value)])
    } else {
      observation.set(
        "dataAbsentReason", (notApplicable ? MCODE.dataAbsentNotApplicable : MCODE.dataAbsentUnknown).concept())
      observation.set("note", [["text": .string(absent)]])
    }
    return observation
  }

  /// The stage group as text (`IIIA`, or `III` when the substage is unknown); `nil` when there is none.
  static func groupText(_ result: StagingResult) -> String? {
    switch result.stageGroup {
    case .unknown, .notApplicable: nil
    default: result.stageGroup.rawValue
    }
  }

  /// `T2` → `cT2` / `pT2` / `T2` by basis (the prefix matches `Observation.code`, §3).
  static func prefixed(_ value: String, _ basis: Basis?) -> String {
    switch basis {
    case nil: value
    case .clinical: "c" + value
    case .pathological: "p" + value
    }
  }

  /// The group's notes: why there is no group, Leio's rules version and summary stage (not mapped, §5), and the
  /// sender's differing stage of an imported bundle.
  static func notes(_ result: StagingResult, _ context: StageContext) -> FHIRJSON {
    var notes: [FHIRJSON] = []
    if groupText(result) == nil { notes.append(["text": .string(result.reason ?? "Stage group unknown.")]) }
    var staged = "Staged by Leio (\(Staging.rulesVersion)), \(result.system.shortTitle)"
    if let summary = context.summary {
      staged += "; SEER Summary Stage 2018: \(summary.category.rawValue)"
      if let code = summary.code { staged += " (\(code.rawValue))" }
    }
    notes.append(["text": .string(staged + ". Educational software, not a medical device.")])
    if let reported = context.reported {
      notes.append([
        "text": .string("The sending system reported \(reported.summary); Leio computes this stage from the facts.")
      ])
    }
    return .array(notes)
  }
}
