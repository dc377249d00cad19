import Foundation
import LeioCore
import LeioFHIR
import LeioStore
import Testing

/// Issue 15: a registry patient file as an mCODE STU4 patient bundle (`fhir-mcode.md` §5), element by element.
@Suite("mCODE patient bundle")
struct PatientBundleTests {
  static let bundle = try! BundleFixtures.bundle(BundleFixtures.rich())

  @Test("the bundle: collection, its profile, a timestamp; every entry a urn:uuid full URL and a profiled resource")
  func envelope() throws {
    let bundle = Self.bundle
    #expect(bundle["type"]?.text == "collection")
    #expect(bundle["meta"]?["profile"]?.items.first?.text == MCODE.Profile.patientBundle.url)
    #expect(bundle["timestamp"]?.text == "2025-12-01T00:00:00Z")
    let entries = bundle["entry"]?.items ?? []
    // Patient; extremity: condition, AJCC 7 and AJCC 8 (group + T, N, M each), specimen, size, grade; uterus:
    // condition, FIGO, body structure, size; 4 treatments; 4 disease status and 1 secondary condition.
    #expect(entries.count == 26)
    for entry in entries {
      let url = try #require(entry["fullUrl"]?.text)
      #expect(url.hasPrefix("urn:uuid:") && url.count == 45)
      #expect(entry["resource"]?["id"]?.text == String(url.dropFirst(9)))
      #expect(entry["resource"]?["meta"]?["profile"]?.items.count == 1)
    }
    #expect(Set(entries.compactMap { $0["fullUrl"]?.text }).count == entries.count)
  }

  @Test("the same record versions give the same bundle; a new version of a record changes its full URL")
  func stableIdentifiers() throws {
    var file = BundleFixtures.rich()
    let first = PatientBundle.build(file, identifierSystem: BundleFixtures.system)
    #expect(PatientBundle.build(file, identifierSystem: BundleFixtures.system) == first)
    file.tumours[0].version += 1
    let second = PatientBundle.build(file, identifierSystem: BundleFixtures.system)
    let urls = { (bundle: FHIRJSON) in Set(bundle["entry"]?.items.compactMap { $0["fullUrl"]?.text } ?? []) }
    #expect(urls(first) != urls(second))
    // The patient did not change: its entry keeps its URL.
    #expect(first["entry"]?.items.first?["fullUrl"] == second["entry"]?.items.first?["fullUrl"])
  }

  @Test("the cancer patient: identifier with the registry's system and MR type, name parts, gender, birth, death")
  func patient() throws {
    let patient = try #require(BundleFixtures.resources(Self.bundle, "Patient").first)
    let identifier = try #require(patient["identifier"]?.items.first)
    #expect(identifier["system"]?.text == BundleFixtures.system && identifier["value"]?.text == "MRN-0042")
    #expect(identifier["type"]?["coding"]?.items.first?["code"]?.text == "MR")
    let name = try #require(patient["name"]?.items.first)
    #expect(name["text"]?.text == "Example, Ada Grace" && name["family"]?.text == "Example")
    #expect(name["given"]?.items.compactMap(\.text) == ["Ada", "Grace"])
    #expect(patient["gender"]?.text == "female" && patient["birthDate"]?.text == "1958-11-30")
    #expect(patient["deceasedDateTime"]?.text == "2025-12-01")
    // No sex recorded: gender is 1..1, so 'unknown' (§5); a one-word name is the family name (us-core-6).
    var file = BundleFixtures.rich()
    (file.patient.sex, file.patient.name) = (nil, "Cher")
    let other = try #require(BundleFixtures.resources(try BundleFixtures.bundle(file), "Patient").first)
    #expect(other["gender"]?.text == "unknown" && other["name"]?.items.first?["family"]?.text == "Cher")
  }

  @Test("primary condition, ICD-O-3 style: SNOMED 363346000, morphology extension, topography with laterality")
  func condition() throws {
    let conditions = BundleFixtures.resources(Self.bundle, "Condition", profile: "mcode-primary-cancer-condition")
    #expect(conditions.count == 2)
    // Tumours in record-number order: the uterine tumour's own 02 first, then the extremity's assigned 01.
    let extremity = conditions[1]
    #expect(extremity["code"]?["coding"]?.items.first?["code"]?.text == "363346000")
    let histology = extremity["extension"]?.items.first {
      $0["url"]?.text?.hasSuffix("histology-morphology-behavior") == true
    }
    #expect(histology?["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text == "8890/3")
    let site = try #require(extremity["bodySite"]?.items.first)
    #expect(site["coding"]?.items.first?["code"]?.text == "C49.2")
    #expect(site["coding"]?.items.first?["system"]?.text == "http://terminology.hl7.org/CodeSystem/icd-o-3")
    #expect(site["extension"]?.items.first?["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text == "7771000")
    #expect(extremity["onsetDateTime"]?.text == "2023-02-10")
    // A recurrence of this tumour: clinicalStatus recurrence; the other stays active.
    #expect(extremity["clinicalStatus"]?["coding"]?.items.first?["code"]?.text == "recurrence")
    #expect(conditions[0]["clinicalStatus"]?["coding"]?.items.first?["code"]?.text == "active")
    #expect(extremity["verificationStatus"]?["coding"]?.items.first?["code"]?.text == "confirmed")
    // Leio's tumour identifiers: the stored record number, or the next free one.
    #expect(extremity["identifier"]?.items.first?["value"]?.text == "01")
    #expect(conditions[0]["identifier"]?.items.first?["value"]?.text == "02")
    // stage.assessment → the AJCC 7 and AJCC 8 groups of the extremity; the FIGO stage of the uterus.
    #expect(extremity["stage"]?.items.count == 2)
    #expect(conditions[0]["stage"]?.items.count == 1)
    #expect(conditions[0]["stage"]?.items.first?["type"]?["text"]?.text == "FIGO 2009")
  }

  @Test("TNM: pathological basis → pT/pN, M0 stays cM0 (D6); method AJCC 8; focus the condition; confirmed codes only")
  func tnm() throws {
    let groups = BundleFixtures.resources(Self.bundle, "Observation", profile: "mcode-tnm-stage-group")
    #expect(groups.count == 2)
    let ajcc8 = try #require(groups.first { $0["method"]?["coding"]?.items.first?["code"]?.text == "897275008" })
    #expect(ajcc8["code"]?["coding"]?.items.first?["code"]?.text == "399588009")  // pathologic stage grouping
    #expect(ajcc8["valueCodeableConcept"]?["text"]?.text == "IIIA")
    #expect(ajcc8["valueCodeableConcept"]?["coding"] == nil)  // IIIA: not mapped (D1)
    #expect(ajcc8["hasMember"]?.items.count == 3)
    let categories = Dictionary(
      uniqueKeysWithValues: BundleFixtures.resources(Self.bundle, "Observation").filter {
        $0["method"]?["coding"]?.items.first?["code"]?.text == "897275008" && $0["hasMember"] == nil
      }.map { ($0["code"]?["coding"]?.items.first?["code"]?.text ?? "", $0["valueCodeableConcept"]) })
    #expect(categories["384625004"]??["text"]?.text == "pT2")  // pT category
    #expect(categories["371494008"]??["text"]?.text == "pN0")  // pN category
    #expect(categories["371494008"]??["coding"]?.items.first?["code"]?.text == "1229947003")  // confirmed pN0
    #expect(categories["399387003"]??["text"]?.text == "cM0")  // cM category under a pathological basis
    #expect(categories["399387003"]??["coding"]?.items.first?["code"]?.text == "1229901006")
    let note = ajcc8["note"]?.items.compactMap { $0["text"]?.text }.joined() ?? ""
    #expect(note.contains(Staging.rulesVersion) && note.contains("not a medical device"))
  }

  @Test("unknown stays unknown: no value, data-absent-reason unknown and the reason in a note")
  func unknownStage() throws {
    // Size unknown (TX) with G2: AJCC 8 cannot group (II, IIIA or IIIB); AJCC 7 gives II, substage unknown.
    let file = BundleFixtures.file(
      CaseInput([
        .site: "extremity", .histology: "8890/3", .depth: "deep", .grade: "G2", .nodes: "N0", .metastasis: "M0",
      ]))
    let groups = BundleFixtures.resources(
      try BundleFixtures.bundle(file), "Observation", profile: "mcode-tnm-stage-group")
    let ajcc8 = try #require(groups.first { $0["method"]?["coding"]?.items.first?["code"]?.text == "897275008" })
    #expect(ajcc8["valueCodeableConcept"] == nil)
    #expect(ajcc8["dataAbsentReason"]?["coding"]?.items.first?["code"]?.text == "unknown")
    #expect(ajcc8["note"]?.items.first?["text"]?.text == "TX N0 M0 with G2/G3 could be II, IIIA or IIIB")
    let ajcc7 = try #require(groups.first { $0["method"]?["coding"]?.items.first?["code"]?.text == "443830009" })
    #expect(ajcc7["valueCodeableConcept"]?["text"]?.text == "II" && ajcc7["dataAbsentReason"] == nil)
  }

  @Test("FIGO 2009: code 385361009, uterine method with the text FIGO 2009, NCIt value; no TNM for the uterus (D5)")
  func figo() throws {
    let figo = try #require(
      BundleFixtures.resources(Self.bundle, "Observation", profile: "mcode-gynecologic-tumor-figo-stage").first)
    #expect(figo["code"]?["coding"]?.items.first?["code"]?.text == "385361009")
    #expect(figo["method"]?["coding"]?.items.first?["code"]?.text == "254385004")
    #expect(figo["method"]?["text"]?.text == "FIGO 2009")
    #expect(figo["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text == "C96253")  // IIA: adnexa
    #expect(figo["valueCodeableConcept"]?["text"]?.text == "IIA")
  }

  @Test("size: longest dimension in UCUM cm; specimen for a pathological basis, the tumour body structure otherwise")
  func size() throws {
    let sizes = BundleFixtures.resources(Self.bundle, "Observation", profile: "mcode-tumor-size")
    #expect(sizes.count == 2)
    let pathological = try #require(sizes.first { $0["specimen"] != nil })
    #expect(pathological["focus"] == nil)
    let quantity = pathological["component"]?.items.first?["valueQuantity"]
    #expect(quantity?["value"] == .number(7.5) && quantity?["code"]?.text == "cm")
    let clinical = try #require(sizes.first { $0["focus"] != nil })
    #expect(clinical["specimen"] == nil)
    #expect(BundleFixtures.resources(Self.bundle, "BodyStructure", profile: "mcode-tumor").count == 1)
    #expect(BundleFixtures.resources(Self.bundle, "Specimen", profile: "mcode-human-specimen").count == 1)
  }

  @Test(
    "grade (D3): G1 low, G2 intermediate, G3 high, FNCLCC method text; GX and uterine tumours give none",
    arguments: [("G1", "1155708003"), ("G2", "1286893008"), ("G3", "1155707008"), ("GX", nil), ("high", nil)])
  func grade(_ grade: String, _ code: String?) throws {
    let file = BundleFixtures.file(
      CaseInput([.site: "extremity", .histology: "8890/3", .sizeCm: 3, .depth: "deep", .grade: .text(grade)]))
    let grades = BundleFixtures.resources(
      try BundleFixtures.bundle(file), "Observation", profile: "mcode-histologic-grade")
    if grade == "GX" {
      #expect(grades.isEmpty)
      return
    }
    let value = try #require(grades.first?["valueCodeableConcept"])
    #expect(value["text"]?.text == grade)
    #expect(value["coding"]?.items.first?["code"]?.text == code)
    #expect(grades.first?["method"]?["text"]?.text == (code == nil ? "two-tier" : "FNCLCC"))
    #expect(BundleFixtures.resources(Self.bundle, "Observation", profile: "mcode-histologic-grade").count == 1)
  }

  @Test("treatments: surgery with its margin, a radiotherapy course, medication administrations; reason the condition")
  func treatments() throws {
    let surgery = try #require(
      BundleFixtures.resources(Self.bundle, "Procedure", profile: "mcode-cancer-related-surgical-procedure").first)
    #expect(surgery["outcome"]?["text"]?.text == "R1" && surgery["performedDateTime"]?.text == "2023-03-01")
    #expect(surgery["category"]?["coding"]?.items.first?["code"]?.text == "387713003")
    let radiation = try #require(
      BundleFixtures.resources(Self.bundle, "Procedure", profile: "mcode-radiotherapy-course-summary").first)
    #expect(radiation["status"]?.text == "completed" && radiation["performedPeriod"]?["end"]?.text == "2023-05-10")
    #expect(radiation["note"]?.items.first?["text"]?.text == "50 Gy")
    let medications = BundleFixtures.resources(Self.bundle, "MedicationAdministration")
    #expect(
      medications.map { $0["medicationCodeableConcept"]?["text"]?.text } == [
        "doxorubicin", "systemic therapy (agent not recorded)",
      ])
    #expect(medications.map { $0["status"]?.text } == ["in-progress", "completed"])
    for resource in [surgery, radiation] + medications {
      #expect(resource["reasonReference"]?.items.count == 1)
    }
  }

  @Test("follow-up (D4): recurrence worsened; distant with its site also a secondary condition; imaging with evidence")
  func diseaseStatus() throws {
    let statuses = BundleFixtures.resources(Self.bundle, "Observation", profile: "mcode-cancer-disease-status")
    #expect(
      statuses.map { $0["valueCodeableConcept"]?["text"]?.text } == [
        "imaging: no evidence of disease", "imaging: suspicious", "recurrence (local; site: left thigh)",
        "recurrence (distant; site: lung)",
      ])
    #expect(statuses[0]["valueCodeableConcept"]?["coding"] == nil)  // no code for no evidence of disease
    #expect(statuses[1]["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text == "709137006")
    #expect(statuses[3]["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text == "271299001")
    #expect(
      statuses[0]["extension"]?.items.first?["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text
        == "363679005")
    #expect(statuses[2]["extension"] == nil)
    let secondary = BundleFixtures.resources(Self.bundle, "Condition", profile: "mcode-secondary-cancer-condition")
    #expect(secondary.count == 1 && secondary.first?["code"]?["text"]?.text == "lung")
    #expect(secondary.first?["onsetDateTime"]?.text == "2024-06-01")
  }
}
