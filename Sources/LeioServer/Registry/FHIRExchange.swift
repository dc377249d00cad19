public import Foundation
public import LeioFHIR
public import LeioStore

/// The registry and FHIR mCODE bundles: what `leio export fhir`, `leio import fhir` and the API share (LeioFHIR maps
/// the records; LeioStore stores them).
public enum FHIRExchange {
  /// What an import did, and what the bundle held that Leio did not read.
  public struct ImportResult: Codable, Sendable {
    /// The records created, updated and left alone (or, in a dry run, that would be).
    public var report: ImportReport
    /// Resources and elements not imported, with their locations.
    public var warnings: [FHIRProblem]
  }

  /// The bundle of one patient, found by record id or identifier (the read is audited).
  ///
  /// - Throws: ``RegistryError/notFound(entity:id:)`` when there is no such live patient.
  public static func bundle(patient key: String, registry: Registry, by actor: AuditContext) async throws -> FHIRJSON {
    var id = key
    if let byIdentifier = try await registry.patientID(identifier: key) { id = byIdentifier }
    let file = try await registry.file(id, by: actor)
    return try checked(PatientBundle.build(file, identifierSystem: try await registry.identifierSystem()))
  }

  /// The bundles of every live patient, by identifier (the export is audited).
  public static func bundles(registry: Registry, by actor: AuditContext) async throws -> [(
    identifier: String, bundle: FHIRJSON
  )] {
    let backup = try await registry.export(scope: .clinical, by: actor)
    return try PatientBundle.build(backup, identifierSystem: try await registry.identifierSystem()).map {
      ($0.identifier, try checked($0.bundle))
    }
  }

  /// `bundle`, after ``ProfileCheck``: a bundle that breaks an mCODE rule is a defect of Leio, never sent.
  static func checked(_ bundle: FHIRJSON) throws -> FHIRJSON {
    let problems = ProfileCheck.problems(bundle)
    guard problems.isEmpty else {
      throw FHIRBundleError(
        problems: [FHIRProblem("Bundle", "Leio built a bundle that breaks an mCODE rule (a defect; please report it)")]
          + problems)
    }
    return bundle
  }

  /// Reads a bundle and imports it in one transaction: the patient and tumours created or updated (matched by
  /// identifier), restaged, with their treatments and follow-up.
  ///
  /// - Throws: ``FHIRBundleError`` for a bundle Leio refuses (every problem with its location);
  ///   ``RegistryError`` from the store.
  public static func importBundle(_ data: Data, into registry: Registry, dryRun: Bool, by actor: AuditContext)
    async throws -> ImportResult
  {
    let read = try BundleReader.read(data, identifierSystem: try await registry.identifierSystem())
    let report = try await registry.importRecords([read.patient], dryRun: dryRun, by: actor)
    return ImportResult(report: report, warnings: read.warnings)
  }

  /// A file name for a patient's bundle: the identifier with anything but letters, digits, `.`, `_` and `-`
  /// replaced by `_` (never a path, never hidden), and `.json`.
  public static func fileName(_ identifier: String) -> String {
    let safe = String(
      identifier.unicodeScalars.map { scalar -> Character in
        scalar.isASCII
          && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
          ? Character(scalar) : "_"
      })
    let trimmed = safe.hasPrefix(".") ? "_" + safe.dropFirst() : safe
    return (trimmed.isEmpty ? "_" : String(trimmed.prefix(100))) + ".json"
  }
}
