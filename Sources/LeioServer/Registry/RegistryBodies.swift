import Foundation
import LeioCore
import LeioStore

/// A registry request body: decoded only when every field it holds is one of `fields`.
protocol StrictBody: Decodable {
  static var fields: Set<String> { get }
}

extension StrictBody where Self: CodingKeyListed {
  static var fields: Set<String> { Set(Keys.allCases.map(\.stringValue)) }
}

/// A body whose coding keys can be listed.
protocol CodingKeyListed {
  associatedtype Keys: CodingKey & CaseIterable
}

/// A `version` the caller read, required to change a record.
protocol VersionedBody {
  var version: Int64? { get }
}

extension VersionedBody {
  func requiredVersion() throws -> Int64 {
    guard let version else {
      throw Problem.malformed(
        "Give the version you read (the change is refused if someone saved since).", field: "version")
    }
    return version
  }
}

struct PatientBody: Codable, Sendable, VersionedBody, StrictBody, CodingKeyListed {
  typealias Keys = CodingKeys
  enum CodingKeys: String, CodingKey, CaseIterable { case identifier, name, birthDate, sex, version }
  var identifier: String
  var name: String
  var birthDate: String?
  var sex: String?
  var version: Int64?
  func patient() -> Patient { Patient(identifier: identifier, name: name, birthDate: birthDate, sex: sex) }
}

struct TumourBody: Codable, Sendable, VersionedBody, StrictBody, CodingKeyListed {
  typealias Keys = CodingKeys
  enum CodingKeys: String, CodingKey, CaseIterable { case diagnosisDate, facts, version }
  var diagnosisDate: String?
  var facts: CaseInput
  var version: Int64?
}

extension Treatment {
  struct Body: Codable, Sendable, VersionedBody, StrictBody, CodingKeyListed {
    typealias Keys = CodingKeys
    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, startDate, endDate, margin, agent, notes, tumourID, version
    }
    var kind: String
    var startDate: String
    var endDate: String?
    var margin: String?
    var agent: String?
    var notes: String?
    var tumourID: String?
    var version: Int64?
    func treatment() -> Treatment {
      Treatment(
        tumourID: tumourID ?? "", kind: kind, startDate: startDate, endDate: endDate, margin: margin, agent: agent,
        notes: notes)
    }
  }
}

extension FollowUpEvent {
  struct Body: Codable, Sendable, VersionedBody, StrictBody, CodingKeyListed {
    typealias Keys = CodingKeys
    enum CodingKeys: String, CodingKey, CaseIterable {
      case patientID, tumourID, kind, date, imagingResult, recurrenceType, site, notes, version
    }
    var patientID: String?
    var tumourID: String?
    var kind: String
    var date: String
    var imagingResult: String?
    var recurrenceType: String?
    var site: String?
    var notes: String?
    var version: Int64?
    func event() throws(RegistryError) -> FollowUpEvent {
      FollowUpEvent(
        patientID: patientID ?? "", tumourID: tumourID, kind: try FollowUpEvent.kind(kind), date: date,
        imagingResult: imagingResult,
        recurrenceType: recurrenceType, site: site, notes: notes)
    }
  }
}
