import Foundation
import LeioCore
import LeioStore

/// Procedures, medications and disease status as treatments and follow-up events.
extension BundleReader.Reader {
  /// The tumour a reason or focus reference points to (the only tumour when there is no reference and just one).
  func tumour(_ references: [FHIRJSON]) -> Int? {
    for reference in references {
      if let entry = resolve(reference), let index = tumourIndex[entry.url ?? entry.path()] { return index }
    }
    return references.isEmpty && patient?.tumours.count == 1 ? 0 : nil
  }

  /// A `performed[x]` / `effective[x]` as start and end days.
  static func period(_ resource: FHIRJSON, _ prefix: String) -> (start: String?, end: String?) {
    if let day = day(resource[prefix + "DateTime"]) { return (day, nil) }
    let period = resource[prefix + "Period"]
    return (day(period?["start"]), day(period?["end"]))
  }

  mutating func readTreatments() {
    for entry in entries {
      let resource = entry.resource
      let kind: String
      switch entry.type {
      case "Procedure":
        let codes =
          (resource["code"]?["coding"]?.items ?? []) + (resource["category"]?["coding"]?.items ?? [])
        if entry.has(.radiotherapyCourse)
          || codes.contains(where: { $0["code"]?.text == MCODE.radiotherapyCourse.code })
        {
          kind = "radiation"
        } else if entry.has(.surgicalProcedure)
          || codes.contains(where: { $0["code"]?.text == MCODE.surgicalCategory.code })
        {
          kind = "surgery"
        } else {
          continue
        }
      case "MedicationAdministration", "MedicationRequest": kind = "systemic"
      default: continue
      }
      used.insert(entry.index)
      let (start, end) =
        entry.type == "Procedure"
        ? Self.period(resource, "performed")
        : entry.type == "MedicationRequest"
          ? (Self.day(resource["authoredOn"]), nil) : Self.period(resource, "effective")
      guard let start else {
        warn(entry.path(), "a \(kind) treatment without a full start date is not imported")
        continue
      }
      guard let tumour = tumour(resource["reasonReference"]?.items ?? []) else {
        warn(entry.path("reasonReference"), "a treatment not linked to a primary cancer condition is not imported")
        continue
      }
      var treatment = Treatment(tumourID: "", kind: kind, startDate: start, endDate: end, notes: Self.notes(resource))
      if kind == "surgery", let margin = resource["outcome"]?["text"]?.text {
        if Treatment.margins.contains(margin) {
          treatment.margin = margin
        } else {
          warn(entry.path("outcome"), "'\(margin.excerpt())' is not a margin Leio records (R0, R1, R2, RX)")
        }
      }
      if kind == "systemic" {
        let medication = resource["medicationCodeableConcept"]
        let agent = medication?["text"]?.text ?? medication?["coding"]?.items.first?["display"]?.text
        treatment.agent = agent == PatientBundle.Builder.agentNotRecorded ? nil : agent
      }
      patient?.tumours[tumour].treatments.append(treatment)
    }
  }

  /// Disease status observations as recurrence and imaging events (D4), and distant recurrences' sites from the
  /// secondary cancer conditions of the same day.
  static let recurrenceTypes = Set(FollowUpEvent.recurrenceTypes)

  mutating func readDiseaseStatus() {
    let secondaries = entries.filter { $0.type == "Condition" && Self.isSecondary($0) }
    for entry in entries where entry.type == "Observation" {
      guard case .diseaseStatus = Self.kind(entry.resource) else { continue }
      used.insert(entry.index)
      let resource = entry.resource
      guard let date = Self.day(resource["effectiveDateTime"]) else {
        warn(entry.path("effective"), "a disease status without a full date is not imported")
        continue
      }
      let focus = resource["focus"]?.items ?? []
      let tumour = focus.isEmpty ? nil : self.tumour(focus)
      if !focus.isEmpty, tumour == nil {
        warn(entry.path("focus"), "the focus is not a primary cancer condition of the bundle: not imported")
        continue
      }
      let value = resource["valueCodeableConcept"]
      let code = value?["coding"]?.items.first?["code"]?.text
      let text = value?["text"]?.text ?? ""
      let imaging =
        resource["extension"]?.items.contains { ext in
          ext["url"]?.text == MCODE.ExtensionURL.evidenceType
            && ext["valueCodeableConcept"]?["coding"]?.items.contains { $0["code"]?.text == MCODE.imagingEvidence.code }
              == true
        } == true
      var event = FollowUpEvent(patientID: "", kind: imaging ? .imaging : .recurrence, date: date)
      event.notes = Self.notes(resource)
      if imaging {
        switch code {
        case MCODE.worsened.code?: event.imagingResult = "recurrence"
        case MCODE.undetermined.code?: event.imagingResult = "suspicious"
        case nil where text.contains("no evidence of disease"): event.imagingResult = "noEvidence"
        default:
          warn(entry.path("value"), "an imaging result Leio does not record: not imported")
          continue
        }
      } else {
        guard code == MCODE.worsened.code else {
          warn(entry.path("value"), "a disease status other than worsened (recurrence) is not imported")
          continue
        }
        let secondary = secondaries.first { Self.day($0.resource["onsetDateTime"]) == date }
        if let secondary { used.insert(secondary.index) }
        // Leio's own text: "recurrence (local; site: lung)".
        let words = text.firstIndex(of: "(").map {
          text[text.index(after: $0)...].dropLast(text.hasSuffix(")") ? 1 : 0)
        }
        let parts = words.map { $0.components(separatedBy: "; site: ") } ?? []
        if let type = parts.first, Self.recurrenceTypes.contains(type) {
          event.recurrenceType = type
          event.site = parts.count > 1 ? parts[1] : nil
        } else if secondary != nil {
          event.recurrenceType = "distant"
        } else {
          warn(entry.path("value"), "a recurrence without local or distant (and no metastasis that day): not imported")
          continue
        }
        if event.recurrenceType == "distant", event.site == nil {
          event.site = secondary?.resource["code"]?["text"]?.text
        }
      }
      patient?.events.append((event, tumour))
    }
  }
}
