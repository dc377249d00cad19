import Foundation

/// The grade of a case and the facts in words (for messages).
extension CaseContext {
  static func resolveGrade(_ facts: CaseFacts, _ site: Site?, _ trace: inout Trace) throws(StagingError)
    -> ReportedGrade
  {
    if site == .uterus {
      if facts.grade != nil || facts.fnclcc != nil {
        trace.warn(
          "gradeNotUsed", "§5.1.3",
          "Uterine LMS is not graded (no validated system) and FIGO staging does not use grade; the grade given was ignored."
        )
      }
      return .gx
    }
    var grade = facts.grade
    if let components = facts.fnclcc {
      let result: FNCLCCResult
      do { result = try FNCLCCGrading.grade(components, explain: trace.isRecording) } catch let error as StagingError {
        throw error
      } catch { throw .invalidValue(field: "fnclcc", value: "", expected: ["valid FNCLCC components"]) }
      let computed = result.grade.reported
      if let given = grade, given != computed, computed != .gx {
        throw .inconsistent(
          field: "grade",
          message: "'\(given.rawValue)' contradicts the FNCLCC components, which give \(computed.rawValue).")
      }
      trace.append(steps: result.steps)
      grade = grade ?? computed
    }
    guard let grade else {
      trace.note("grade", "§2.1", "Grade not given: GX")
      trace.warn("gradeNotAssessable", "§2.1", "Grade was not given and is treated as GX (grouped like G1).")
      return .gx
    }
    if grade == .gx { trace.warn("gradeNotAssessable", "§2.1", "Grade GX (not assessable) is grouped like G1.") }
    return grade
  }
}

extension CaseContext {
  /// The size as the steps show it: `7.5 cm`, `size unknown`, or the registry's words for codes 989 and 990.
  var sizeText: String {
    if size.isNaN { return "size unknown" }
    switch facts.registry.tumorSize {
    case .code(989): return "989 mm or more (Tumor Size Summary 989)"
    case .code(990): return "microscopic focus (Tumor Size Summary 990)"
    default: return "\(size.clinicalText) cm"
    }
  }

  /// Explains what each registry code of the case was read as (``EODFactTable``, ``EODGradeTable``).
  static func noteRegistryCodes(_ facts: CaseFacts, _ trace: inout Trace) {
    guard let schema = facts.eod.schema else { return }
    let items: [(EODFactItem, EODItem)] = [
      (.primaryTumor, facts.eod.primaryTumor), (.regionalNodes, facts.eod.regionalNodes), (.mets, facts.eod.mets),
      (.tumorSize, facts.eod.tumorSize),
    ]
    for (item, value) in items {
      guard case .code(let code) = value, let row = EODFactTable.row(item, code: code, schema: schema) else { continue }
      let text = value.text(digits: item.digits) ?? ""
      trace.note(
        "registry.\(item.rawValue)", row.source,
        "\(item.rawValue) \(text) (\(schema.rawValue) \(schema.title)): \(row.because)", output: text)
      if row.effect == .open, facts.eod.primaryTumorOpen {
        trace.warn("registryCodeOpen", row.source, "\(item.rawValue) \(text): \(row.because).")
      }
    }
    for byte in [facts.eod.gradeClinical, facts.eod.gradePathological].compactMap({ $0 }) {
      guard let row = EODGradeTable.row(Character(Unicode.Scalar(byte)), schema: schema) else { continue }
      trace.note("registry.grade", row.source, "Grade code \(row.code): \(row.because)", output: row.grade.rawValue)
    }
  }

  /// The facts a T category is checked against, as messages name them (`sizeCm` → `7 cm`).
  var factDescriptions: [String: String] {
    var text: [String: String] = ["primaryTumor": "'\(primary.rawValue)'", "depth": "'\(depth.rawValue)'"]
    if !size.isNaN { text["sizeCm"] = sizeText }
    if let extent = facts.uterineExtent { text["uterineExtent"] = "'\(extent.rawValue)'" }
    if let extent = facts.visceralExtent { text["visceralExtent"] = "'\(extent.rawValue)'" }
    if let sites = facts.multifocalSites { text["multifocalSites"] = "\(sites)" }
    if !facts.headAndNeckInvasion.isEmpty {
      text["headAndNeckInvasion"] = facts.headAndNeckInvasion.map(\.rawValue).joined(separator: ", ")
    }
    if let flag = facts.discontinuousTumours { text["discontinuousTumours"] = "\(flag)" }
    return text
  }
}
