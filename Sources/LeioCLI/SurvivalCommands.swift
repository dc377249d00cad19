import ArgumentParser
import Foundation
import LeioCore
import LeioSurvival

/// `leio survival`: Kaplan-Meier curves, medians, survival at chosen times and the log-rank test.
struct SurvivalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "survival",
    abstract: "Kaplan-Meier survival by group, with medians, survival at chosen times and the log-rank test (as R's survfit/survdiff).",
    discussion: """
      leio survival registry.csv --time months --event died --by summaryStage --at 12,24,60 --plot survival.svg
      leio survival lung.csv --time time --event status --by sex --json
      Event values: 1/0, TRUE/FALSE, or 1/2 (2 = event, as R). Rows with a missing time, event or group are dropped and counted.
      stdErr in --json is the standard error of the cumulative hazard, as R's survfit reports it.
      """)

  @Argument(help: "A CSV file with a header row (for example the output of `leio batch stage`), or - for stdin.") var file: String
  @Option(help: "The column with the follow-up time.") var time: String
  @Option(help: "The column with the event indicator.") var event: String
  @Option(help: "A column to compare groups by (log-rank test).") var by: String?
  @Option(help: "A column to stratify the log-rank test by (as R's strata()).") var strata: String?
  @Option(help: "Times to report survival at, comma-separated.") var at: String?
  @Option(help: "Confidence interval: log (R's default), log-log or plain.") var confType = "log"
  @Option(help: "Confidence level.") var confLevel = 0.95
  @Option(help: "Write the curves, bands and numbers at risk as an SVG picture.") var plot: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard let transform = ConfidenceTransform(rawValue: confType) else { throw ValidationError("--conf-type must be log, log-log or plain.") }
    guard confLevel > 0, confLevel < 1 else { throw ValidationError("--conf-level must be between 0 and 1.") }
    let times = try (at ?? "").split(separator: ",").map { text -> Double in
      guard let value = Double(String(text).trimmedBlanks), value >= 0 else { throw ValidationError("--at takes times ≥ 0, comma-separated.") }
      return value
    }
    try requireDistinctColumns([("--time", time), ("--event", event)] + (by.map { [("--by", $0)] } ?? []) + (strata.map { [("--strata", $0)] } ?? []))
    let used = [time, event] + (by.map { [$0] } ?? []) + (strata.map { [$0] } ?? [])
    let (columns, rows) = try reportingErrors { try CSVColumns.read(file, columns: used) }
    let keep = (0..<rows).filter { row in used.allSatisfy { !CSVColumns.isMissing(columns[$0]![row]) } }
    let timeValues = try keep.map { row -> Double in
      guard let value = Double(columns[time]![row].trimmedBlanks), value.isFinite, value >= 0 else {
        throw SurvivalInputError(message: "row \(row + 2): time '\(columns[time]![row].excerpt())' is not a number ≥ 0.")
      }
      return value
    }
    let events = try reportingSurvivalErrors { try SurvivalStatus.read(keep.map { columns[event]![$0] }) }
    let groupValues = by.map { name in keep.map { columns[name]![$0].trimmedBlanks } } ?? Array(repeating: "all", count: keep.count)
    let levels = CSVColumns.levels(groupValues)
    let groupIndex = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    let index = groupValues.map { groupIndex[$0]! }
    var groups: [SurvivalReport.Group] = []
    for (number, level) in levels.enumerated() {
      let members = index.indices.filter { index[$0] == number }
      let curve = KaplanMeierEstimator.fit(time: members.map { timeValues[$0] }, event: members.map { events[$0] }, confidenceLevel: confLevel, transform: transform)
      groups.append(SurvivalReport.Group(group: by.map { "\($0)=\(level)" } ?? "all", n: members.count, events: members.filter { events[$0] }.count,
                                         curve: curve, at: times.map { SurvivalReport.Point(time: $0, curve.at($0)) }))
    }
    let stratum: [Int]? = strata.map { name in
      let values = keep.map { columns[name]![$0].trimmedBlanks }
      let stratumLevels = Dictionary(uniqueKeysWithValues: CSVColumns.levels(values).enumerated().map { ($1, $0) })
      return values.map { stratumLevels[$0]! }
    }
    let logRank = levels.count > 1 ? LogRankTest.test(time: timeValues, event: events, group: index, stratum: stratum) : nil
    let report = SurvivalReport(groups: groups, logRank: logRank, stratified: strata != nil, n: keep.count, nDropped: rows - keep.count, confType: transform.rawValue, confLevel: confLevel)
    if let plot {
      let svg = SurvivalPlot.svg(groups.map { ($0.group, $0.curve) }, title: by.map { "Survival by \($0)" } ?? "Survival", timeLabel: time)
      try reportingErrors { try Console.write(Data(svg.utf8), to: plot) }
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}

/// What `leio survival --json` prints: R's `survfit` and `survdiff` vocabulary.
struct SurvivalReport: Encodable {
  struct Point: Encodable {
    let time: Double
    let survival: Double
    let lower: Double?
    let upper: Double?
    let nRisk: Int
    init(time: Double, _ value: (survival: Double, lower: Double, upper: Double, nRisk: Int)) {
      (self.time, survival, nRisk) = (time, value.survival, value.nRisk)
      lower = value.lower.isFinite ? value.lower : nil
      upper = value.upper.isFinite ? value.upper : nil
    }
  }

  struct Group: Encodable {
    let group: String
    let n: Int
    let events: Int
    let curve: KaplanMeierCurve
    let at: [Point]

    enum CodingKeys: String, CodingKey { case group, n, events, time, nRisk, nEvent, nCensor, survival, stdErr, lower, upper, median, medianLower, medianUpper, at }
    func encode(to encoder: any Encoder) throws {
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

  let groups: [Group]
  let logRank: LogRankResult?
  let stratified: Bool
  let n: Int
  let nDropped: Int
  let confType: String
  let confLevel: Double

  var text: String {
    func number(_ value: Double?) -> String { value.map { $0 == $0.rounded() && abs($0) < 1e12 ? String(Int($0)) : String(format: "%.4g", $0) } ?? "NA" }
    var lines = ["Kaplan-Meier survival (\(Int(confLevel * 100)) % intervals, \(confType)); \(n) rows used, \(nDropped) dropped for a missing value"]
    lines.append("")
    lines.append("group".padding(toLength: 28, withPad: " ", startingAt: 0) + "     n  events    median   (\(Int(confLevel * 100)) % CI)")
    for group in groups {
      lines.append(group.group.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%6d  %6d  ", group.n, group.events)
                   + number(group.curve.median).padding(toLength: 8, withPad: " ", startingAt: 0) + "  (\(number(group.curve.medianLower)) – \(number(group.curve.medianUpper)))")
    }
    if let points = groups.first?.at, !points.isEmpty {
      let width = max(12, groups.map(\.group.count).max() ?? 0)
      lines.append("")
      lines.append("survival at".padding(toLength: width, withPad: " ", startingAt: 0) + points.map { "  t=\(number($0.time))".padding(toLength: 32, withPad: " ", startingAt: 0) }.joined())
      for group in groups {
        lines.append(group.group.padding(toLength: width, withPad: " ", startingAt: 0) + group.at.map { point in
          String(format: "  %5.1f %% (%4.1f–%4.1f) n=%d", point.survival * 100, (point.lower ?? .nan) * 100, (point.upper ?? .nan) * 100, point.nRisk)
            .padding(toLength: 32, withPad: " ", startingAt: 0)
        }.joined())
      }
    }
    if let logRank {
      lines.append("")
      lines.append(String(format: "Log-rank test%@: chi-square = %.3f on %d df, p = %.4g", stratified ? " (stratified)" : "", logRank.chiSquare, logRank.df, logRank.p))
    }
    return lines.joined(separator: "\n")
  }
}

