import Foundation
import LeioCore
import LeioStore

/// A tumour as a primary cancer condition with its stages, size and grade (`fhir-mcode.md` §3, §5).
extension PatientBundle.Builder {
  mutating func addTumour(_ tumour: Tumour, number: String) {
    let name = "tumour/\(tumour.id)/\(tumour.version)"
    let conditionURL = ResourceID.url(name)
    let facts = try? CaseFacts(tumour.facts)
    let effective = tumour.diagnosisDate ?? Self.day(milliseconds: tumour.updatedAt)
    let bodySite = Self.bodySite(facts)
    conditions[tumour.id] = (conditionURL, tumour, bodySite)
    let report = facts.flatMap { try? Staging.stage($0, explain: false) }

    // The stage observations' full URLs are known before they are written (name-based): the condition comes first.
    let results = (report?.results ?? []).filter { $0.status != .notApplicable }
    var stages: [FHIRJSON] = []
    for result in results {
      let url = ResourceID.url("\(name)/stage/\(result.system.rawValue)/group")
      if result.system == .figo2009 {
        stages.append(
          ["assessment": [["reference": .string(url)]], "type": MCODE.figoUterineMethod.concept(text: "FIGO 2009")])
      } else if let method = MCODE.method(result.system) {
        stages.append(["assessment": [["reference": .string(url)]], "type": method.concept()])
      }
    }
    let recurred = file.events.contains { $0.kind == .recurrence && $0.tumourID == tumour.id }
    var extensions: [FHIRJSON] = []
    if let histology = facts?.histology {
      extensions.append([
        "url": .string(MCODE.ExtensionURL.histology),
        "valueCodeableConcept": MCODE.Code(MCODE.System.icdO3, histology.code, histology.term).concept(),
      ])
    }
    extensions.append([
      "url": .string(MCODE.caseDocumentExtension), "valueString": .string(Self.caseDocument(tumour.facts)),
    ])
    var notes: [FHIRJSON] = []
    if facts == nil {
      notes.append(["text": "Leio could not read this tumour's case document with the current rules; no stage is sent."]
      )
    }
    add(
      name, "Condition", .primaryCondition,
      [
        "extension": .array(extensions),
        "identifier": [["use": "usual", "system": .string(MCODE.tumourIdentifierSystem), "value": .string(number)]],
        "clinicalStatus": MCODE.Code(MCODE.System.conditionClinical, recurred ? "recurrence" : "active").concept(),
        "verificationStatus": MCODE.Code(MCODE.System.conditionVerification, "confirmed").concept(),
        "category": [MCODE.problemListItem.concept()], "code": MCODE.malignantNeoplasm.concept(),
        "bodySite": [bodySite], "subject": patientReference, "onsetDateTime": .optional(tumour.diagnosisDate),
        "stage": .array(stages), "note": .array(notes),
      ])
    for result in results {
      let reported = tumour.reportedStages?.first { $0.system == result.system }
      let context = StageContext(
        name: "\(name)/stage/\(result.system.rawValue)", condition: conditionURL, effective: effective,
        basis: facts?.basis, summary: report?.summaryStage, reported: reported)
      if result.system == .figo2009 {
        addFIGOStage(result, context)
      } else if let method = MCODE.method(result.system) {
        addTNMStage(result, method: method, context)
      }
    }
    if let facts {
      addSize(facts, tumour: tumour, name: name, number: number, condition: conditionURL, effective: effective)
      addGrade(facts, name: name, condition: conditionURL, effective: effective)
    }
  }

  /// `Condition.bodySite`: the ICD-O-3 topography (`C49.2`) with the laterality qualifier; only a site group →
  /// `text`, no code (§5).
  static func bodySite(_ facts: CaseFacts?) -> FHIRJSON {
    var site: FHIRJSON = [:]
    if let laterality = facts?.laterality, let code = MCODE.laterality[laterality] {
      site.set("extension", [["url": .string(MCODE.ExtensionURL.laterality), "valueCodeableConcept": code.concept()]])
    }
    if let topography = facts?.topography {
      site.set("coding", [MCODE.Code(MCODE.System.icdO3, topography.description).json])
    }
    site.set("text", .optional(facts?.topography?.description ?? facts?.site?.rawValue))
    return site
  }

  /// The case document as stored (sorted keys).
  static func caseDocument(_ facts: CaseInput) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(facts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  // MARK: Size and grade

  /// The tumour size observation: longest dimension in cm; `focus` the tumour body structure (clinical or unknown
  /// basis) or `specimen` a tumour specimen (pathological basis; a Leio rule, §5).
  mutating func addSize(
    _ facts: CaseFacts, tumour: Tumour, name: String, number: String, condition: String, effective: String
  ) {
    guard let size = facts.sizeCm else { return }
    let identifier: FHIRJSON = [
      "use": "usual", "type": MCODE.bodyStructureType.concept(), "system": .string(MCODE.tumourIdentifierSystem),
      "value": .string(number),
    ]
    var link: FHIRJSON = [:]
    if facts.basis == .pathological {
      let url = add(
        name + "/specimen", "Specimen", .humanSpecimen,
        [
          "identifier": [["use": "usual", "system": .string(MCODE.tumourIdentifierSystem), "value": .string(number)]],
          "type": MCODE.tumourSpecimen.concept(), "subject": patientReference,
        ])
      link.set("specimen", ["reference": .string(url)])
    } else {
      let url = add(
        name + "/tumor", "BodyStructure", .tumor,
        [
          "extension": [
            ["url": .string(MCODE.ExtensionURL.relatedCondition), "valueReference": ["reference": .string(condition)]]
          ],
          "identifier": [identifier], "location": conditions[tumour.id]?.bodySite.withoutExtensions ?? [:],
          "patient": patientReference,
        ])
      link.set("focus", [["reference": .string(url)]])
    }
    add(
      name + "/size", "Observation", .tumorSize,
      [
        "status": "final", "code": MCODE.tumorSizeCode.concept(), "subject": patientReference,
        "effectiveDateTime": .string(effective), "focus": link["focus"] ?? nil, "specimen": link["specimen"] ?? nil,
        "component": [
          [
            "code": MCODE.longestDimension.concept(),
            "valueQuantity": [
              "value": .number(size), "unit": "cm", "system": .string(MCODE.System.ucum), "code": "cm",
            ],
          ]
        ],
      ])
  }

  /// The histologic grade observation (decision D3): G1–G3 coded, two-tier low/high as text; GX, a
  /// differentiation-only grade and uterine tumours (not graded, reference §5.1.3) give none.
  mutating func addGrade(_ facts: CaseFacts, name: String, condition: String, effective: String) {
    guard facts.site != .uterus, let grade = facts.recordedGrade, grade != .gx, grade != .differentiation else {
      return
    }
    let value: FHIRJSON =
      if let code = MCODE.gradeValues[grade] {
        MCODE.Code(MCODE.System.snomed, code).concept(text: grade.rawValue)
      } else {
        ["text": .string(grade.rawValue)]
      }
    add(
      name + "/grade", "Observation", .histologicGrade,
      [
        "extension": [
          ["url": .string(MCODE.ExtensionURL.relatedCondition), "valueReference": ["reference": .string(condition)]]
        ],
        "status": "final", "category": [MCODE.laboratoryCategory.concept()],
        "code": MCODE.histologicGradeCode.concept(), "subject": patientReference,
        "effectiveDateTime": .string(effective), "valueCodeableConcept": value,
        "method": ["text": .string([.low, .high].contains(grade) ? "two-tier" : "FNCLCC")],
      ])
  }
}

extension FHIRJSON {
  /// The value without its `extension` member (a body site's codes as a body structure's location).
  var withoutExtensions: FHIRJSON {
    var copy = self
    copy.remove("extension")
    return copy
  }
}
