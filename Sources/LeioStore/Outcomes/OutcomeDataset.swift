import Crypto
import Foundation
public import LeioCore

/// The registry as an analysis dataset: one row per tumour with its facts, stage, treatments and follow-up clocks
/// (``OutcomeClocks``), under pseudonyms — a per-export salted hash of the record ids, never names, identifiers or
/// dates (the diagnosis year only). `leio export outcomes` and `GET /api/v1/export/outcomes` write it as CSV.
public struct OutcomeDataset: Sendable {
  /// Which tumours: diagnosed in `from...to` (inclusive; either open), in the site group, when given.
  public struct Filter: Sendable, Hashable {
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var siteGroup: SiteGroup?
    /// A filter.
    public init(from: CalendarDate? = nil, to: CalendarDate? = nil, siteGroup: SiteGroup? = nil) {
      (self.from, self.to, self.siteGroup) = (from, to, siteGroup)
    }
  }

  /// The CSV columns, in order.
  public static let columns = [
    "patient", "tumour", "ageAtDiagnosis", "sex", "siteGroup", "histology", "sizeCm", "depth", "grade",
    "stagingSystem", "stage", "ajcc8Stage", "summaryStage", "margin", "surgery", "radiation", "systemic",
    "diagnosisYear", "treatmentEndDays", "osDays", "died", "eventDays", "event", "localDays", "local", "distantDays",
    "distant", "osDaysFromTreatmentEnd", "eventDaysFromTreatmentEnd",
  ]

  /// One row per tumour, each value as the CSV writes it (empty = unknown).
  public var rows: [[String]] = []
  /// Live tumours left out: no full date of diagnosis.
  public var withoutDiagnosisDate = 0
  /// What the clocks ignored, with the row's pseudonym.
  public var warnings: [String] = []

  /// The dataset of `files` (``RegistryBackup/patientFiles()``), pseudonymised with `salt` (random per export: the
  /// same record has another pseudonym in the next export).
  public init(_ files: [PatientFile], filter: Filter = Filter(), salt: [UInt8]) {
    for file in files {
      let patient = Self.pseudonym("patient", file.patient.id, salt)
      let death = file.events.filter { $0.kind == .death }.compactMap {
        try? CalendarDate(parsing: $0.date, field: "date")
      }.min()
      var dates = file.events.compactMap { try? CalendarDate(parsing: $0.date, field: "date") }
      dates += file.treatments.flatMap { [$0.startDate, $0.endDate].compactMap { $0 } }.compactMap {
        try? CalendarDate(parsing: $0, field: "date")
      }
      dates += file.tumours.compactMap { $0.diagnosisDate.flatMap { try? CalendarDate(parsing: $0, field: "date") } }
      let lastFollowUp = dates.filter { death == nil || $0 <= death! }.max()
      for tumour in file.tumours where tumour.deletedAt == nil {
        guard let diagnosis = tumour.diagnosisDate.flatMap({ try? CalendarDate(parsing: $0, field: "date") }) else {
          withoutDiagnosisDate += 1
          continue
        }
        if let from = filter.from, diagnosis < from { continue }
        if let to = filter.to, to < diagnosis { continue }
        if let group = filter.siteGroup, tumour.siteGroup != group { continue }
        let facts = try? CaseFacts(tumour.facts)
        let recurrences = file.events.filter {
          $0.kind == .recurrence
            && ($0.tumourID == tumour.id || ($0.tumourID == nil && file.tumours.count == 1))
        }.compactMap { event in
          (try? CalendarDate(parsing: event.date, field: "date")).map {
            OutcomeClocks.Recurrence(date: $0, distant: event.recurrenceType == "distant")
          }
        }
        let treatments = file.treatments.filter { $0.tumourID == tumour.id && $0.deletedAt == nil }
        let spans = treatments.compactMap { treatment -> (start: CalendarDate, end: CalendarDate)? in
          guard let start = try? CalendarDate(parsing: treatment.startDate, field: "date") else { return nil }
          return (start, treatment.endDate.flatMap { try? CalendarDate(parsing: $0, field: "date") } ?? start)
        }
        let clocks = OutcomeClocks(
          diagnosis: diagnosis, recurrences: recurrences, death: death, lastFollowUp: lastFollowUp ?? diagnosis,
          treatments: spans)
        let name = Self.pseudonym("tumour", tumour.id, salt)
        warnings += clocks.warnings.map { "tumour \(name): \($0)" }
        let ajcc8 = facts.flatMap { try? Staging.stage($0, systems: [.ajcc8], explain: false).results.first }
        let margin = treatments.filter { $0.kind == "surgery" }.min { $0.startDate < $1.startDate }?.margin
        let age = file.patient.birthDate.flatMap { try? CalendarDate(parsing: $0, field: "date") }.map {
          Self.years(from: $0, to: diagnosis)
        }
        let kinds = Set(treatments.map(\.kind))
        let flag = { (value: Bool) in value ? "1" : "0" }
        rows.append([
          patient, name, age.map(String.init) ?? "", file.patient.sex ?? "", tumour.siteGroup?.rawValue ?? "",
          facts?.histology?.code ?? "", facts?.sizeCm.map { String($0) } ?? "", facts?.depth?.rawValue ?? "",
          facts?.recordedGrade?.rawValue ?? "", tumour.stagingSystem?.rawValue ?? "", tumour.stageGroup?.rawValue ?? "",
          ajcc8?.stageGroup.rawValue ?? "", tumour.summaryStage?.rawValue ?? "", margin ?? "",
          flag(kinds.contains("surgery")), flag(kinds.contains("radiation")), flag(kinds.contains("systemic")),
          String(diagnosis.year), clocks.treatmentEndDays.map(String.init) ?? "", String(clocks.overallDays),
          flag(clocks.died), String(clocks.eventDays), String(clocks.event), String(clocks.localDays),
          flag(clocks.local), String(clocks.distantDays), flag(clocks.distant),
          clocks.fromTreatmentEnd(clocks.overallDays).map(String.init) ?? "",
          clocks.fromTreatmentEnd(clocks.eventDays).map(String.init) ?? "",
        ])
      }
    }
  }

  /// One tumour's row as column → value (empty values left out): the covariates a prognosis model fitted on this
  /// dataset reads for that tumour. Nil when the tumour has no row (deleted, or no full date of diagnosis).
  public static func profile(of tumour: Tumour, in file: PatientFile) -> [String: String]? {
    let salt = Array("profile".utf8)
    let dataset = OutcomeDataset([file], salt: salt)
    let name = pseudonym("tumour", tumour.id, salt)
    guard let row = dataset.rows.first(where: { $0[1] == name }) else { return nil }
    return Dictionary(
      zip(columns, row).filter { !$0.1.isEmpty && $0.0 != "patient" && $0.0 != "tumour" }, uniquingKeysWith: { $1 })
  }

  /// A pseudonym: the first 16 hex digits of SHA-256(salt ‖ kind ‖ id).
  static func pseudonym(_ kind: String, _ id: String, _ salt: [UInt8]) -> String {
    let digest = SHA256.hash(data: salt + Array("\(kind):\(id)".utf8))
    return digest.withUnsafeBytes { Registry.hex(UnsafeRawBufferPointer(rebasing: $0.prefix(8))) }
  }

  /// Whole years from `birth` to `date`.
  static func years(from birth: CalendarDate, to date: CalendarDate) -> Int {
    var years = date.year - birth.year
    if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
    return years
  }

  /// The CSV text: the header and one line per row (RFC 4180; no field needs quoting but any that would is quoted).
  public var csv: String {
    var text = Self.columns.joined(separator: ",") + "\n"
    for row in rows {
      text +=
        row.map {
          $0.contains(where: { ",\"\n\r".contains($0) })
            ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0
        }
        .joined(separator: ",") + "\n"
    }
    return text
  }
}
