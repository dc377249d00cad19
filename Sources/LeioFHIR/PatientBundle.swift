public import Foundation
import LeioCore
public import LeioStore

/// A patient's registry file as an mCODE STU4 patient bundle (`fhir-mcode.md` §5): the cancer patient, one primary
/// cancer condition per tumour with its stages (every applicable system, restaged with the current rules), tumour
/// size and histologic grade, the treatments and the disease status observations of follow-up.
///
/// `Bundle.type` is `collection`; every resource carries `meta.profile`; references are `urn:uuid:` full URLs,
/// name-based on the record and its version (``ResourceID``), so the same record versions give the same bundle.
public enum PatientBundle {
  /// Builds the bundle of `file`.
  ///
  /// - Parameters:
  ///   - file: the patient, live tumours, treatments and follow-up events (``Registry/file(_:by:)``).
  ///   - identifierSystem: the registry's identifier system URI (``Registry/identifierSystem()``), the system of
  ///     `Patient.identifier`.
  /// - Returns: the Bundle resource.
  public static func build(_ file: PatientFile, identifierSystem: String) -> FHIRJSON {
    var builder = Builder(file: file, identifierSystem: identifierSystem)
    builder.addPatient()
    for (tumour, number) in Tumour.numbered(file.tumours) { builder.addTumour(tumour, number: number) }
    builder.addTreatments()
    builder.addEvents()
    return builder.bundle()
  }

  /// The bundles of every live patient of `backup` (``Registry/export(scope:by:)``), by patient identifier.
  public static func build(_ backup: RegistryBackup, identifierSystem: String) -> [(
    identifier: String, bundle: FHIRJSON
  )] {
    backup.patientFiles().map { ($0.patient.identifier, build($0, identifierSystem: identifierSystem)) }
  }

  /// The entries built so far and what references need.
  struct Builder {
    let file: PatientFile
    let identifierSystem: String
    var entries: [FHIRJSON] = []
    var names: [String] = []
    /// The condition's full URL and its tumour, by tumour id.
    var conditions: [String: (url: String, tumour: Tumour, bodySite: FHIRJSON)] = [:]

    init(file: PatientFile, identifierSystem: String) { (self.file, self.identifierSystem) = (file, identifierSystem) }

    var patientURL: String { ResourceID.url(patientName) }
    var patientName: String { "patient/\(file.patient.id)/\(file.patient.version)" }
    var patientReference: FHIRJSON { ["reference": .string(patientURL)] }

    /// Adds `resource` under the full URL of `name`, with `meta.profile` and `id` set.
    @discardableResult
    mutating func add(_ name: String, _ type: String, _ profile: MCODE.Profile, _ body: FHIRJSON) -> String {
      let url = ResourceID.url(name)
      let id = String(url.dropFirst("urn:uuid:".count))
      let head: FHIRJSON = [
        "resourceType": .string(type), "id": .string(id), "meta": ["profile": [.string(profile.url)]],
      ]
      entries.append(["fullUrl": .string(url), "resource": .object(head.members + body.members)])
      names.append(name)
      return url
    }

    func bundle() -> FHIRJSON {
      let latest =
        ([file.patient.updatedAt] + file.tumours.map(\.updatedAt) + file.treatments.map(\.updatedAt)
        + file.events.map(\.updatedAt)).max() ?? 0
      return [
        "resourceType": "Bundle", "id": .string(ResourceID.uuid("bundle/" + names.joined(separator: "|"))),
        "meta": ["profile": [.string(MCODE.Profile.patientBundle.url)]], "type": "collection",
        "timestamp": .string(Self.instant(milliseconds: latest)), "entry": .array(entries),
      ]
    }

    /// An instant (`2026-12-01T02:49:54Z`, UTC) from milliseconds since 1970.
    static func instant(milliseconds: Int64) -> String {
      let seconds = Int(milliseconds / 1000)
      let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
      let inDay = seconds - days * 86_400
      let time = [inDay / 3600, inDay / 60 % 60, inDay % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }
      return "\(epoch.adding(days: days))T\(time.joined(separator: ":"))Z"
    }

    /// The day (`YYYY-MM-DD`, UTC) of a time in milliseconds since 1970.
    static func day(milliseconds: Int64) -> String { String(instant(milliseconds: milliseconds).prefix(10)) }

    static let epoch = try! CalendarDate(parsing: "1970-01-01", field: "epoch")

    // MARK: Patient

    mutating func addPatient() {
      let patient = file.patient
      let death = file.events.filter { $0.kind == .death }.map(\.date).max()
      add(
        patientName, "Patient", .cancerPatient,
        [
          "identifier": [
            [
              "use": "usual", "type": MCODE.medicalRecordNumber.concept(), "system": .string(identifierSystem),
              "value": .string(patient.identifier),
            ]
          ],
          "name": [Self.humanName(patient.name)], "gender": .string(patient.sex ?? "unknown"),
          "birthDate": .optional(patient.birthDate), "deceasedDateTime": .optional(death),
        ])
    }

    /// `text` with `family` (and `given`): "Family, Given Names" or "Given Names Family"; one word is the family
    /// name (us-core-6, §5).
    static func humanName(_ name: String) -> FHIRJSON {
      let family: String
      let given: [String]
      if let comma = name.firstIndex(of: ",") {
        family = name[..<comma].trimmingCharacters(in: .whitespaces)
        given = name[name.index(after: comma)...].split(separator: " ").map(String.init)
      } else {
        let words = name.split(separator: " ").map(String.init)
        family = words.last ?? name
        given = Array(words.dropLast())
      }
      return [
        "text": .string(name), "family": .string(family.isEmpty ? name : family),
        "given": .array(given.map(FHIRJSON.string)),
      ]
    }
  }
}
