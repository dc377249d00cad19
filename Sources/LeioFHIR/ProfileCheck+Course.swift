import Foundation
import LeioCore

/// Size, grade, treatment and disease status rules (`fhir-mcode.md` §3, §4).
extension ProfileCheck.Checker {
  mutating func checkSize(_ resource: FHIRJSON, _ at: String) {
    if codings(resource["code"], system: MCODE.System.loinc) != [MCODE.tumorSizeCode.code] {
      fail(at + ".code", "fixed LOINC 21889-1")
    }
    if resource["status"]?.text == nil { fail(at + ".status", "1..1") }
    requireSubject(resource, at)
    if resource["valueQuantity"] != nil || resource["valueCodeableConcept"] != nil { fail(at + ".value", "not used") }
    let focus = resource["focus"]?.items ?? []
    let specimen = resource["specimen"]
    if focus.isEmpty == (specimen == nil) {
      fail(at, "must-have-focus-or-specimen-invariant: exactly one of focus and specimen")
    }
    if !focus.isEmpty, focus.count != 1 || !has(target(focus.first), .tumor) { fail(at + ".focus", "Reference(Tumor)") }
    if specimen != nil, !has(target(specimen), .humanSpecimen) { fail(at + ".specimen", "Reference(HumanSpecimen)") }
    let components = resource["component"]?.items ?? []
    let longest = components.filter { codings($0["code"], system: MCODE.System.loinc) == [MCODE.longestDimension.code] }
    if longest.count != 1 { fail(at + ".component", "tumorLongestDimension 1..1") }
    for (k, component) in components.enumerated() {
      let quantity = component["valueQuantity"]
      if quantity?["system"]?.text != MCODE.System.ucum || !["cm", "mm"].contains(quantity?["code"]?.text ?? "") {
        fail(at + ".component[\(k)].valueQuantity", "UCUM cm or mm (required)")
      }
      guard case .number? = quantity?["value"] else {
        fail(at + ".component[\(k)].valueQuantity.value", "a number")
        continue
      }
    }
  }

  mutating func checkGrade(_ resource: FHIRJSON, _ at: String) {
    if codings(resource["code"], system: MCODE.System.ncit) != [MCODE.histologicGradeCode.code] {
      fail(at + ".code", "fixed NCIt C18000")
    }
    if !(resource["category"]?.items ?? []).contains(where: { codes($0).contains("laboratory") }) {
      fail(at + ".category", "laboratory 1..1")
    }
    if resource["status"]?.text == nil { fail(at + ".status", "1..1") }
    requireSubject(resource, at)
    if (resource["effectiveDateTime"]?.text?.count ?? 0) < 10 { fail(at + ".effective", "us-core-1: at least a day") }
    guard let value = resource["valueCodeableConcept"] else { return fail(at + ".value", "1..1") }
    for code in codings(value, system: MCODE.System.snomed) where !MCODE.gradeValues.values.contains(code) {
      fail(at + ".value", "'\(code)' is not in HistologicGradeVS as Leio maps it (D3)")
    }
  }

  mutating func checkProcedure(_ resource: FHIRJSON, _ profile: MCODE.Profile, _ at: String) {
    let status = resource["status"]?.text
    if status == nil { fail(at + ".status", "1..1") }
    if resource["code"] == nil { fail(at + ".code", "1..1") }
    requireSubject(resource, at)
    if ["completed", "in-progress"].contains(status ?? ""), resource["performedDateTime"] == nil,
      resource["performedPeriod"] == nil
    {
      fail(at + ".performed", "us-core-7: performed when completed or in progress")
    }
    checkReason(resource, at)
    if profile == .radiotherapyCourse {
      if codings(resource["code"], system: MCODE.System.snomed) != [MCODE.radiotherapyCourse.code] {
        fail(at + ".code", "fixed SNOMED 1217123003")
      }
      if resource["performedDateTime"] != nil { fail(at + ".performed", "Period only") }
    } else if !codings(resource["category"], system: MCODE.System.snomed).contains(MCODE.surgicalCategory.code) {
      fail(at + ".category", "SNOMED 387713003 (the conformance trigger)")
    }
  }

  /// `mcode-reason-required` (Leio rule: always sent), to a primary cancer condition.
  mutating func checkReason(_ resource: FHIRJSON, _ at: String) {
    let reasons = resource["reasonReference"]?.items ?? []
    if reasons.isEmpty || !reasons.allSatisfy({ has(target($0), .primaryCondition) }) {
      fail(at + ".reasonReference", "mcode-reason-required: Reference(primary cancer condition)")
    }
  }

  mutating func checkMedication(_ resource: FHIRJSON, _ at: String) {
    if resource["status"]?.text == nil { fail(at + ".status", "1..1") }
    if resource["medicationCodeableConcept"] == nil, resource["medicationReference"] == nil {
      fail(at + ".medication", "1..1")
    }
    requireSubject(resource, at)
    if resource["effectiveDateTime"] == nil, resource["effectivePeriod"] == nil { fail(at + ".effective", "1..1") }
    checkReason(resource, at)
  }

  mutating func checkDiseaseStatus(_ resource: FHIRJSON, _ at: String) {
    if codings(resource["code"], system: MCODE.System.loinc) != [MCODE.diseaseStatusCode.code] {
      fail(at + ".code", "fixed LOINC 97509-4")
    }
    if resource["status"]?.text == nil { fail(at + ".status", "1..1") }
    requireSubject(resource, at)
    if resource["effectiveDateTime"] == nil || resource["effectivePeriod"] != nil {
      fail(at + ".effective", "dateTime only")
    }
    if resource["valueCodeableConcept"] == nil { fail(at + ".value", "one value") }
    let allowed = [MCODE.worsened.code, MCODE.undetermined.code, "268910001", "359746009"]
    for code in codings(resource["valueCodeableConcept"], system: MCODE.System.snomed) where !allowed.contains(code) {
      fail(at + ".value", "'\(code)' is not in ConditionStatusTrendVS")
    }
    for key in ["specimen", "hasMember", "component"] where resource[key] != nil { fail(at + "." + key, "not used") }
    for ext in resource["extension"]?.items ?? [] where ext["url"]?.text == MCODE.ExtensionURL.evidenceType {
      if codes(ext["valueCodeableConcept"]) != [MCODE.imagingEvidence.code] {
        fail(at + ".extension", "evidence type: Leio sends Imaging (363679005) only")
      }
    }
  }
}
