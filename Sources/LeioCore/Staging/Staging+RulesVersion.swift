import Foundation

extension Staging {
  /// The version of the shipped staging rules. The registry stores it with every stage it derives, so a stage can
  /// always be traced to the rules that produced it, and cases staged under older rules can be found and restaged.
  ///
  /// Bump it whenever a rule table's `version` changes: a test compares `rulesManifest` with the manifest
  /// recorded for this version and fails until both are updated. (2026.12.1: the registry-code rows of the head and
  /// neck and visceral T tables, with ``EODFactTable``.)
  public static let rulesVersion = "leio-rules-2026.12.1"

  /// `id@version` of every shipped rule table, sorted.
  public static func rulesManifest() throws -> [String] {
    try ruleTables().values.map { "\($0.id)@\($0.version)" }.sorted()
  }
}
