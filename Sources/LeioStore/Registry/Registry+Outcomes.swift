import Foundation
public import LeioCore

extension Registry {
  /// The registry's live tumours as an analysis dataset (``OutcomeDataset``), pseudonymised with a new random salt;
  /// the read is audited as a clinical export.
  public func outcomes(_ filter: OutcomeDataset.Filter, by actor: AuditContext) async throws -> OutcomeDataset {
    let backup = try await export(scope: .clinical, by: actor)
    var generator = SystemRandomNumberGenerator()
    let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return OutcomeDataset(backup.patientFiles(), filter: filter, salt: salt)
  }
}
