import Foundation
import LeioCore
import LeioStore

/// Stage, size and grade observations of a primary condition.
extension BundleReader.Reader {
  /// The value of a stage or category observation as text: its `text`, or the text of a confirmed SNOMED code
  /// (D1), or an NCIt FIGO code; `nil` with `dataAbsentReason` or no value.
  static func valueText(_ resource: FHIRJSON) -> String? {
    guard let value = resource["valueCodeableConcept"] else { return nil }
    if let text = value["text"]?.text, !text.isEmpty { return text }
    for coding in value["coding"]?.items ?? [] {
      guard let code = coding["code"]?.text else { continue }
      if let text = MCODE.confirmedValues.first(where: { $0.value == code })?.key { return text }
      if let group = MCODE.figoValues.first(where: { $0.value == code })?.key { return group.rawValue }
    }
    return nil
  }

  /// A TNM stage group observation as the sender's stage (`nil`, with a warning, for a method other than AJCC 7
  /// or 8).
  mutating func readTNM(_ observation: BundleReader.Entry) -> ReportedStage? {
    let resource = observation.resource
    let methods = resource["method"]?["coding"]?.items.compactMap { $0["code"]?.text } ?? []
    guard
      let system = [StagingSystem.ajcc7, .ajcc8].first(where: { system in
        methods.contains(MCODE.method(system)?.code ?? "")
      })
    else {
      warn(observation.path("method"), "a stage by a method other than AJCC 7 or AJCC 8 is not compared")
      return nil
    }
    var stage = ReportedStage(
      system: system, stageGroup: Self.valueText(resource), t: nil, n: nil, m: nil, leioStageGroup: "",
      source: "FHIR bundle")
    for member in resource["hasMember"]?.items ?? [] {
      guard let entry = resolve(member) else {
        problem(observation.path("hasMember"), "'\((member["reference"]?.text ?? "").excerpt())' is not in the bundle")
        continue
      }
      used.insert(entry.index)
      guard case .category(let axis) = Self.kind(entry.resource) else { continue }
      let value = Self.valueText(entry.resource)
      switch axis {
      case .t: stage.t = value
      case .n: stage.n = value
      case .m: stage.m = value
      case .group: break
      }
    }
    return stage
  }

  /// A FIGO stage observation as the sender's FIGO 2009 stage.
  func readFIGO(_ observation: BundleReader.Entry) -> ReportedStage {
    var group = Self.valueText(observation.resource)
    if let text = group, text.hasPrefix("FIGO Stage ") { group = String(text.dropFirst("FIGO Stage ".count)) }
    return ReportedStage(
      system: .figo2009, stageGroup: group, t: nil, n: nil, m: nil, leioStageGroup: "", source: "FHIR bundle")
  }

  /// A sender without Leio's case document: N and M of its stage are the case's nodes and metastasis facts (T is
  /// not: Leio derives it from size and extent).
  mutating func applyCategories(
    _ stage: ReportedStage, _ observation: BundleReader.Entry, _ input: inout CaseInput,
    _ locations: inout [String: String]
  ) {
    for (field, value) in [(CaseField.nodes, stage.n), (.metastasis, stage.m)] {
      guard let value = Self.bare(value) else { continue }
      if let existing = input[text: field], existing != value {
        problem(
          observation.path("hasMember"),
          "\(field.name) \(value) contradicts \(existing) of another stage of the same condition")
        continue
      }
      input[text: field] = value
      locations[field.name] = observation.path("hasMember")
    }
  }

  /// The longest dimension (cm or mm) as `sizeCm`, where it differs from the case document's.
  mutating func readSize(
    _ observation: BundleReader.Entry, _ document: CaseFacts?, _ input: inout CaseInput,
    _ locations: inout [String: String]
  ) {
    let components = observation.resource["component"]?.items ?? []
    guard
      let k = components.firstIndex(where: { component in
        component["code"]?["coding"]?.items.contains { $0["code"]?.text == MCODE.longestDimension.code } == true
      })
    else {
      return warn(observation.path("component"), "no longest dimension (\(MCODE.longestDimension.code)): size not read")
    }
    let location = observation.path("component[\(k)].valueQuantity")
    let quantity = components[k]["valueQuantity"]
    guard case .number(let value)? = quantity?["value"], value.isFinite, value >= 0 else {
      return problem(location, "the size needs a number")
    }
    let unit = quantity?["code"]?.text ?? quantity?["unit"]?.text
    let centimetres: Double
    switch unit {
    case "cm": centimetres = value
    case "mm": centimetres = value / 10
    default: return problem(location, "the size is in '\((unit ?? "").excerpt())'; UCUM cm or mm is required")
    }
    if document?.sizeCm != centimetres {
      (input[number: .sizeCm], input[.tumorSizeSummary]) = (centimetres, nil)
      locations[CaseField.sizeCm.name] = location
    }
  }

  /// The histologic grade (D3 codes, or Leio's grade words in the text), where it differs from the case
  /// document's.
  mutating func readGrade(
    _ observation: BundleReader.Entry, _ document: CaseFacts?, _ input: inout CaseInput,
    _ locations: inout [String: String]
  ) {
    let value = observation.resource["valueCodeableConcept"]
    let codes = value?["coding"]?.items.compactMap { $0["code"]?.text } ?? []
    let grade =
      MCODE.gradeValues.first(where: { codes.contains($0.value) })?.key
      ?? value?["text"]?.text.flatMap { ReportedGrade.parse($0) }
    guard let grade else {
      return warn(observation.path("value"), "a grade Leio cannot read as G1, G2, G3, low or high: not read")
    }
    if document?.recordedGrade != grade {
      input[text: .grade] = grade.rawValue
      locations[CaseField.grade.name] = observation.path("value")
    }
  }
}
