import Foundation
import LeioCore
import LeioFHIR
import LeioStore
import Testing

/// Issue 15 §3: the mCODE profile rules of the shared document hold on every bundle Leio writes, and the check fails
/// when one is broken.
@Suite("mCODE profile rules")
struct ProfileCheckTests {
  @Test("every worked example's bundle passes (and reads back to the same case)")
  func workedExamples() throws {
    let examples = try BundleFixtures.workedExamples()
    #expect(examples.count >= 50)
    for (id, input) in examples {
      let bundle = try BundleFixtures.bundle(BundleFixtures.file(input))
      #expect(ProfileCheck.problems(bundle) == [], "\(id)")
    }
  }

  @Test("the rich patient's bundle passes")
  func rich() throws {
    #expect(ProfileCheck.problems(try BundleFixtures.bundle(BundleFixtures.rich())) == [])
  }

  /// Breaks one rule of the rich bundle: the resource of the first entry matching `type` and `profile`, changed.
  static func broken(
    _ type: String, profile: String? = nil, _ change: (inout FHIRJSON) -> Void
  ) throws -> [FHIRProblem] {
    var bundle = try BundleFixtures.bundle(BundleFixtures.rich())
    var entries = bundle["entry"]?.items ?? []
    let index = try #require(
      entries.firstIndex { entry in
        let resource = entry["resource"]
        return resource?["resourceType"]?.text == type
          && (profile == nil || resource?["meta"]?["profile"]?.items.first?.text?.hasSuffix("/" + profile!) == true)
      })
    var resource = try #require(entries[index]["resource"])
    change(&resource)
    entries[index].set("resource", resource)
    bundle.set("entry", .array(entries))
    return ProfileCheck.problems(bundle)
  }

  @Test(
    "each broken rule is found, at its element",
    arguments: [
      ("Patient", nil, "identifier", "1..*"),
      ("Patient", nil, "gender", "required binding"),
      ("Patient", nil, "name", "us-core-6"),
      ("Condition", "mcode-primary-cancer-condition", "code", "363346000"),
      ("Condition", "mcode-primary-cancer-condition", "bodySite", "ICD-O-3 topography"),
      ("Condition", "mcode-primary-cancer-condition", "subject", "Reference(cancer patient)"),
      ("Observation", "mcode-tnm-stage-group", "method", "TNMStagingMethodVS"),
      ("Observation", "mcode-tnm-stage-group", "focus", "1..1 Reference(primary cancer condition)"),
      ("Observation", "mcode-tnm-stage-group", "value", "obs-6"),
      ("Observation", "mcode-tnm-stage-group", "prefix", "must match Observation.code"),
      ("Observation", "mcode-tnm-primary-tumor-category", "code", "a T category code"),
      ("Observation", "mcode-tumor-size", "focus+specimen", "exactly one of focus and specimen"),
      ("Observation", "mcode-tumor-size", "unit", "UCUM cm or mm"),
      ("Observation", "mcode-histologic-grade", "code", "fixed NCIt C18000"),
      ("Procedure", "mcode-radiotherapy-course-summary", "code", "fixed SNOMED 1217123003"),
      ("Procedure", "mcode-cancer-related-surgical-procedure", "reason", "mcode-reason-required"),
      ("Observation", "mcode-cancer-disease-status", "code", "fixed LOINC 97509-4"),
      ("Observation", "mcode-gynecologic-tumor-figo-stage", "value", "not a FIGO 2009"),
      ("MedicationAdministration", nil, "reference", "does not resolve inside the bundle"),
      ("Specimen", nil, "meta", "names its mCODE profile"),
    ] as [(String, String?, String, String)])
  func broken(_ type: String, _ profile: String?, _ rule: String, _ message: String) throws {
    let problems = try Self.broken(type, profile: profile) { resource in
      switch (type, rule) {
      case ("Patient", "identifier"): resource.remove("identifier")
      case ("Patient", "gender"): resource.set("gender", "F")
      case ("Patient", "name"): resource.set("name", [["text": "Ada"]])
      case (_, "code") where type == "Condition":
        resource.set("code", ["coding": [["system": "http://snomed.info/sct", "code": "254637007"]]])
      case (_, "code"): resource.set("code", ["coding": [["system": "http://loinc.org", "code": "0000-0"]]])
      case (_, "bodySite"):
        resource.set(
          "bodySite", [["coding": [["system": "http://terminology.hl7.org/CodeSystem/icd-o-3", "code": "C99.9"]]]])
      case (_, "subject"): resource.remove("subject")
      case (_, "method"): resource.remove("method")
      case (_, "focus"): resource.remove("focus")
      case (_, "value") where profile == "mcode-tnm-stage-group":
        resource.set("dataAbsentReason", ["coding": [["code": "unknown"]]])
      case (_, "value"):
        resource.set(
          "valueCodeableConcept",
          ["coding": [["system": "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", "code": "C0000"]]])
      case (_, "prefix"): resource.set("valueCodeableConcept", ["text": "cT2"])  // the group is pathological
      case (_, "focus+specimen"): resource.set("focus", resource["specimen"].map { [$0] } ?? [])
      case (_, "unit"):
        var components = resource["component"]?.items ?? []
        var quantity = components[0]["valueQuantity"] ?? [:]
        quantity.set("code", "in")
        components[0].set("valueQuantity", quantity)
        resource.set("component", .array(components))
      case (_, "reason"): resource.remove("reasonReference")
      case (_, "reference"):
        resource.set("reasonReference", [["reference": "urn:uuid:00000000-0000-8000-8000-000000000000"]])
      case (_, "meta"): resource.remove("meta")
      default: Issue.record("no mutation for \(type) \(rule)")
      }
    }
    #expect(problems.contains { $0.message.contains(message) }, "\(problems)")
    #expect(problems.allSatisfy { $0.location.hasPrefix("Bundle") })
  }

  @Test("the bundle itself: type collection, one cancer patient, unique full URLs")
  func envelope() throws {
    var bundle = try BundleFixtures.bundle(BundleFixtures.rich())
    bundle.set("type", "document")
    #expect(ProfileCheck.problems(bundle).contains { $0.location == "Bundle.type" })
    bundle = try BundleFixtures.bundle(BundleFixtures.rich())
    var entries = bundle["entry"]?.items ?? []
    entries.append(entries[0])
    bundle.set("entry", .array(entries))
    let problems = ProfileCheck.problems(bundle)
    #expect(problems.contains { $0.message.contains("bdl-7") })
    #expect(problems.contains { $0.message.contains("exactly one Patient") })
  }
}
