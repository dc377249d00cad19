import Foundation

extension Tumour {
  /// The tumours in record-number order, each with its NAACCR Tumor Record Number: its own, or the next number
  /// not taken (`01`, `02`, …) for a tumour entered without one (in order of entry). NAACCR and FHIR exports both
  /// number tumours this way.
  public static func numbered(_ tumours: [Tumour]) -> [(tumour: Tumour, number: String)] {
    let live = tumours.filter { $0.deletedAt == nil }.sorted {
      ($0.recordNumber ?? "~", $0.createdAt, $0.id) < ($1.recordNumber ?? "~", $1.createdAt, $1.id)
    }
    var used = Set(live.compactMap(\.recordNumber))
    var next = 1
    return live.map { tumour in
      var number = tumour.recordNumber
      while number == nil {
        let candidate = next < 10 ? "0\(next)" : "\(next)"
        next += 1
        if used.insert(candidate).inserted { number = candidate }
      }
      return (tumour, number ?? "")
    }
  }
}

extension RegistryBackup {
  /// The file of every live patient (live tumours, their live treatments, live events), by identifier.
  public func patientFiles() -> [PatientFile] {
    let liveTumours = tumours.filter { $0.deletedAt == nil }
    let tumourIDs = Set(liveTumours.map(\.id))
    let tumoursByPatient = Dictionary(grouping: liveTumours, by: \.patientID)
    let treatmentsByTumour = Dictionary(
      grouping: treatments.filter { $0.deletedAt == nil && tumourIDs.contains($0.tumourID) }, by: \.tumourID)
    let eventsByPatient = Dictionary(grouping: events.filter { $0.deletedAt == nil }, by: \.patientID)
    return patients.filter { $0.deletedAt == nil }.sorted { $0.identifier < $1.identifier }.map { patient in
      let own = (tumoursByPatient[patient.id] ?? []).sorted { (a: Tumour, b: Tumour) in
        (a.diagnosisDate ?? "", a.createdAt) < (b.diagnosisDate ?? "", b.createdAt)
      }
      let treatments = own.flatMap { treatmentsByTumour[$0.id] ?? [] }.sorted { (a: Treatment, b: Treatment) in
        (a.startDate, a.createdAt) < (b.startDate, b.createdAt)
      }
      let events = (eventsByPatient[patient.id] ?? []).sorted { (a: FollowUpEvent, b: FollowUpEvent) in
        (a.date, a.createdAt) < (b.date, b.createdAt)
      }
      return PatientFile(patient: patient, tumours: own, treatments: treatments, events: events)
    }
  }
}
