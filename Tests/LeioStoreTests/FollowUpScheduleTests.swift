import Foundation
import LeioCore
import LeioStore
import Testing

/// The next visit due follows the §9.4 plan from the treatments and the visits that took place.
@Suite("Registry follow-up schedule")
struct FollowUpScheduleTests {
  @Test(
    "month 0 is the end of treatment; a visit moves the next due on; a missed one stays due; death ends it",
    arguments: TestBackend.available)
  func nextDue(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(Patient(identifier: "SYN-0100", name: "Fictional"), by: tester)
      var tumour = try await registry.createTumour(
        Tumour(patientID: patient.id, diagnosisDate: "2025-11-03", facts: extremityG3), by: tester)
      #expect(tumour.nextDueDate == nil && tumour.riskGroup == nil, "no treatment date yet: no schedule")

      let surgery = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-01-15", margin: "R0"), by: tester)
      tumour = try await registry.tumour(tumour.id, by: tester)
      // RG-HI (G3, §9.4 rule 3): the first visit is 3 months after the end of treatment.
      let plan = try FollowUp.plan(
        for: try CaseFacts(extremityG3), treatmentEnd: try CalendarDate(parsing: "2026-01-15", field: "t"))
      #expect(tumour.riskGroup?.rawValue == "RG-HI" && plan.riskGroup.rawValue == "RG-HI")
      #expect(tumour.nextDueDate == plan.visits[0].date)
      #expect(tumour.version == 1, "derived follow-up data does not change the tumour's version")

      // A later treatment end moves month 0.
      let radiation = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "radiation", startDate: "2026-02-01", endDate: "2026-03-10"), by: tester)
      let later = try FollowUp.plan(
        for: try CaseFacts(extremityG3), treatmentEnd: try CalendarDate(parsing: "2026-03-10", field: "t"))
      #expect(try await registry.tumour(tumour.id, by: tester).nextDueDate == later.visits[0].date)

      // The first visit took place (a few days late): the next due is the second scheduled visit.
      let visitDate = later.visits[0].date.adding(days: 4).description
      _ = try await registry.createEvent(
        FollowUpEvent(
          patientID: patient.id, tumourID: tumour.id, kind: .imaging, date: visitDate, imagingResult: "noEvidence"),
        by: tester)
      #expect(try await registry.tumour(tumour.id, by: tester).nextDueDate == later.visits[1].date)

      // Listing: overdue the day after the second visit was due; due within 30 days just before it.
      let dueDay = later.visits[1].date
      #expect(
        try await registry.patients(PatientQuery(overdueOn: dueDay.adding(days: 1)), by: tester).map(\.patient.id) == [
          patient.id
        ])
      #expect(
        try await registry.patients(PatientQuery(overdueOn: dueDay), by: tester).isEmpty, "due today is not overdue")
      #expect(
        try await registry.patients(PatientQuery(dueWithin30DaysOf: dueDay.adding(days: -30)), by: tester).count == 1)
      #expect(
        try await registry.patients(PatientQuery(dueWithin30DaysOf: dueDay.adding(days: -31)), by: tester).isEmpty)

      // Deleting the radiation brings month 0 back to the surgery; restoring it moves it again.
      _ = try await registry.deleteTreatment(radiation.id, version: 1, by: tester)
      let fromSurgery = try await registry.tumour(tumour.id, by: tester).nextDueDate
      #expect(fromSurgery?.description == plan.visits.first { $0.date.description > visitDate }?.date.description)
      _ = try await registry.restoreTreatment(radiation.id, version: 2, by: tester)
      #expect(try await registry.tumour(tumour.id, by: tester).nextDueDate == later.visits[1].date)
      _ = surgery

      _ = try await registry.createEvent(
        FollowUpEvent(patientID: patient.id, kind: .death, date: "2026-09-01"), by: tester)
      #expect(try await registry.tumour(tumour.id, by: tester).nextDueDate == nil, "no visits are due after death")
    }
  }

  @Test("the case file holds the live records in date order", arguments: TestBackend.available)
  func caseFile(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(Patient(identifier: "SYN-0101", name: "Fictional"), by: tester)
      let tumour = try await registry.createTumour(
        Tumour(patientID: patient.id, diagnosisDate: "2025-11-03", facts: extremityG3), by: tester)
      _ = try await registry.createTreatment(
        Treatment(
          tumourID: tumour.id, kind: "systemic", startDate: "2026-03-01", endDate: "2026-06-01", agent: "doxorubicin"),
        by: tester)
      _ = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2026-01-15", margin: "R1"), by: tester)
      let event = try await registry.createEvent(
        FollowUpEvent(
          patientID: patient.id, kind: .recurrence, date: "2026-10-01", recurrenceType: "distant", site: "lung"),
        by: tester)
      _ = try await registry.deleteEvent(event.id, version: 1, by: tester)
      let file = try await registry.file(patient.id, by: tester)
      #expect(file.tumours.map(\.id) == [tumour.id])
      #expect(file.treatments.map(\.kind) == ["surgery", "systemic"])
      #expect(file.events.isEmpty, "the deleted event is not in the file")
    }
  }
}
