import Foundation
import LeioCore

/// The rules of each profile (`fhir-mcode.md` §3, §4).
extension ProfileCheck.Checker {
  mutating func checkPatient(_ resource: FHIRJSON, _ at: String) {
    let identifiers = resource["identifier"]?.items ?? []
    if identifiers.isEmpty { fail(at + ".identifier", "1..*") }
    for (k, identifier) in identifiers.enumerated()
    where identifier["system"]?.text?.isEmpty != false || identifier["value"]?.text?.isEmpty != false {
      fail(at + ".identifier[\(k)]", "system 1..1 and value 1..1")
    }
    let names = resource["name"]?.items ?? []
    if names.isEmpty { fail(at + ".name", "1..*") }
    for (k, name) in names.enumerated() where name["family"] == nil && name["given"]?.items.isEmpty != false {
      fail(at + ".name[\(k)]", "us-core-6: family and/or given")
    }
    if !["male", "female", "other", "unknown"].contains(resource["gender"]?.text ?? "") {
      fail(at + ".gender", "1..1, required binding male | female | other | unknown")
    }
  }

  mutating func checkCondition(_ resource: FHIRJSON, _ at: String, primary: Bool) {
    requireSubject(resource, at)
    guard let code = resource["code"], code["coding"] != nil || code["text"] != nil else {
      return fail(at + ".code", "1..1")
    }
    if !(resource["category"]?.items ?? []).contains(where: {
      codes($0).contains("problem-list-item") || codes($0).contains("health-concern")
    }) {
      fail(at + ".category", "us-core slice 1..*: problem-list-item or health-concern")
    }
    let clinical = codings(resource["clinicalStatus"], system: MCODE.System.conditionClinical)
    if clinical.count != 1
      || !["active", "recurrence", "relapse", "inactive", "remission", "resolved"].contains(clinical[0])
    {
      fail(at + ".clinicalStatus", "con-3 / required binding: one condition-clinical code")
    }
    if codings(resource["verificationStatus"], system: MCODE.System.conditionVerification) != ["confirmed"] {
      fail(at + ".verificationStatus", "Leio rule: confirmed (condition-ver-status)")
    }
    if resource["abatementDateTime"] != nil, !["inactive", "resolved", "remission"].contains(clinical.first ?? "") {
      fail(at + ".abatement", "con-4: abated conditions are inactive, resolved or remission")
    }
    let extensions = resource["extension"]?.items ?? []
    guard primary else {
      let related = extensions.first { $0["url"]?.text == MCODE.ExtensionURL.conditionRelated }
      if related != nil, !has(target(related?["valueReference"]), .primaryCondition) {
        fail(at + ".extension", "condition-related must reference a primary cancer condition")
      }
      return
    }
    if codings(code, system: MCODE.System.snomed) != [MCODE.malignantNeoplasm.code] {
      fail(at + ".code", "ICD-O-3 style: SNOMED 363346000 only")
    }
    for (k, ext) in extensions.enumerated() where ext["url"]?.text == MCODE.ExtensionURL.histology {
      let morphology = codings(ext["valueCodeableConcept"], system: MCODE.System.icdO3)
      if morphology.count != 1 || morphology[0].range(of: #"^[0-9]{4}/[0-3]$"#, options: .regularExpression) == nil {
        fail(at + ".extension[\(k)]", "histology: one ICD-O-3 morphology HHHH/B (behaviour 0–3)")
      }
    }
    for (k, site) in (resource["bodySite"]?.items ?? []).enumerated() {
      for code in codings(site, system: MCODE.System.icdO3)
      where code.range(of: #"^C[0-7][0-9]\.[0-9]$|^C80\.[0-9]$"#, options: .regularExpression) == nil {
        fail(at + ".bodySite[\(k)]", "'\(code)' is not an ICD-O-3 topography (C00.0–C80.9)")
      }
      for ext in site["extension"]?.items ?? [] where ext["url"]?.text == MCODE.ExtensionURL.laterality {
        let allowed = MCODE.laterality.values.map(\.code)
        if !codes(ext["valueCodeableConcept"]).allSatisfy(allowed.contains) {
          fail(
            at + ".bodySite[\(k)].extension", "laterality: required value set (right, left, right and left, midline)")
        }
      }
    }
    for (k, stage) in (resource["stage"]?.items ?? []).enumerated() {
      let assessments = stage["assessment"]?.items ?? []
      if assessments.isEmpty { fail(at + ".stage[\(k)]", "con-1: summary or assessment") }
      for assessment in assessments where !MCODE.Profile.stages.contains(where: { has(target(assessment), $0) }) {
        fail(at + ".stage[\(k)].assessment", "only Reference(cancer stage)")
      }
    }
  }

  /// What TNM and FIGO observations share: status, category, subject, effective (at least a day), focus on a
  /// primary condition, exactly one of value and dataAbsentReason (obs-6).
  mutating func checkStageCommon(_ resource: FHIRJSON, _ at: String) {
    if resource["status"]?.text == nil { fail(at + ".status", "1..1") }
    if resource["category"]?.items.isEmpty != false { fail(at + ".category", "1..* (US Core)") }
    requireSubject(resource, at)
    if (resource["effectiveDateTime"]?.text?.count ?? 0) < 10 {
      fail(at + ".effective", "Leio rule: always sent, at least a day")
    }
    let focus = resource["focus"]?.items ?? []
    if focus.count != 1 || !has(target(focus.first), .primaryCondition) {
      fail(at + ".focus", "1..1 Reference(primary cancer condition)")
    }
    if (resource["valueCodeableConcept"] == nil) == (resource["dataAbsentReason"] == nil) {
      fail(at + ".value", "obs-6: a value or a dataAbsentReason, not both")
    }
    for key in ["valueQuantity", "valueString", "component", "device", "referenceRange"] where resource[key] != nil {
      fail(at + "." + key, "not used")
    }
  }

  mutating func checkStageGroup(_ resource: FHIRJSON, _ at: String) {
    checkStageCommon(resource, at)
    let code = codings(resource["code"], system: MCODE.System.snomed)
    guard code.count == 1, let basis = MCODE.Axis.group.basis(ofCode: code[0]) else {
      return fail(at + ".code", "a TNM stage grouping code (unspecified, clinical or pathologic)")
    }
    checkMethod(resource, at)
    let members = resource["hasMember"]?.items ?? []
    if members.count > 3 { fail(at + ".hasMember", "slice TNMCategory 0..3") }
    var axes: [MCODE.Axis] = []
    for member in members {
      let member = target(member)
      guard let axis = [MCODE.Axis.t, .n, .m].first(where: { has(member, $0.profile) }) else {
        fail(at + ".hasMember", "only T, N and M category observations")
        continue
      }
      axes.append(axis)
      if member?["method"] != resource["method"] { fail(at + ".hasMember", "the categories' method is the group's") }
    }
    if Set(axes).count != axes.count { fail(at + ".hasMember", "one T, one N and one M") }
    checkPrefix(resource, basis: basis ?? nil, at)
  }

  mutating func checkCategory(_ resource: FHIRJSON, _ profile: MCODE.Profile, _ at: String) {
    checkStageCommon(resource, at)
    guard let axis = [MCODE.Axis.t, .n, .m].first(where: { $0.profile == profile }) else { return }
    let code = codings(resource["code"], system: MCODE.System.snomed)
    guard code.count == 1, let basis = axis.basis(ofCode: code[0]) else {
      return fail(at + ".code", "a \(axis.rawValue.uppercased()) category code")
    }
    checkMethod(resource, at)
    if resource["hasMember"] != nil { fail(at + ".hasMember", "not used") }
    checkPrefix(resource, basis: basis ?? nil, at)
  }

  /// `method` 1..1 from TNMStagingMethodVS (AJCC 7 or 8).
  mutating func checkMethod(_ resource: FHIRJSON, _ at: String) {
    let allowed = [StagingSystem.ajcc7, .ajcc8].compactMap { MCODE.method($0)?.code }
    let method = codings(resource["method"], system: MCODE.System.snomed)
    if method.count != 1 || !allowed.contains(method[0]) { fail(at + ".method", "1..1 from TNMStagingMethodVS") }
  }

  /// The value's prefix matches `Observation.code` (§3): `c` clinical, `p` pathologic, none unspecified; a
  /// SNOMED value only from the confirmed table (D1).
  mutating func checkPrefix(_ resource: FHIRJSON, basis: Basis?, _ at: String) {
    guard let value = resource["valueCodeableConcept"] else { return }
    guard let text = value["text"]?.text else { return fail(at + ".value", "Leio rule: the value as text") }
    let first = text.first
    let expected: Character? =
      switch basis {
      case .clinical: "c"
      case .pathological: "p"
      case nil: nil
      }
    let categoryLike = text.dropFirst(first == "c" || first == "p" ? 1 : 0).first.map { "TNM".contains($0) } ?? false
    if categoryLike, (first == "c" || first == "p" ? first : nil) != expected {
      fail(at + ".value", "the prefix of '\(text)' must match Observation.code")
    }
    for code in codings(value, system: MCODE.System.snomed) where MCODE.confirmedValues[text] != code {
      fail(at + ".value", "SNOMED \(code) is not the confirmed code of '\(text)' (D1)")
    }
  }

  mutating func checkFIGO(_ resource: FHIRJSON, _ at: String) {
    checkStageCommon(resource, at)
    if !codings(resource["code"], system: MCODE.System.snomed).contains(MCODE.figoStageCode.code) {
      fail(at + ".code", "pattern SNOMED 385361009")
    }
    for code in codings(resource["valueCodeableConcept"], system: MCODE.System.ncit)
    where !MCODE.figoValues.values.contains(code) {
      fail(at + ".value", "'\(code)' is not a FIGO 2009 uterine sarcoma stage (NCIt)")
    }
  }
}
