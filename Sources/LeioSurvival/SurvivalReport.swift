import Foundation

/// What `leio survival --json` prints: R's `survfit` and `survdiff` vocabulary.
public struct SurvivalReport: Encodable, Sendable {
  /// Survival at one chosen time.
  public struct Point: Encodable, Sendable {
    /// Times.
    public let time: Double
    /// Survival at each time.
    public let survival: Double
    /// Lower confidence limit.
    public let lower: Double?
    /// Upper confidence limit.
    public let upper: Double?
    /// Number at risk.
    public let nRisk: Int
    init(time: Double, _ value: (survival: Double, lower: Double, upper: Double, nRisk: Int)) {
      (self.time, survival, nRisk) = (time, value.survival, value.nRisk)
      lower = value.lower.isFinite ? value.lower : nil
      upper = value.upper.isFinite ? value.upper : nil
    }
  }

  /// One group's curve.
  public struct Group: Encodable, Sendable {
    /// The group (`column=level`, or `all`).
    public let group: String
    /// Rows used.
    public let n: Int
    /// Events.
    public let events: Int
    /// The Kaplan-Meier curve.
    public let curve: KaplanMeierCurve
    /// Survival at the chosen times.
    public let at: [Point]

    enum CodingKeys: String, CodingKey {
      case group, n, events, time, nRisk, nEvent, nCensor, survival, stdErr, lower, upper, median, medianLower,
        medianUpper, at
    }
    /// Writes the value in its JSON form.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(group, forKey: .group)
      try container.encode(n, forKey: .n)
      try container.encode(events, forKey: .events)
      try container.encode(curve.time, forKey: .time)
      try container.encode(curve.nRisk, forKey: .nRisk)
      try container.encode(curve.nEvent, forKey: .nEvent)
      try container.encode(curve.nCensor, forKey: .nCensor)
      try container.encode(curve.survival, forKey: .survival)
      // R's NA (no standard error once the curve is 0, no interval at 0 or 1) is JSON null.
      try container.encode(curve.stdErr.map { $0.isFinite ? $0 : nil }, forKey: .stdErr)
      try container.encode(curve.lower.map { $0.isFinite ? $0 : nil }, forKey: .lower)
      try container.encode(curve.upper.map { $0.isFinite ? $0 : nil }, forKey: .upper)
      try container.encode(curve.median, forKey: .median)
      try container.encode(curve.medianLower, forKey: .medianLower)
      try container.encode(curve.medianUpper, forKey: .medianUpper)
      try container.encode(at, forKey: .at)
    }
  }

  /// One curve per group.
  public let groups: [Group]
  /// The log-rank test, with two groups or more.
  public let logRank: LogRankResult?
  /// Whether the test was stratified.
  public let stratified: Bool
  /// Rows used.
  public let n: Int
  /// Rows dropped for a missing value.
  public let nDropped: Int
  /// The confidence interval transform.
  public let confType: String
  /// The confidence level.
  public let confLevel: Double

  /// Kaplan-Meier curves of `table` by the levels of `by` (one group "all" without it), survival at `times`, and the
  /// log-rank test (stratified by `strata`) when there are two groups or more: R's `survfit` and `survdiff`.
  public init(
    table: SurvivalTable, by: String?, strata: String?, at times: [Double], confidenceLevel: Double = 0.95,
    transform: ConfidenceTransform = .log
  ) {
    let factor = by.map { table.factor($0) } ?? Factor(Array(repeating: "all", count: table.time.count))
    var groups: [Group] = []
    for (number, level) in factor.levels.enumerated() {
      let members = factor.codes.indices.filter { factor.codes[$0] == number }
      let curve = KaplanMeierEstimator.fit(
        time: members.map { table.time[$0] }, event: members.map { table.event[$0] },
        confidenceLevel: confidenceLevel, transform: transform)
      groups.append(
        Group(
          group: by.map { "\($0)=\(level)" } ?? "all", n: members.count,
          events: members.filter { table.event[$0] }.count,
          curve: curve, at: times.map { Point(time: $0, curve.at($0)) }))
    }
    let stratum = strata.map { table.factor($0).codes }
    let logRank =
      factor.levels.count > 1
      ? LogRankTest.test(time: table.time, event: table.event, group: factor.codes, stratum: stratum) : nil
    self.init(
      groups: groups, logRank: logRank, stratified: strata != nil, n: table.time.count, nDropped: table.dropped,
      confType: transform.rawValue, confLevel: confidenceLevel)
  }

  init(
    groups: [Group], logRank: LogRankResult?, stratified: Bool, n: Int, nDropped: Int, confType: String,
    confLevel: Double
  ) {
    (self.groups, self.logRank, self.stratified, self.n, self.nDropped, self.confType, self.confLevel) =
      (groups, logRank, stratified, n, nDropped, confType, confLevel)
  }

  /// The report as text.
  public var text: String {
    func number(_ value: Double?) -> String {
      value.map { RNumberFormat.significant($0, digits: 4) } ?? "NA"
    }
    var lines = [
      "Kaplan-Meier survival (\(Int(confLevel * 100)) % intervals, \(confType)); \(n) rows used, \(nDropped) dropped for a missing value"
    ]
    lines.append("")
    lines.append(
      "group".padding(toLength: 28, withPad: " ", startingAt: 0)
        + "     n  events    median   (\(Int(confLevel * 100)) % CI)")
    for group in groups {
      lines.append(
        group.group.padding(toLength: 28, withPad: " ", startingAt: 0)
          + String(format: "%6d  %6d  ", group.n, group.events)
          + number(group.curve.median).padding(toLength: 8, withPad: " ", startingAt: 0)
          + "  (\(number(group.curve.medianLower)) – \(number(group.curve.medianUpper)))")
    }
    if let points = groups.first?.at, !points.isEmpty {
      let width = max(12, groups.map(\.group.count).max() ?? 0)
      lines.append("")
      lines.append(
        "survival at".padding(toLength: width, withPad: " ", startingAt: 0)
          + points.map { "  t=\(number($0.time))".padding(toLength: 32, withPad: " ", startingAt: 0) }.joined())
      for group in groups {
        lines.append(
          group.group.padding(toLength: width, withPad: " ", startingAt: 0)
            + group.at.map { point in
              String(
                format: "  %5.1f %% (%4.1f–%4.1f) n=%d", point.survival * 100, (point.lower ?? .nan) * 100,
                (point.upper ?? .nan) * 100, point.nRisk
              )
              .padding(toLength: 32, withPad: " ", startingAt: 0)
            }.joined())
      }
    }
    if let logRank {
      lines.append("")
      lines.append(
        "Log-rank test\(stratified ? " (stratified)" : ""): chi-square = \(RNumberFormat.significant(logRank.chiSquare, digits: 5)) on \(logRank.df) df, \(RNumberFormat.pStatement(logRank.p))"
      )
    }
    return lines.joined(separator: "\n")
  }
}
