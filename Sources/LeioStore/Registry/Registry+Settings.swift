import Foundation
import LeioCore

extension Registry {
  /// The registry's identifier system: the URI that qualifies its patient identifiers in exchange formats (FHIR
  /// `Patient.identifier.system`). Each registry gets its own random `urn:uuid:` when created; set the
  /// organisation's own URI with ``setIdentifierSystem(_:by:)`` (`leio store identifier-system --set URI`).
  public func identifierSystem() async throws -> String {
    try await backend.read { db in
      let rows = try await db.query("SELECT value FROM registry_setting WHERE key = 'identifierSystem'", [])
      guard let value = try rows.first?.text("value"), !value.isEmpty else {
        throw RegistryError.corrupt(column: "registry_setting.identifierSystem")
      }
      return value
    }
  }

  /// Sets the identifier system (audited).
  ///
  /// - Throws: ``RegistryError/invalid(field:message:)`` unless `uri` is an absolute URI (a scheme, a colon and
  ///   no spaces; at most 255 characters).
  public func setIdentifierSystem(_ uri: String, by actor: AuditContext) async throws {
    let uri = uri.trimmingCharacters(in: .whitespaces)
    guard Self.isAbsoluteURI(uri) else {
      throw RegistryError.invalid(
        field: "identifierSystem",
        message:
          "'\(uri.excerpt())' is not an absolute URI (for example https://hospital.example/mrn or urn:oid:1.2.3).")
    }
    try await backend.write { db in
      try await db.execute(
        "UPDATE registry_setting SET value = $1 WHERE key = 'identifierSystem'", [.text(uri)])
      try await audit(db, actor, "update", "setting", "identifierSystem", detail: uri)
    }
  }

  /// A scheme (a letter, then letters, digits, `+ - .`), a colon, and at least one more visible ASCII character.
  static func isAbsoluteURI(_ text: String) -> Bool {
    guard text.utf8.count <= 255, let colon = text.firstIndex(of: ":"), colon != text.startIndex,
      text.index(after: colon) != text.endIndex
    else { return false }
    let scheme = text[..<colon]
    guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
    guard
      scheme.unicodeScalars.allSatisfy({
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
      })
    else { return false }
    return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
  }
}
