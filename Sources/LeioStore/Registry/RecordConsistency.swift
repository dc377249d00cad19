import Foundation
import LeioCore

/// Checks a whole set of records as the API checks each one it accepts, and derives every derived field again:
/// what `leio restore` requires of a backup before it writes anything, and what `leio store check` reports of the
/// database. One set of rules for both, so a file can never bring in what the API would refuse.
///
/// Each problem names the record (kind and id) and the field.
struct RecordConsistency {
  var patients: [Patient]
  var tumours: [Tumour]
  var treatments: [Treatment]
  var events: [FollowUpEvent]
  var accounts: [Account]

  /// A problem with one record.
  struct Problem: Sendable, Hashable, CustomStringConvertible {
    let entity: String
    let id: String
    let field: String
    let message: String
    var description: String { "\(entity) \(id.excerpt()): \(field): \(message)" }
  }

  /// Tumours whose stored stage was derived by other rules than this program's, re-derived (restore keeps these).
  private(set) var restaged: [Tumour] = []

  /// Every problem found; none means the records are what the API would have written.
  mutating func problems() -> [Problem] {
    var problems: [Problem] = []
    func note(_ entity: String, _ id: String, _ body: () throws -> Void) {
      do { try body() } catch let RegistryError.invalid(field, message) {
        problems.append(Problem(entity: entity, id: id, field: field, message: message))
      } catch {
        problems.append(
          Problem(entity: entity, id: id, field: "record", message: String(describing: error).excerpt(limit: 200)))
      }
    }
    var ids = Set<String>()
    func bookkeeping<R: StoredRecord>(_ record: R) throws {
      _ = try requiredText(record.id, field: "id", limit: 64)
      guard record.id == record.id.trimmingCharacters(in: .whitespacesAndNewlines) else {
        throw RegistryError.invalid(field: "id", message: "has surrounding spaces.")
      }
      guard ids.insert("\(R.entity)/\(record.id)").inserted else {
        throw RegistryError.invalid(field: "id", message: "appears twice.")
      }
      guard record.version >= 1 else { throw RegistryError.invalid(field: "version", message: "must be 1 or more.") }
      guard record.createdAt <= record.updatedAt else {
        throw RegistryError.invalid(field: "updatedAt", message: "is before createdAt.")
      }
    }
    func same<R: StoredRecord>(_ record: R, _ valid: R) throws {
      guard valid.dataValues == record.dataValues else {
        throw RegistryError.invalid(
          field: "record", message: "is not in the form the registry stores (untrimmed text or a non-canonical date).")
      }
    }
    var identifiers: [String: String] = [:]
    for patient in patients {
      note(Patient.entity, patient.id) {
        try bookkeeping(patient)
        try same(patient, try patient.validated())
        if let other = identifiers.updateValue(patient.id, forKey: patient.identifier.lowercased()) {
          throw RegistryError.invalid(
            field: "identifier",
            message: "is also the identifier of patient \(other) (identifiers are unique, whatever their case).")
        }
      }
    }
    let patientIDs = Set(patients.map(\.id))
    let tumourOwner = Dictionary(tumours.map { ($0.id, $0.patientID) }, uniquingKeysWith: { first, _ in first })
    for treatment in treatments {
      note(Treatment.entity, treatment.id) {
        try bookkeeping(treatment)
        try same(treatment, try treatment.validated())
        guard tumourOwner[treatment.tumourID] != nil else {
          throw RegistryError.invalid(field: "tumourID", message: "no tumour \(treatment.tumourID.excerpt()).")
        }
      }
    }
    for event in events {
      note(FollowUpEvent.entity, event.id) {
        try bookkeeping(event)
        try same(event, try event.validated())
        guard patientIDs.contains(event.patientID) else {
          throw RegistryError.invalid(field: "patientID", message: "no patient \(event.patientID.excerpt()).")
        }
        if let tumourID = event.tumourID, tumourOwner[tumourID] != event.patientID {
          throw RegistryError.invalid(
            field: "tumourID", message: "the tumour \(tumourID.excerpt()) is missing or belongs to another patient.")
        }
      }
    }
    restaged = []
    for tumour in tumours {
      note(Tumour.entity, tumour.id) {
        try bookkeeping(tumour)
        guard patientIDs.contains(tumour.patientID) else {
          throw RegistryError.invalid(field: "patientID", message: "no patient \(tumour.patientID.excerpt()).")
        }
        var (derived, facts) = try tumour.staged()
        let ends = treatments.filter { $0.tumourID == tumour.id && $0.deletedAt == nil }.compactMap {
          CalendarDate(text: $0.lastDay)
        }
        let history = events.filter {
          $0.patientID == tumour.patientID && $0.deletedAt == nil && ($0.tumourID == nil || $0.tumourID == tumour.id)
        }
        let status = try Registry.followUp(
          facts: facts, treatmentEnds: ends,
          events: history.compactMap { event in
            CalendarDate(text: event.date).map { (kind: event.kind, date: $0) }
          })
        (derived.riskGroup, derived.nextDueDate) = (status?.riskGroup, status?.nextDue)
        let differences = Self.derivedDifferences(stored: tumour, derived: derived)
        guard !differences.isEmpty else { return }
        if tumour.rulesVersion != Staging.rulesVersion {
          restaged.append(derived)  // older rules: the current ones decide, as on any write
          return
        }
        throw RegistryError.invalid(
          field: differences.map(\.field).joined(separator: ", "),
          message: differences.map { "stored \($0.stored), the facts give \($0.derived)" }.joined(separator: "; ") + "."
        )
      }
    }
    for account in accounts {
      note(Account.entity, account.id) {
        try bookkeeping(account)
        guard (try? Account.normalised(account.username)) == account.username else {
          throw RegistryError.invalid(
            field: "username", message: "is not a valid user name (3 to 64 of a-z 0-9 . _ -, lower case).")
        }
        guard account.passwordHash.count == 60, account.passwordHash.hasPrefix("$2") else {
          throw RegistryError.invalid(field: "passwordHash", message: "is not a bcrypt hash.")
        }
      }
    }
    return problems
  }

  /// The derived fields of a tumour whose stored value differs from the one its facts give now.
  static func derivedDifferences(stored: Tumour, derived: Tumour) -> [(field: String, stored: String, derived: String)]
  {
    let pairs: [(String, String?, String?)] = [
      ("siteGroup", stored.siteGroup?.rawValue, derived.siteGroup?.rawValue),
      ("stagingSystem", stored.stagingSystem?.rawValue, derived.stagingSystem?.rawValue),
      ("stageGroup", stored.stageGroup?.rawValue, derived.stageGroup?.rawValue),
      ("stageStatus", stored.stageStatus?.rawValue, derived.stageStatus?.rawValue),
      ("summaryStage", stored.summaryStage?.rawValue, derived.summaryStage?.rawValue),
      ("riskGroup", stored.riskGroup?.rawValue, derived.riskGroup?.rawValue),
      ("nextDueDate", stored.nextDueDate?.description, derived.nextDueDate?.description),
    ]
    return pairs.filter { $0.1 != $0.2 }.map {
      ($0.0, $0.1.map { "'\($0.excerpt())'" } ?? "none", $0.2.map { "'\($0)'" } ?? "none")
    }
  }
}
