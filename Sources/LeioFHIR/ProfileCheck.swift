import Foundation
import LeioCore

/// The mCODE STU4 profile rules of `fhir-mcode.md` §3–§4 that apply to Leio's bundles, checked on a bundle:
/// required elements, fixed codes, cardinalities, invariants, and references that resolve inside the bundle.
///
/// Not a FHIR validator (no terminology server, no StructureDefinitions): the rules Leio's exports promise, so a
/// change that breaks one fails the tests. Every export is checked in the tests; `leio export fhir` writes only
/// bundles that pass.
public enum ProfileCheck {
  /// Every broken rule of `bundle`, each with its location; empty when the bundle conforms.
  public static func problems(_ bundle: FHIRJSON) -> [FHIRProblem] {
    var check = Checker(bundle: bundle)
    check.run()
    return check.problems
  }

  struct Checker {
    let bundle: FHIRJSON
    var problems: [FHIRProblem] = []
    /// Resources by full URL, with their entry index.
    var byURL: [String: (index: Int, resource: FHIRJSON)] = [:]

    mutating func fail(_ location: String, _ message: String) { problems.append(FHIRProblem(location, message)) }

    func profiles(_ resource: FHIRJSON) -> [String] { resource["meta"]?["profile"]?.items.compactMap(\.text) ?? [] }
    func codes(_ concept: FHIRJSON?) -> [String] {
      concept?["coding"]?.items.compactMap { $0["code"]?.text } ?? []
    }
    func codings(_ concept: FHIRJSON?, system: String) -> [String] {
      concept?["coding"]?.items.filter { $0["system"]?.text == system }.compactMap { $0["code"]?.text } ?? []
    }
    /// The resource a reference points to, inside the bundle.
    func target(_ reference: FHIRJSON?) -> FHIRJSON? {
      reference?["reference"]?.text.flatMap { byURL[$0]?.resource }
    }
    func has(_ resource: FHIRJSON?, _ profile: MCODE.Profile) -> Bool {
      resource.map { profiles($0).contains(profile.url) } ?? false
    }

    mutating func run() {
      guard bundle["resourceType"]?.text == "Bundle" else { return fail("Bundle", "not a Bundle") }
      if bundle["type"]?.text != "collection" { fail("Bundle.type", "must be 'collection' (fixed)") }
      if !profiles(bundle).contains(MCODE.Profile.patientBundle.url) {
        fail("Bundle.meta.profile", "must name \(MCODE.Profile.patientBundle.url)")
      }
      if bundle["timestamp"]?.text == nil { fail("Bundle.timestamp", "must-support: Leio always sends it") }
      let entries = bundle["entry"]?.items ?? []
      if entries.isEmpty { fail("Bundle.entry", "1..*") }
      for (index, entry) in entries.enumerated() {
        guard let url = entry["fullUrl"]?.text else {
          fail("Bundle.entry[\(index)].fullUrl", "Leio rule: every entry has a urn:uuid: full URL")
          continue
        }
        if !url.hasPrefix("urn:uuid:") || url.count != 45 {
          fail("Bundle.entry[\(index)].fullUrl", "'\(url)' is not a urn:uuid: URL")
        }
        if byURL[url] != nil { fail("Bundle.entry[\(index)].fullUrl", "bdl-7: full URLs must be unique") }
        guard let resource = entry["resource"] else {
          fail("Bundle.entry[\(index)].resource", "1..1")
          continue
        }
        byURL[url] = (index, resource)
      }
      let patients = entries.filter { $0["resource"]?["resourceType"]?.text == "Patient" }
      if patients.count != 1 || !has(patients.first?["resource"], .cancerPatient) {
        fail("Bundle.entry", "slice cancerPatient 1..1: exactly one Patient with the cancer patient profile")
      }
      for (index, entry) in entries.enumerated() {
        guard let resource = entry["resource"] else { continue }
        let type = resource["resourceType"]?.text ?? "?"
        let at = "Bundle.entry[\(index)].resource.ofType(\(type))"
        let declared = profiles(resource)
        guard let profile = MCODE.Profile.allCases.first(where: { declared.contains($0.url) }) else {
          fail(at + ".meta.profile", "Leio rule: every resource names its mCODE profile")
          continue
        }
        checkReferences(resource, at)
        check(profile, resource, at)
      }
    }

    /// Every `reference` inside the resource resolves to an entry of the bundle.
    mutating func checkReferences(_ value: FHIRJSON, _ at: String) {
      switch value {
      case .object(let members):
        for member in members {
          if member.key == "reference", let text = member.value.text, byURL[text] == nil {
            fail(at, "reference '\(text)' does not resolve inside the bundle")
          }
          checkReferences(member.value, at)
        }
      case .array(let items): for item in items { checkReferences(item, at) }
      default: break
      }
    }

    /// `subject` (or `patient`) is the bundle's cancer patient.
    mutating func requireSubject(_ resource: FHIRJSON, _ at: String, key: String = "subject") {
      if !has(target(resource[key]), .cancerPatient) { fail(at + "." + key, "1..1 Reference(cancer patient)") }
    }

    mutating func check(_ profile: MCODE.Profile, _ resource: FHIRJSON, _ at: String) {
      switch profile {
      case .patientBundle: fail(at, "a Bundle inside the bundle")
      case .cancerPatient: checkPatient(resource, at)
      case .primaryCondition, .secondaryCondition: checkCondition(resource, at, primary: profile == .primaryCondition)
      case .tnmStageGroup: checkStageGroup(resource, at)
      case .tnmPrimaryTumor, .tnmRegionalNodes, .tnmDistantMetastases: checkCategory(resource, profile, at)
      case .figoStage: checkFIGO(resource, at)
      case .tumorSize: checkSize(resource, at)
      case .tumor:
        let identifiers = resource["identifier"]?.items ?? []
        if !identifiers.contains(where: {
          codes($0["type"]).contains("BodyStructure") && $0["use"]?.text == "usual" && $0["value"]?.text != nil
        }) {
          fail(at + ".identifier", "slice 1..*: type BodyStructure, use usual, value")
        }
        if resource["location"] == nil { fail(at + ".location", "1..1") }
        requireSubject(resource, at, key: "patient")
      case .humanSpecimen:
        if !codings(resource["type"], system: MCODE.System.specimenType).contains("TUMOR") {
          fail(at + ".type", "1..1: v2-0487 TUMOR")
        }
        requireSubject(resource, at)
      case .histologicGrade: checkGrade(resource, at)
      case .surgicalProcedure, .radiotherapyCourse: checkProcedure(resource, profile, at)
      case .medicationAdministration: checkMedication(resource, at)
      case .diseaseStatus: checkDiseaseStatus(resource, at)
      }
    }
  }
}
