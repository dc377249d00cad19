import Foundation
import LeioCore
import LeioStore

/// Treatments and follow-up as mCODE procedures, medication administrations, disease status observations and
/// secondary cancer conditions (`fhir-mcode.md` §3, §5; decisions D4, D6).
extension PatientBundle.Builder {
  /// The text of a systemic therapy whose agent is not recorded (`medication[x]` is required).
  static let agentNotRecorded = "systemic therapy (agent not recorded)"

  mutating func addTreatments() {
    for treatment in file.treatments where treatment.deletedAt == nil {
      guard let condition = conditions[treatment.tumourID] else { continue }
      let name = "treatment/\(treatment.id)/\(treatment.version)"
      let reason: FHIRJSON = [["reference": .string(condition.url)]]
      let notes: FHIRJSON = .array(treatment.notes.map { [["text": .string($0)]] } ?? [])
      let period: FHIRJSON = ["start": .string(treatment.startDate), "end": .optional(treatment.endDate)]
      switch treatment.kind {
      case "surgery":
        add(
          name, "Procedure", .surgicalProcedure,
          [
            "status": "completed", "category": MCODE.surgicalCategory.concept(),
            "code": ["text": "Cancer-related surgery"], "subject": patientReference,
            "performedDateTime": treatment.endDate == nil ? .string(treatment.startDate) : nil,
            "performedPeriod": treatment.endDate == nil ? nil : period,
            "reasonReference": reason, "bodySite": [condition.bodySite],
            "outcome": treatment.margin.map { ["text": .string($0)] } ?? nil, "note": notes,
          ])
      case "radiation":
        add(
          name, "Procedure", .radiotherapyCourse,
          [
            "status": .string(treatment.endDate == nil ? "in-progress" : "completed"),
            "code": MCODE.radiotherapyCourse.concept(), "subject": patientReference, "performedPeriod": period,
            "reasonReference": reason, "note": notes,
          ])
      default:
        add(
          name, "MedicationAdministration", .medicationAdministration,
          [
            "status": .string(treatment.endDate == nil ? "in-progress" : "completed"),
            "medicationCodeableConcept": ["text": .string(treatment.agent ?? Self.agentNotRecorded)],
            "subject": patientReference, "effectivePeriod": period, "reasonReference": reason, "note": notes,
          ])
      }
    }
  }

  /// Recurrences and imaging results as disease status (D4); a distant recurrence with its site also as a secondary
  /// cancer condition. Visits and last contacts are not exported; death is on the patient.
  mutating func addEvents() {
    for event in file.events where event.deletedAt == nil {
      let condition = event.tumourID.flatMap { conditions[$0] }
      if event.tumourID != nil, condition == nil { continue }
      let name = "event/\(event.id)/\(event.version)"
      let value: FHIRJSON
      var evidence: FHIRJSON = []
      switch (event.kind, event.imagingResult) {
      case (.recurrence, _):
        let site = event.site.map { "; site: \($0)" } ?? ""
        value = MCODE.worsened.concept(text: "recurrence (\(event.recurrenceType ?? "type not recorded")\(site))")
      case (.imaging, "recurrence"?):
        value = MCODE.worsened.concept(text: "imaging: recurrence")
      case (.imaging, "suspicious"?):
        value = MCODE.undetermined.concept(text: "imaging: suspicious")
      case (.imaging, "noEvidence"?):
        value = ["text": "imaging: no evidence of disease"]
      default: continue
      }
      if event.kind == .imaging {
        evidence = [
          ["url": .string(MCODE.ExtensionURL.evidenceType), "valueCodeableConcept": MCODE.imagingEvidence.concept()]
        ]
      }
      add(
        name, "Observation", .diseaseStatus,
        [
          "extension": evidence, "status": "final", "code": MCODE.diseaseStatusCode.concept(),
          "subject": patientReference, "focus": condition.map { [["reference": .string($0.url)]] } ?? nil,
          "effectiveDateTime": .string(event.date), "valueCodeableConcept": value,
          "note": .array(event.notes.map { [["text": .string($0)]] } ?? []),
        ])
      if event.kind == .recurrence, event.recurrenceType == "distant", let site = event.site {
        var related: FHIRJSON = []
        if let condition {
          related = [
            [
              "url": .string(MCODE.ExtensionURL.conditionRelated),
              "valueReference": ["reference": .string(condition.url)],
            ]
          ]
        }
        add(
          name + "/secondary", "Condition", .secondaryCondition,
          [
            "extension": related,
            "clinicalStatus": MCODE.Code(MCODE.System.conditionClinical, "active").concept(),
            "verificationStatus": MCODE.Code(MCODE.System.conditionVerification, "confirmed").concept(),
            "category": [MCODE.problemListItem.concept()], "code": ["text": .string(site)],
            "subject": patientReference, "onsetDateTime": .string(event.date),
          ])
      }
    }
  }
}
