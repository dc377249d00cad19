import Foundation
public import LeioCore

/// A living registry for newcomers (`leio serve --demo`): clearly fictional patients generated deterministically,
/// with tumours at different sites and stages, treatments, visits, recurrences and deaths dated around `today`, so
/// the follow-up dashboard has overdue and due visits at once; and one demo account per role. Recurrences and deaths
/// follow the synthetic outcome model of `leio simulate` (``SyntheticOutcomes``), so the Outcomes page shows effects
/// of stage, grade, size and margin — of made-up data.
public enum DemoRegistry {
  /// The demo accounts' password, printed at start-up. Demo registries must never hold real patient data.
  public static let password = "leio-demo-password"
  public static let accounts: [(username: String, role: Role)] = [
    ("demo.admin", .admin), ("demo.clinician", .clinician), ("demo.registrar", .registrar), ("demo.viewer", .viewer),
  ]

  static let givenNames = [
    "Ada", "Ben", "Cleo", "Dev", "Esme", "Femi", "Greta", "Hugo", "Ines", "Jon", "Kira", "Luca", "Mina", "Nils", "Oona",
    "Paz",
  ]

  /// Case documents of the demo: (label, facts), from the reference's sites and extents.
  static let cases: [(String, CaseInput)] = [
    (
      "extremity",
      CaseInput([
        .site: "extremity", .topography: "C49.2", .laterality: "left", .histology: "8890/3", .sizeCm: 7.5,
        .depth: "deep", .grade: "G3", .nodes: "N0", .metastasis: "M0",
      ])
    ),
    (
      "extremity small",
      CaseInput([
        .site: "extremity", .histology: "8890/3", .sizeCm: 3.2, .depth: "superficial", .grade: "G1", .nodes: "N0",
        .metastasis: "M0",
      ])
    ),
    (
      "uterus",
      CaseInput([
        .site: "uterus", .topography: "C54.9", .histology: "8890/3", .sizeCm: 9, .uterineExtent: "confined",
        .nodes: "N0", .metastasis: "M0",
      ])
    ),
    (
      "uterus adnexa",
      CaseInput([
        .site: "uterus", .histology: "8890/3", .sizeCm: 12, .uterineExtent: "adnexa", .nodes: "N0", .metastasis: "M0",
      ])
    ),
    (
      "retroperitoneum",
      CaseInput([
        .site: "retroperitoneum", .topography: "C48.0", .histology: "8890/3", .sizeCm: 14, .grade: "G2", .nodes: "N0",
        .metastasis: "M0",
      ])
    ),
    (
      "trunk metastatic",
      CaseInput([
        .site: "trunk", .histology: "8890/3", .sizeCm: 11, .depth: "deep", .grade: "G3", .nodes: "N0",
        .metastasis: "M1",
      ])
    ),
    (
      "extremity grade unknown",
      CaseInput([
        .site: "extremity", .histology: "8890/3", .sizeCm: 5.0, .depth: "deep", .nodes: "N0", .metastasis: "M0",
      ])
    ),
  ]

  /// Seeds an empty registry with `patients` fictional patients (deterministic for a given `today`) and the demo
  /// accounts. Does nothing when the registry already has patients.
  /// - Returns: the number of patients added.
  @discardableResult
  public static func seed(_ registry: Registry, patients count: Int = 48, today: CalendarDate) async throws -> Int {
    let actor = AuditContext.system("demo")
    guard try await registry.patients(PatientQuery(includeDeleted: true, limit: 1), by: actor).isEmpty else { return 0 }
    let existing = Set(try await registry.accounts(by: actor).map(\.username))
    for (username, role) in accounts where !existing.contains(username) {
      _ = try await registry.createAccount(username: username, password: password, role: role, by: actor)
    }
    var random = SplitMix64(seed: 20_261_124)
    var outcomes = SplitMix64(seed: 20_261_201)
    let cohort = try SyntheticCohort(seed: 1)
    for index in 1...count {
      let name = "\(givenNames[index % givenNames.count]) Example-\(String(format: "%03d", index)) (fictional)"
      let uterine = index % 3 == 0
      let birth = CalendarDate(year: 1940 + random.below(50), month: 1 + random.below(12), day: 1 + random.below(28))
      let patient = try await registry.createPatient(
        Patient(
          identifier: "DEMO-\(String(format: "%04d", index))", name: name, birthDate: birth?.description,
          sex: uterine ? "female" : ["female", "male"][random.below(2)]), by: actor)
      let choices = cases.filter { ($0.1.text(.site) == "uterus") == uterine }
      let facts = choices[random.below(choices.count)].1
      // Treatment ended between 1 and 60 months ago; diagnosis two months before it.
      let treatmentEnd = today.adding(months: -(1 + random.below(60))).adding(days: -random.below(28))
      let tumour = try await registry.createTumour(
        Tumour(patientID: patient.id, diagnosisDate: treatmentEnd.adding(months: -2).description, facts: facts),
        by: actor)
      let margin = ["R0", "R0", "R1", "R2"][random.below(4)]
      _ = try await registry.createTreatment(
        Treatment(tumourID: tumour.id, kind: "surgery", startDate: treatmentEnd.description, margin: margin), by: actor)
      if facts.text(.grade) == "G3", random.below(2) == 0 {
        _ = try await registry.createTreatment(
          Treatment(
            tumourID: tumour.id, kind: "radiation", startDate: treatmentEnd.adding(days: -60).description,
            endDate: treatmentEnd.adding(days: -25).description), by: actor)
      }
      // The first event after diagnosis, from the synthetic outcome model (SyntheticOutcomes: grade, size and
      // margin on recurrence, age and stage on death; simulation parameters, not clinical estimates).
      let diagnosis = treatmentEnd.adding(months: -2)
      let months = { (date: CalendarDate) in Double(date.dayNumber - diagnosis.dayNumber) / 30.4375 }
      let age = Double(diagnosis.year - (birth?.year ?? diagnosis.year))
      let stage = tumour.summaryStage?.rawValue ?? "unknown"
      let deathRate =
        (cohort.hazards[stage] ?? cohort.hazards["regional"] ?? 0.01)
        * pow(cohort.outcomes.ageRatio, (age - SyntheticOutcomes.meanAge) / 10)
      let deathTime = -log(1 - outcomes.unit()) / deathRate
      let first = cohort.outcomes.firstEvent(
        deathTime: deathTime, grade: facts.text(.grade) ?? "", sizeCm: facts[number: .sizeCm] ?? 5, margin: margin,
        distantAtDiagnosis: stage == "distant", followUp: months(today.adding(days: -1)), random: &outcomes)
      let day = { (months: Double) in diagnosis.adding(days: Int((months * 30.4375).rounded(.down))) }
      let death = deathTime < months(today.adding(days: -1)) ? day(deathTime) : nil
      // Visits: each scheduled visit up to today (or death) took place, except that about one patient in four missed
      // the last.
      let plan = try FollowUp.plan(for: try CaseFacts(facts), treatmentEnd: treatmentEnd)
      let past = plan.visits.filter { $0.date < min(today, death ?? today) }
      let attended = random.below(4) == 0 ? past.dropLast() : past[...]
      for visit in attended {
        _ = try await registry.createEvent(
          FollowUpEvent(
            patientID: patient.id, tumourID: tumour.id, kind: .imaging,
            date: visit.date.adding(days: random.below(10)).description,
            imagingResult: "noEvidence"), by: actor)
      }
      if first.event == 1 || first.event == 2 {
        _ = try await registry.createEvent(
          FollowUpEvent(
            patientID: patient.id, tumourID: tumour.id, kind: .recurrence,
            date: max(day(first.months), diagnosis.adding(days: 1)).description,
            recurrenceType: first.event == 1 ? "local" : "distant", site: first.event == 2 ? "lung" : nil), by: actor)
      }
      if let death {
        _ = try await registry.createEvent(
          FollowUpEvent(patientID: patient.id, kind: .death, date: max(death, diagnosis.adding(days: 1)).description),
          by: actor)
      }
    }
    return count
  }
}
