public import Foundation
import LeioCore
public import LeioStore

/// A problem of a bundle, with where it is: a FHIRPath location such as
/// `Bundle.entry[2].resource.ofType(Condition).bodySite[0]`.
public struct FHIRProblem: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Where: the resource and element.
  public var location: String
  /// What is wrong, or (for a warning) what Leio did not read.
  public var message: String

  /// A problem.
  public init(_ location: String, _ message: String) { (self.location, self.message) = (location, message) }

  /// `location: message`.
  public var description: String { "\(location): \(message)" }
}

/// A bundle Leio refuses: every problem found, each with its location.
public struct FHIRBundleError: Error, Sendable, CustomStringConvertible {
  /// The problems (at least one).
  public var problems: [FHIRProblem]

  /// An error with `problems`.
  public init(problems: [FHIRProblem]) { self.problems = problems }

  /// The first problems, one per line.
  public var description: String {
    "\(problems.count) problem(s) in the bundle:\n  "
      + problems.prefix(50).map(\.description).joined(separator: "\n  ")
  }
}

/// What a bundle holds for the registry, and what Leio did not read.
public struct FHIRPatientImport: Sendable {
  /// The patient with tumours (restaged by the store), treatments and follow-up events.
  public var patient: ImportedPatient
  /// Resources and elements not imported, with why (other resource types, a treatment without its condition…).
  public var warnings: [FHIRProblem]
}

/// Reads an mCODE patient bundle (the inverse of ``PatientBundle``; `fhir-mcode.md` §5) into registry records.
///
/// Leio needs, for each primary cancer condition, the primary site (an ICD-O-3 topography in `bodySite`, or a site
/// Leio knows in its text) and the histology (ICD-O-3 morphology in the histology-morphology-behavior extension).
/// A condition carrying Leio's case document extension starts from that document; the bundle's own elements
/// (site, histology, laterality, size, grade, basis) replace what differs. The bundle's stages are not input:
/// Leio restages, and keeps the sender's stage beside its own where the two differ.
public enum BundleReader {
  /// The largest bundle read (bytes).
  public static let maximumBytes = 16 << 20
  /// The most entries read.
  public static let maximumEntries = 10_000

  /// Reads `data`.
  ///
  /// - Parameter identifierSystem: the registry's identifier system: the patient identifier with this system is the
  ///   registry's key; otherwise the medical record number (`MR`), otherwise the first identifier.
  /// - Throws: ``FHIRBundleError`` listing every problem: not JSON, not a Bundle, no single Patient, a condition
  ///   without site or histology, a value Leio's rules refuse.
  public static func read(_ data: Data, identifierSystem: String) throws(FHIRBundleError) -> FHIRPatientImport {
    guard data.count <= maximumBytes else {
      throw FHIRBundleError(problems: [FHIRProblem("Bundle", "the bundle is larger than \(maximumBytes >> 20) MiB")])
    }
    let root: FHIRJSON
    do { root = try FHIRJSON.parse(data) } catch {
      throw FHIRBundleError(problems: [FHIRProblem("Bundle", "not valid JSON (\(error))")])
    }
    var reader = Reader(identifierSystem: identifierSystem)
    reader.read(root)
    guard reader.problems.isEmpty, let patient = reader.patient else {
      throw FHIRBundleError(
        problems: reader.problems.isEmpty ? [FHIRProblem("Bundle", "no patient")] : reader.problems)
    }
    return FHIRPatientImport(patient: patient, warnings: reader.warnings)
  }

  static func reason(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error {
      return context.underlyingError.map { "\($0)".excerpt() } ?? context.debugDescription.excerpt()
    }
    return "\(error)".excerpt()
  }

  /// One entry: its index, full URL, type and resource.
  struct Entry {
    let index: Int
    let url: String?
    let type: String
    let resource: FHIRJSON

    /// `Bundle.entry[3].resource.ofType(Condition)` and the path below it.
    func path(_ element: String = "") -> String {
      "Bundle.entry[\(index)].resource.ofType(\(type))" + (element.isEmpty ? "" : "." + element)
    }

    var profiles: [String] { resource["meta"]?["profile"]?.items.compactMap(\.text) ?? [] }
    func has(_ profile: MCODE.Profile) -> Bool { profiles.contains(profile.url) }
  }

  /// The reading state: entries by URL, problems and warnings, and the records built.
  struct Reader {
    let identifierSystem: String
    var entries: [Entry] = []
    var byURL: [String: Entry] = [:]
    var problems: [FHIRProblem] = []
    var warnings: [FHIRProblem] = []
    var patient: ImportedPatient?
    /// Primary conditions read, by full URL: the index of the tumour in `patient.tumours`.
    var tumourIndex: [String: Int] = [:]
    var used: Set<Int> = []

    init(identifierSystem: String) { self.identifierSystem = identifierSystem }

    mutating func problem(_ location: String, _ message: String) { problems.append(FHIRProblem(location, message)) }
    mutating func warn(_ location: String, _ message: String) { warnings.append(FHIRProblem(location, message)) }

    mutating func read(_ root: FHIRJSON) {
      guard case .object = root else { return problem("Bundle", "the document is not a JSON object") }
      guard root["resourceType"]?.text == "Bundle" else {
        return problem(
          "Bundle.resourceType",
          "expected a Bundle, not \(root["resourceType"]?.text.map { "'\($0.excerpt())'" } ?? "nothing")")
      }
      let items = root["entry"]?.items ?? []
      guard !items.isEmpty else { return problem("Bundle.entry", "the bundle has no entries") }
      guard items.count <= maximumEntries else {
        return problem("Bundle.entry", "more than \(maximumEntries) entries")
      }
      for (index, item) in items.enumerated() {
        guard let resource = item["resource"], let type = resource["resourceType"]?.text else {
          problem("Bundle.entry[\(index)].resource", "an entry without a resource (or its resourceType)")
          continue
        }
        let entry = Entry(index: index, url: item["fullUrl"]?.text, type: type, resource: resource)
        entries.append(entry)
        if let url = entry.url {
          if byURL[url] != nil { problem("Bundle.entry[\(index)].fullUrl", "'\(url.excerpt())' appears twice") }
          byURL[url] = entry
          if let id = resource["id"]?.text { byURL["\(type)/\(id)"] = byURL["\(type)/\(id)"] ?? entry }
        } else if let id = resource["id"]?.text {
          byURL["\(type)/\(id)"] = entry
        }
      }
      guard problems.isEmpty else { return }
      let patients = entries.filter { $0.type == "Patient" }
      guard patients.count == 1 else {
        return problem(
          "Bundle.entry", "an mCODE patient bundle has exactly one Patient; this one has \(patients.count)")
      }
      readPatient(patients[0])
      readConditions()
      readTreatments()
      readDiseaseStatus()
      for entry in entries where !used.contains(entry.index) {
        warn(entry.path(), "not read by Leio (\(entry.type)\(entry.profiles.first.map { ", \($0)" } ?? ""))")
      }
    }

    /// The entry a reference points to (`urn:uuid:…`, or `Type/id`).
    func resolve(_ reference: FHIRJSON?) -> Entry? {
      guard let text = reference?["reference"]?.text else { return nil }
      return byURL[text]
    }

    /// A date of a `date`/`dateTime` value: its first ten characters when they are a full date, else `nil`.
    static func day(_ value: FHIRJSON?) -> String? {
      guard let text = value?.text, text.utf8.count >= 10 else { return nil }
      let day = String(text.prefix(10))
      return (try? CalendarDate(parsing: day, field: "date")).map { _ in day }
    }

    /// The texts of `note`, joined by new lines.
    static func notes(_ resource: FHIRJSON) -> String? {
      let texts = resource["note"]?.items.compactMap { $0["text"]?.text } ?? []
      return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    // MARK: Patient

    mutating func readPatient(_ entry: Entry) {
      used.insert(entry.index)
      let resource = entry.resource
      let identifiers = resource["identifier"]?.items ?? []
      let chosen =
        identifiers.first { $0["system"]?.text == identifierSystem && $0["value"]?.text != nil }
        ?? identifiers.first { id in
          id["type"]?["coding"]?.items.contains { $0["code"]?.text == "MR" } == true && id["value"]?.text != nil
        } ?? identifiers.first { $0["value"]?.text != nil }
      guard let identifier = chosen?["value"]?.text else {
        return problem(entry.path("identifier"), "the patient has no identifier with a value (Leio's patient key)")
      }
      let names = resource["name"]?.items ?? []
      let name =
        names.lazy.compactMap { name -> String? in
          if let text = name["text"]?.text, !text.isEmpty { return text }
          let parts = (name["given"]?.items.compactMap(\.text) ?? []) + [name["family"]?.text].compactMap { $0 }
          return parts.isEmpty ? nil : parts.joined(separator: " ")
        }.first
      guard let name else { return problem(entry.path("name"), "the patient has no name (text, family or given)") }
      let gender = resource["gender"]?.text
      if let gender, !Patient.sexes.contains(gender) {
        problem(entry.path("gender"), "'\(gender.excerpt())' is not male, female, other or unknown")
      }
      let birthDate = Self.day(resource["birthDate"])
      if resource["birthDate"] != nil, birthDate == nil {
        warn(entry.path("birthDate"), "a partial birth date is not stored (Leio keeps full dates only)")
      }
      var imported = ImportedPatient(
        line: entry.index, identifier: identifier, name: name, birthDate: birthDate, sex: gender, lastContact: nil,
        tumours: [])
      if let death = Self.day(resource["deceasedDateTime"]) {
        imported.events.append((FollowUpEvent(patientID: "", kind: .death, date: death), nil))
      } else if resource["deceasedDateTime"] != nil || resource["deceasedBoolean"] == .bool(true) {
        warn(entry.path("deceased"), "death without a full date is not stored (a death event needs its date)")
      }
      patient = imported
    }
  }
}
