import Foundation
public import LeioCore

/// A stage as another system reported it (an imported FHIR bundle's TNM or FIGO stage), kept beside Leio's own
/// when the two differ: Leio restages every tumour from its facts, and shows both rather than choosing silently.
public struct ReportedStage: Sendable, Hashable, Codable {
  /// The staging system (the observation's method).
  public var system: StagingSystem
  /// The stage group as sent (`IIB`), or `nil` when the sender gave none.
  public var stageGroup: String?
  /// The categories as sent (`cT2`, `cN0`, `cM0`).
  public var t: String?
  public var n: String?
  public var m: String?
  /// Leio's stage group for the same system when the stage was imported (`unknown` when Leio cannot group).
  public var leioStageGroup: String
  /// Where it came from (`FHIR bundle`).
  public var source: String

  /// A reported stage.
  public init(
    system: StagingSystem, stageGroup: String?, t: String?, n: String?, m: String?, leioStageGroup: String,
    source: String
  ) {
    (self.system, self.stageGroup, self.t, self.n, self.m) = (system, stageGroup, t, n, m)
    (self.leioStageGroup, self.source) = (leioStageGroup, source)
  }

  /// `AJCC 8 IIB (cT2 cN0 cM0)`.
  public var summary: String {
    let categories = [t, n, m].compactMap { $0 }.joined(separator: " ")
    return "\(system.shortTitle) \(stageGroup ?? "no stage group")" + (categories.isEmpty ? "" : " (\(categories))")
  }
}
