import Foundation
import LeioCore
import LeioFHIR
import LeioStore
import Testing

/// Issue 15 §2: reading a bundle into registry records; refusals name the resource and element; hostile input never
/// crashes.
@Suite("mCODE bundle reader")
struct BundleReaderTests {
  static func read(_ bundle: FHIRJSON) throws(FHIRBundleError) -> FHIRPatientImport {
    try BundleReader.read(Data(bundle.serialized().utf8), identifierSystem: BundleFixtures.system)
  }

  static func problems(_ bundle: FHIRJSON) -> [FHIRProblem] {
    do {
      _ = try read(bundle)
      return []
    } catch { return error.problems }
  }

  @Test("Leio's own bundle reads back to the same records: patient, case documents, treatments, events")
  func roundTrip() throws {
    let file = BundleFixtures.rich()
    let read = try Self.read(try BundleFixtures.bundle(file))
    let patient = read.patient
    #expect(read.warnings == [])
    #expect(patient.identifier == "MRN-0042" && patient.name == "Example, Ada Grace" && patient.sex == "female")
    #expect(patient.birthDate == "1958-11-30")
    // Record-number order (uterus 02, extremity 01).
    #expect(patient.tumours.map(\.recordNumber) == ["02", "01"])
    #expect(patient.tumours.map(\.facts) == [file.tumours[1].facts, file.tumours[0].facts])
    #expect(patient.tumours.map(\.diagnosisDate) == ["2025-06-01", "2023-02-10"])
    #expect(patient.tumours.allSatisfy { $0.reportedStages == [] })
    let treatments = patient.tumours[1].treatments.map {
      [$0.kind, $0.startDate, $0.endDate, $0.margin, $0.agent, $0.notes]
    }
    #expect(
      treatments == [
        ["surgery", "2023-03-01", nil, "R1", nil, nil], ["radiation", "2023-04-01", "2023-05-10", nil, nil, "50 Gy"],
        ["systemic", "2024-01-05", nil, nil, "doxorubicin", nil],
      ])
    #expect(patient.tumours[0].treatments.map(\.agent) == [nil])
    let events = patient.events.map {
      [
        $0.event.kind.rawValue, $0.event.date, $0.event.imagingResult, $0.event.recurrenceType, $0.event.site,
        $0.event.notes,
      ]
    }
    #expect(
      events == [
        ["death", "2025-12-01", nil, nil, nil, nil], ["imaging", "2023-08-01", "noEvidence", nil, nil, nil],
        ["imaging", "2023-11-01", "suspicious", nil, nil, nil],
        ["recurrence", "2023-12-01", nil, "local", "left thigh", "biopsy-proven"],
        ["recurrence", "2024-06-01", nil, "distant", "lung", nil],
      ])
    #expect(patient.events.map(\.tumour) == [nil, 1, 1, 1, 1])
  }

  /// The rich bundle with its extremity condition changed.
  static func withCondition(_ change: (inout FHIRJSON) -> Void) throws -> FHIRJSON {
    var bundle = try BundleFixtures.bundle(BundleFixtures.rich())
    var entries = bundle["entry"]?.items ?? []
    let index = try #require(
      entries.firstIndex { $0["resource"]?["bodySite"]?.items.first?["coding"]?.items.first?["code"]?.text == "C49.2" })
    var resource = try #require(entries[index]["resource"])
    change(&resource)
    entries[index].set("resource", resource)
    bundle.set("entry", .array(entries))
    return bundle
  }

  @Test(
    "a bundle Leio cannot use is refused with the FHIRPath location",
    arguments: [
      ("not JSON", "Bundle", "not valid JSON"),
      ("not a bundle", "Bundle.resourceType", "expected a Bundle, not 'Patient'"),
      ("two patients", "Bundle.entry", "exactly one Patient; this one has 2"),
      ("no histology", "resource.ofType(Condition).extension", "Leio needs the histology"),
      ("no site", "resource.ofType(Condition).bodySite", "Leio needs the primary site"),
      ("bad topography", "resource.ofType(Condition).bodySite[0].coding", "not an ICD-O-3 topography code"),
      ("bad size unit", "resource.ofType(Observation).component[0].valueQuantity", "UCUM cm or mm"),
      ("no identifier", "resource.ofType(Patient).identifier", "no identifier"),
      ("bad case document", "resource.ofType(Condition).extension[1].valueString", "case document cannot be read"),
      ("inconsistent grade", "resource.ofType(Observation).value", "FNCLCC"),
    ])
  func refused(_ what: String, _ location: String, _ message: String) throws {
    let bundle: FHIRJSON
    switch what {
    case "not JSON":
      do {
        _ = try BundleReader.read(Data("{\"resourceType\": \"Bundle\",".utf8), identifierSystem: BundleFixtures.system)
        Issue.record("read")
      } catch {
        #expect(error.problems.first?.location == location && error.problems.first?.message.contains(message) == true)
      }
      return
    case "not a bundle": bundle = ["resourceType": "Patient"]
    case "two patients":
      var rich = try BundleFixtures.bundle(BundleFixtures.rich())
      var entries = rich["entry"]?.items ?? []
      var copy = entries[0]
      copy.set("fullUrl", "urn:uuid:00000000-0000-8000-8000-000000000001")
      entries.append(copy)
      rich.set("entry", .array(entries))
      bundle = rich
    case "no histology":
      bundle = try Self.withCondition { condition in
        condition.set(
          "extension",
          .array(
            (condition["extension"]?.items ?? []).filter {
              $0["url"]?.text?.hasSuffix("histology-morphology-behavior") == true
            }.isEmpty ? [] : []))
      }
    case "no site":
      bundle = try Self.withCondition {
        $0.remove("bodySite")
        $0.remove("extension")
      }
    case "bad topography":
      bundle = try Self.withCondition {
        $0.set(
          "bodySite", [["coding": [["system": "http://terminology.hl7.org/CodeSystem/icd-o-3", "code": "C99.9"]]]])
      }
    case "bad size unit":
      var rich = try BundleFixtures.bundle(BundleFixtures.rich())
      var entries = rich["entry"]?.items ?? []
      let index = try #require(
        entries.firstIndex { $0["resource"]?["code"]?["coding"]?.items.first?["code"]?.text == "21889-1" })
      var resource = try #require(entries[index]["resource"])
      resource.set(
        "component",
        [
          [
            "code": ["coding": [["system": "http://loinc.org", "code": "33728-7"]]],
            "valueQuantity": ["value": 3, "code": "[in_i]"],
          ]
        ])
      entries[index].set("resource", resource)
      rich.set("entry", .array(entries))
      bundle = rich
    case "no identifier":
      var rich = try BundleFixtures.bundle(BundleFixtures.rich())
      var entries = rich["entry"]?.items ?? []
      var patient = try #require(entries[0]["resource"])
      patient.remove("identifier")
      entries[0].set("resource", patient)
      rich.set("entry", .array(entries))
      bundle = rich
    case "bad case document":
      bundle = try Self.withCondition { condition in
        var extensions = condition["extension"]?.items ?? []
        extensions[1].set("valueString", "{\"sizeCm\": \"big\"}")
        condition.set("extension", .array(extensions))
      }
    default:
      // The grade observation says G1; the case document's grade is G3 with the same… FNCLCC components giving G3.
      var rich = try BundleFixtures.bundle(BundleFixtures.rich())
      var entries = rich["entry"]?.items ?? []
      let condition = try #require(
        entries.firstIndex {
          $0["resource"]?["bodySite"]?.items.first?["coding"]?.items.first?["code"]?.text == "C49.2"
        })
      var resource = try #require(entries[condition]["resource"])
      var extensions = resource["extension"]?.items ?? []
      extensions[1].set(
        "valueString",
        #"{"basis":"pathological","depth":"deep","fnclcc":{"differentiationScore":3,"mitoticCount":25,"necrosis":"atLeastHalf"},"histology":"8890/3","laterality":"left","metastasis":"M0","nodes":"N0","sizeCm":7.5,"topography":"C49.2"}"#
      )
      resource.set("extension", .array(extensions))
      entries[condition].set("resource", resource)
      let grade = try #require(
        entries.firstIndex { $0["resource"]?["code"]?["coding"]?.items.first?["code"]?.text == "C18000" })
      var observation = try #require(entries[grade]["resource"])
      observation.set(
        "valueCodeableConcept", ["coding": [["system": "http://snomed.info/sct", "code": "1155708003"]], "text": "G1"])
      entries[grade].set("resource", observation)
      rich.set("entry", .array(entries))
      bundle = rich
    }
    let problems = Self.problems(bundle)
    #expect(
      problems.contains { $0.location.hasSuffix(location) && $0.message.contains(message) }, "\(what): \(problems)")
  }

  @Test("another sender's bundle (no Leio document): facts from the elements; its stage kept where Leio's differs")
  func foreignSender() throws {
    var bundle = try BundleFixtures.bundle(
      BundleFixtures.file(
        CaseInput([
          .topography: "C49.2", .histology: "8890/3", .sizeCm: 7.5, .depth: "deep", .grade: "G3", .nodes: "N0",
          .metastasis: "M0", .basis: "clinical",
        ])))
    var entries = bundle["entry"]?.items ?? []
    for index in entries.indices {
      guard var resource = entries[index]["resource"] else { continue }
      if resource["resourceType"]?.text == "Condition" {
        resource.set(
          "extension",
          .array((resource["extension"]?.items ?? []).filter { $0["url"]?.text != MCODE.caseDocumentExtension }))
        resource.remove("identifier")
      }
      // The sender's AJCC 8 group says IIIB (Leio: IIIA for 7.5 cm deep G3).
      if resource["method"]?["coding"]?.items.first?["code"]?.text == "897275008", resource["hasMember"] != nil {
        resource.set("valueCodeableConcept", ["text": "IIIB"])
      }
      entries[index].set("resource", resource)
    }
    bundle.set("entry", .array(entries))
    let read = try Self.read(bundle)
    let tumour = try #require(read.patient.tumours.first)
    #expect(tumour.recordNumber == nil)
    let facts = try CaseFacts(tumour.facts)
    #expect(facts.topography?.description == "C49.2" && facts.histology?.code == "8890/3" && facts.sizeCm == 7.5)
    #expect(facts.grade == .g3 && facts.nodes == .n0 && facts.metastasis == .m0 && facts.basis == .clinical)
    #expect(facts.depth == nil)  // not in mCODE: AJCC 7 cannot tell T2a from T2b
    let stages = try #require(tumour.reportedStages)
    let ajcc8 = try #require(stages.first { $0.system == .ajcc8 })
    #expect(ajcc8.stageGroup == "IIIB" && ajcc8.leioStageGroup == "IIIA" && ajcc8.t == "cT2")
    #expect(stages.contains { $0.system == .ajcc7 })  // depth unknown: Leio's AJCC 7 substage differs too
  }

  @Test("hostile input: 400 mutated bundles never crash; each is read or refused with located problems")
  func mutations() throws {
    let text = Array(
      PatientBundle.build(BundleFixtures.rich(), identifierSystem: BundleFixtures.system).serialized().utf8)
    var random = SplitMix(seed: 15)
    let alphabet = Array("{}[]\":,0123456789.-abcnrtu\\ eE".utf8)
    for _ in 0..<400 {
      var bytes = text
      for _ in 0..<(1 + Int(random.next() % 4)) {
        let position = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 3 {
        case 0: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: position)
        default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
        }
      }
      do {
        _ = try BundleReader.read(Data(bytes), identifierSystem: BundleFixtures.system)
      } catch {
        #expect(!error.problems.isEmpty && error.problems.allSatisfy { $0.location.hasPrefix("Bundle") })
      }
    }
    // Nesting past the limit, and a bundle past the size limit, are refused, not followed.
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: FHIRBundleError.self) { try BundleReader.read(Data(deep.utf8), identifierSystem: "urn:x") }
    let large = Data(count: BundleReader.maximumBytes + 1)
    #expect(throws: FHIRBundleError.self) { try BundleReader.read(large, identifierSystem: "urn:x") }
  }
}

/// A small deterministic generator for the property tests.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
