public import Foundation
import LeioCore
public import LeioNAACCR
public import LeioStore

/// The registry and NAACCR XML files: what `leio import naaccr`, `leio export naaccr` and the import page and API
/// share (LeioNAACCR reads and writes the files; LeioStore stores the records).
public enum NAACCRExchange {
  /// A file read for import.
  public struct ImportFile: Sendable {
    /// The patients with at least one tumour Leio stages, with those tumours.
    public var patients: [ImportedPatient] = []
    /// Tumours read.
    public var tumours = 0
    /// GIST tumours (refused, not imported).
    public var refused = 0
    /// Tumours of other histologies (not imported).
    public var outOfScope = 0
    /// Bad records: line and reason. Any one means nothing is imported.
    public var problems: [String] = []
  }

  /// `YYYYMMDD` → `YYYY-MM-DD`; `nil` for a partial or missing date.
  static func isoDate(_ naaccr: String?) -> String? {
    guard let naaccr, naaccr.count == 8, naaccr.allSatisfy(\.isASCII), naaccr.allSatisfy(\.isNumber) else { return nil }
    let characters = Array(naaccr)
    return String(characters[0..<4]) + "-" + String(characters[4..<6]) + "-" + String(characters[6..<8])
  }

  /// NAACCR Sex (220) / Sex Assigned at Birth (225) → the registry's sex: 1 male, 2 female, 9 unknown, any other
  /// code other.
  static func sex(_ code: String?) -> String? {
    switch code {
    case nil, "": nil
    case "1": "male"
    case "2": "female"
    case "9": "unknown"
    default: "other"
    }
  }

  /// Reads `path` for import: LMS-family tumours with their patients; GIST and other histologies counted, not kept.
  ///
  /// - Throws: ``NAACCRError`` for a file that cannot be read (malformed, truncated, not NAACCR).
  public static func read(path: String) throws -> ImportFile {
    var file = ImportFile()
    let reader = try NAACCRReader(path: path)
    var current: ImportedPatient?
    func flush() {
      if let patient = current, !patient.tumours.isEmpty { file.patients.append(patient) }
      current = nil
    }
    try reader.read { record, _ in
      file.tumours += 1
      let identifier = record.nonBlank(.patientIdNumber) ?? ""
      if current?.identifier != identifier || identifier.isEmpty {
        flush()
        let name = [record.nonBlank(.nameFirst), record.nonBlank(.nameLast)].compactMap { $0 }.joined(separator: " ")
        var contact: (kind: FollowUpEventKind, date: String)?
        if let date = isoDate(record.nonBlank(.dateOfLastContact)) {
          switch record.nonBlank(.vitalStatus) {
          case "0": contact = (.death, date)
          case "1": contact = (.lastContact, date)
          default: break
          }
        }
        current = ImportedPatient(
          line: record.line, identifier: identifier, name: name.isEmpty ? identifier : name,
          birthDate: isoDate(record.nonBlank(.dateOfBirth)),
          sex: sex(record.nonBlank(reader.version >= 260 ? .sexAssignedAtBirth : .sex)), lastContact: contact,
          tumours: [])
      }
      let result = NAACCRStaging.stage(record)
      let place = "line \(record.line): patient \(identifier.isEmpty ? "(no patientIdNumber)" : identifier)"
      switch result.status {
      case .refused: file.refused += 1
      case .outOfScope: file.outOfScope += 1
      case .error:
        file.problems.append("\(place) tumour \(record.text(.tumorRecordNumber) ?? "?"): \(result.message ?? "")")
      case .staged:
        guard !identifier.isEmpty else {
          file.problems.append("\(place): the patient has no patientIdNumber")
          return
        }
        guard let number = record.nonBlank(.tumorRecordNumber) else {
          file.problems.append("\(place): a tumour has no tumorRecordNumber")
          return
        }
        do {
          let facts = try NAACCRStaging.caseInput(record)
          current?.tumours.append(
            ImportedTumour(
              line: record.line, recordNumber: number, diagnosisDate: isoDate(record.nonBlank(.dateOfDiagnosis)),
              facts: facts))
        } catch {
          file.problems.append("\(place) tumour \(number): \(error)")
        }
      }
    }
    flush()
    return file
  }

  /// Reads `path` and imports it (one transaction; nothing when any record is bad).
  ///
  /// - Throws: ``NAACCRError`` for an unreadable file; ``RegistryError/invalidImport(problems:)`` listing every bad
  ///   record.
  public static func importFile(path: String, into registry: Registry, dryRun: Bool, by actor: AuditContext)
    async throws -> (report: ImportReport, file: ImportFile)
  {
    let file = try read(path: path)
    guard file.problems.isEmpty else { throw RegistryError.invalidImport(problems: file.problems) }
    let report = try await registry.importRecords(file.patients, dryRun: dryRun, by: actor)
    return (report, file)
  }

  /// The NAACCR items of a stored tumour: its registry codes where the case has them (the items the import reads,
  /// ``NAACCRStaging``'s fields, written back from the same case fields), and its whole case document.
  static func tumourItems(_ tumour: Tumour, number: String) -> [(String, String?)] {
    let facts = tumour.facts
    var values: [NAACCRItem: String] = [:]
    for (item, field) in NAACCRStaging.fields { values[item] = facts[text: field] }
    // A case written with Leio's own fields: topography with its dot, histology as one code, cytology as a word.
    values[.primarySite] = (values[.primarySite] ?? facts[text: .topography])?.replacingOccurrences(of: ".", with: "")
      .uppercased()
    if let histology = facts[text: .histology]?.split(separator: "/").map(String.init), histology.count == 2 {
      values[.histologicTypeIcdO3] = values[.histologicTypeIcdO3] ?? histology[0]
      values[.behaviorCodeIcdO3] = values[.behaviorCodeIcdO3] ?? histology[1]
    }
    values[.schemaDiscriminator2] = facts[text: .schemaDiscriminator2]
    values[.peritonealCytology] = facts[text: .peritonealCytology].map {
      PeritonealCytology.parse($0)?.naaccrCode ?? $0
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let document = (try? encoder.encode(facts)).map { String(decoding: $0, as: UTF8.self) }
    return [
      ("tumorRecordNumber", number), ("dateOfDiagnosis", tumour.diagnosisDate?.replacingOccurrences(of: "-", with: "")),
    ]
      + (NAACCRStaging.fields.map(\.0) + [.schemaDiscriminator2, .peritonealCytology]).map { ($0.id, values[$0]) }
      + [("leioCaseDocument", document)]
  }

  /// Writes the clinical records of `backup` (live patients and tumours; vital status from the latest death or
  /// last-contact event) as NAACCR XML (base dictionary 260, Leio's user dictionary for the case documents).
  ///
  /// - Returns: the patients and tumours written.
  /// - Throws: what the output throws.
  public static func export(_ backup: RegistryBackup, to output: AtomicOutput) throws -> (patients: Int, tumours: Int) {
    let writer = try NAACCRWriter(output: output)
    let tumours = Dictionary(grouping: backup.tumours.filter { $0.deletedAt == nil }, by: \.patientID)
    let events = Dictionary(
      grouping: backup.events.filter { $0.deletedAt == nil && ($0.kind == .death || $0.kind == .lastContact) },
      by: \.patientID)
    var counts = (patients: 0, tumours: 0)
    for patient in backup.patients.sorted(by: { $0.identifier < $1.identifier }) where patient.deletedAt == nil {
      let words = patient.name.split(separator: " ").map(String.init)
      let contact = (events[patient.id] ?? []).max {
        ($0.date, $0.kind == .death ? 1 : 0) < ($1.date, $1.kind == .death ? 1 : 0)
      }
      let sexCode: String? =
        switch patient.sex {
        case "male": "1"
        case "female": "2"
        case "unknown": "9"
        case "other": "3"
        default: nil
        }
      let patientItems: [(String, String?)] = [
        ("patientIdNumber", patient.identifier), ("nameLast", words.last),
        ("nameFirst", words.count > 1 ? words.dropLast().joined(separator: " ") : nil),
        ("dateOfBirth", patient.birthDate?.replacingOccurrences(of: "-", with: "")), ("sexAssignedAtBirth", sexCode),
        ("vitalStatus", contact.map { $0.kind == .death ? "0" : "1" }),
        ("dateOfLastContact", contact?.date.replacingOccurrences(of: "-", with: "")),
      ]
      let own = Tumour.numbered(tumours[patient.id] ?? [])
      let items = own.map { Self.tumourItems($0.tumour, number: $0.number) }
      try writer.patient(patientItems, tumours: items)
      counts.patients += 1
      counts.tumours += own.count
    }
    try writer.finish()
    return counts
  }
}
