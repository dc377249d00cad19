import Foundation
import LeioCore
import LeioStore
import Testing

/// Issue 16 §1: the registry as an analysis dataset. The clock rules of docs/outcomes.md, each on a hand-built
/// history; the dataset's pseudonyms, columns and filters on a real registry (SQLite and PostgreSQL).
@Suite("Outcomes dataset")
struct OutcomeDatasetTests {
  static func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text, field: "date") }

  /// A history: recurrences as (date, distant), death, last follow-up, treatments as (start, end).
  struct History: Sendable, CustomTestStringConvertible {
    let name: String
    let recurrences: [(String, Bool)]
    let death: String?
    let last: String
    let treatments: [(String, String)]
    /// overall, died, eventDays, event, localDays, local, distantDays, distant, treatmentEnd, warnings
    let expected: (Int, Bool, Int, Int, Int, Bool, Int, Bool, Int?, Int)
    var testDescription: String { name }
  }

  static let histories: [History] = [
    History(
      name: "no event: censored at last follow-up", recurrences: [], death: nil, last: "2021-01-01",
      treatments: [("2020-01-15", "2020-02-01")], expected: (366, false, 366, 0, 366, false, 366, false, 31, 0)),
    History(
      name: "death without recurrence: event 3 at death; local and distant censored at death", recurrences: [],
      death: "2020-07-01", last: "2020-06-01", treatments: [],
      expected: (182, true, 182, 3, 182, false, 182, false, nil, 0)),
    History(
      name: "local recurrence then death: event 1; distant censored at death",
      recurrences: [("2020-04-10", false)], death: "2020-12-31", last: "2020-12-01", treatments: [],
      expected: (365, true, 100, 1, 100, true, 365, false, nil, 0)),
    History(
      name: "distant before local: event 2; both clocks", recurrences: [("2020-06-01", false), ("2020-03-01", true)],
      death: nil, last: "2021-01-01", treatments: [], expected: (366, false, 60, 2, 152, true, 60, true, nil, 0)),
    History(
      name: "local and distant the same day: event 2", recurrences: [("2020-03-01", false), ("2020-03-01", true)],
      death: nil, last: "2020-05-01", treatments: [], expected: (121, false, 60, 2, 60, true, 60, true, nil, 0)),
    History(
      name: "recurrence on the day of death: the recurrence is the event", recurrences: [("2020-03-01", true)],
      death: "2020-03-01", last: "2020-02-01", treatments: [], expected: (60, true, 60, 2, 60, false, 60, true, nil, 0)),
    History(
      name: "a recurrence recorded after death is ignored, with a warning", recurrences: [("2020-05-01", false)],
      death: "2020-03-01", last: "2020-05-01", treatments: [], expected: (60, true, 60, 3, 60, false, 60, false, nil, 1)
    ),
    History(
      name: "a recurrence before the diagnosis is ignored, with a warning", recurrences: [("2019-12-01", true)],
      death: nil, last: "2020-02-01", treatments: [], expected: (31, false, 31, 0, 31, false, 31, false, nil, 1)),
    History(
      name: "primary treatment: treatments begun before the first recurrence; the latest end",
      recurrences: [("2020-06-01", false)], death: nil, last: "2020-12-01",
      treatments: [("2020-01-20", "2020-01-20"), ("2020-02-01", "2020-03-15"), ("2020-07-01", "2020-08-01")],
      expected: (335, false, 152, 1, 152, true, 335, false, 74, 0)),
    History(
      name: "the diagnosis is the last date: zero days", recurrences: [], death: nil, last: "2020-01-01",
      treatments: [], expected: (0, false, 0, 0, 0, false, 0, false, nil, 0)),
  ]

  @Test("the clock rules, one hand-built history each (diagnosis 2020-01-01)", arguments: histories)
  func clocks(_ history: History) {
    let clocks = OutcomeClocks(
      diagnosis: Self.day("2020-01-01"),
      recurrences: history.recurrences.map { OutcomeClocks.Recurrence(date: Self.day($0.0), distant: $0.1) },
      death: history.death.map(Self.day), lastFollowUp: Self.day(history.last),
      treatments: history.treatments.map { (Self.day($0.0), Self.day($0.1)) })
    let e = history.expected
    #expect(clocks.overallDays == e.0 && clocks.died == e.1, "overall")
    #expect(clocks.eventDays == e.2 && clocks.event == e.3, "first event")
    #expect(clocks.localDays == e.4 && clocks.local == e.5, "local")
    #expect(clocks.distantDays == e.6 && clocks.distant == e.7, "distant")
    #expect(clocks.treatmentEndDays == e.8, "end of primary treatment")
    #expect(clocks.warnings.count == e.9, "\(clocks.warnings)")
    // Times from the end of primary treatment: the difference, never negative.
    if let end = e.8 { #expect(clocks.fromTreatmentEnd(e.0) == (e.0 >= end ? e.0 - end : nil)) }
  }

  @Test(
    "the dataset: one pseudonymous row per dated tumour, new pseudonyms per export, filters",
    arguments: TestBackend.available)
  func dataset(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(
        Patient(identifier: "MRN-SECRET", name: "Ada Secretname", birthDate: "1950-06-15", sex: "female"), by: tester)
      let tumour = try await registry.createTumour(
        Tumour(
          patientID: patient.id, diagnosisDate: "2020-01-01",
          facts: CaseInput([
            .site: "extremity", .histology: "8890/3", .sizeCm: 7.5, .depth: "deep", .grade: "G3", .nodes: "N0",
            .metastasis: "M0",
          ])), by: tester)
      _ = try await registry.createTumour(
        Tumour(patientID: patient.id, facts: CaseInput([.site: "retroperitoneum", .sizeCm: 3.0])), by: tester)
      _ = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2020-01-20", margin: "R1"), by: tester)
      _ = try await registry.createEvent(
        FollowUpEvent(
          patientID: patient.id, tumourID: tumour.id, kind: .recurrence, date: "2020-06-01", recurrenceType: "distant",
          site: "lung"),
        by: tester)
      _ = try await registry.createEvent(
        FollowUpEvent(patientID: patient.id, kind: .death, date: "2021-01-01"), by: tester)
      let first = try await registry.outcomes(OutcomeDataset.Filter(), by: tester)
      #expect(first.rows.count == 1 && first.withoutDiagnosisDate == 1)
      let row = Dictionary(uniqueKeysWithValues: zip(OutcomeDataset.columns, first.rows[0]))
      #expect(row["ageAtDiagnosis"] == "69" && row["sex"] == "female" && row["siteGroup"] == "TE")
      #expect(row["stage"] == "IIIA" && row["ajcc8Stage"] == "IIIA" && row["margin"] == "R1" && row["surgery"] == "1")
      #expect(row["grade"] == "G3" && row["diagnosisYear"] == "2020" && row["treatmentEndDays"] == "19")
      #expect(row["osDays"] == "366" && row["died"] == "1" && row["eventDays"] == "152" && row["event"] == "2")
      #expect(row["distantDays"] == "152" && row["localDays"] == "366" && row["local"] == "0")
      #expect(row["osDaysFromTreatmentEnd"] == "347" && row["eventDaysFromTreatmentEnd"] == "133")
      let csv = first.csv
      for secret in ["MRN-SECRET", "Secretname", patient.id, tumour.id, "1950-06-15", "2020-01-01", "lung"] {
        #expect(!csv.contains(secret), "the dataset holds no identifying data: \(secret)")
      }
      let second = try await registry.outcomes(OutcomeDataset.Filter(), by: tester)
      #expect(second.rows[0][0] != first.rows[0][0], "a new salt per export")
      #expect(Array(second.rows[0].dropFirst(2)) == Array(first.rows[0].dropFirst(2)))
      let later = try await registry.outcomes(OutcomeDataset.Filter(from: Self.day("2020-01-02")), by: tester)
      #expect(later.rows.isEmpty)
      let retro = try await registry.outcomes(OutcomeDataset.Filter(siteGroup: .retroperitoneum), by: tester)
      #expect(retro.rows.isEmpty)
    }
  }
}
