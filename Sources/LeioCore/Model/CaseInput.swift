import Foundation

/// A case as written in JSON or a CSV row: every field optional and textual,
/// before validation. ``CaseFacts/init(_:)`` turns it into typed facts.
///
/// Field names are the JSON schema of `leio stage` (see README). Unknown
/// fields are rejected, so a misspelt field is never silently ignored.
public struct CaseInput: Sendable, Hashable, Codable {
  public var site: String?
  public var topography: String?
  public var trunkLocation: String?
  public var diagnosisYear: Int?
  public var histology: String?
  public var primaryTumor: String?
  public var sizeCm: Double?
  public var depth: String?
  public var grade: String?
  public var fnclcc: FNCLCCInput?
  public var nodes: String?
  public var metastasis: String?
  public var basis: String?
  public var `extension`: String?
  public var invadedOrgans: [String]?
  public var headAndNeckInvasion: [String]?
  public var visceralExtent: String?
  public var multifocalSites: Int?
  public var uterineExtent: String?
  public var cervixInvolved: Bool?
  public var peritonealCytology: String?
  public var discontinuousTumours: Bool?
  public var system: String?
  public var t: String?
  public var n: String?
  public var m: String?

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case site, topography, trunkLocation, diagnosisYear, histology, primaryTumor, sizeCm, depth, grade, fnclcc
    case nodes, metastasis, basis, `extension`, invadedOrgans, headAndNeckInvasion, visceralExtent
    case multifocalSites, uterineExtent, cervixInvolved, peritonealCytology, discontinuousTumours, system, t, n, m
  }

  private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  private static let names = Set(CodingKeys.allCases.map(\.rawValue))

  public init(from decoder: any Decoder) throws {
    for key in try decoder.container(keyedBy: AnyKey.self).allKeys where !Self.names.contains(key.stringValue) {
      throw StagingError.invalidValue(field: key.stringValue, value: "(field)", expected: ["one of the documented fields: " + CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")])
    }
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func text(_ key: CodingKeys) throws -> String? {
      if try container.decodeNil(forKey: key) { return nil }
      if let string = try? container.decode(String.self, forKey: key) { return string.isEmpty ? nil : string }
      if let number = try? container.decode(Int.self, forKey: key) { return String(number) }
      throw StagingError.invalidValue(field: key.rawValue, value: "(not text)", expected: ["a text value"])
    }
    func value<V: Decodable>(_ key: CodingKeys, _ description: String) throws -> V? {
      guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
      do { return try container.decode(V.self, forKey: key) } catch let error as StagingError { throw error } catch {
        throw StagingError.invalidValue(field: key.rawValue, value: "(wrong type)", expected: [description])
      }
    }
    func optionalText(_ key: CodingKeys) throws -> String? { container.contains(key) ? try text(key) : nil }
    site = try optionalText(.site)
    topography = try optionalText(.topography)
    trunkLocation = try optionalText(.trunkLocation)
    diagnosisYear = try value(.diagnosisYear, "a whole year such as 2024")
    histology = try optionalText(.histology)
    primaryTumor = try optionalText(.primaryTumor)
    sizeCm = try value(.sizeCm, "a number of centimetres such as 7.5")
    depth = try optionalText(.depth)
    grade = try optionalText(.grade)
    fnclcc = try value(.fnclcc, "an object with differentiationScore, subtype, mitoticCount, mitoticAreaMm2, necrosis, necrosisPercent")
    nodes = try optionalText(.nodes)
    metastasis = try optionalText(.metastasis)
    basis = try optionalText(.basis)
    self.extension = try optionalText(.extension)
    invadedOrgans = try value(.invadedOrgans, "a list of organ names")
    headAndNeckInvasion = try value(.headAndNeckInvasion, "a list of structure names")
    visceralExtent = try optionalText(.visceralExtent)
    multifocalSites = try value(.multifocalSites, "a whole number of tumour sites")
    uterineExtent = try optionalText(.uterineExtent)
    cervixInvolved = try value(.cervixInvolved, "true or false")
    peritonealCytology = try optionalText(.peritonealCytology)
    discontinuousTumours = try value(.discontinuousTumours, "true or false")
    system = try optionalText(.system)
    t = try optionalText(.t)
    n = try optionalText(.n)
    m = try optionalText(.m)
  }
}
