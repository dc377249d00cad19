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
    let used = [time, event] + (by.map { [$0] } ?? []) + (strata.map { [$0] } ?? [])
    let (columns, rows) = try reportingErrors { try CSVColumns.read(file, columns: used) }
    let keep = (0..<rows).filter { row in used.allSatisfy { !CSVColumns.isMissing(columns[$0]![row]) } }
    let timeValues = try keep.map { row -> Double in
      guard let value = Double(columns[time]![row].trimmedBlanks), value.isFinite, value >= 0 else {
        throw SurvivalInputError(message: "row \(row + 2): time '\(columns[time]![row])' is not a number ≥ 0.")
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
      do { try Data(svg.utf8).write(to: URL(fileURLWithPath: plot)) } catch {
        Console.error("cannot write '\(plot)': \(error.localizedDescription)")
        throw ExitCode(73)
      }
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

/// `leio cox`: Cox proportional hazards regression.
struct CoxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cox",
    abstract: "Cox proportional hazards regression (as R's coxph): hazard ratios with intervals, tests, concordance, and the proportional-hazards check (cox.zph).",
    discussion: """
      leio cox registry.csv --time months --event died --covariates age,sizeCm,grade
      leio cox lung.csv --time time --event status --covariates age,sex,ph.ecog --ties breslow --json
      A column whose values are all numbers enters as a number; any other as categories, the first in alphabetical
      order being the reference. Rows with a missing value in any column used are dropped and counted.
      """)

  @Argument(help: "A CSV file with a header row, or - for stdin.") var file: String
  @Option(help: "The column with the follow-up time.") var time: String
  @Option(help: "The column with the event indicator (1/0, TRUE/FALSE, or 1/2 with 2 = event).") var event: String
  @Option(help: "The covariate columns, comma-separated.") var covariates: String
  @Option(help: "Ties: efron (R's default) or breslow.") var ties = "efron"
  @Flag(help: "Also robust (sandwich) standard errors; z, p and intervals then use them, as R.") var robust = false
  @Option(help: "A covariate profile to predict survival for (Breslow baseline hazard), e.g. \"age=60,sex=2,grade=G3\".") var predict: String?
  @Option(help: "Times for the prediction, comma-separated (default: every event time).") var at: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    guard let method = TieMethod(rawValue: ties) else { throw ValidationError("--ties must be efron or breslow.") }
    let names = covariates.split(separator: ",").map { String($0).trimmedBlanks }.filter { !$0.isEmpty }
    guard !names.isEmpty else { throw ValidationError("give at least one covariate: --covariates age,sizeCm.") }
    let (columns, _) = try reportingErrors { try CSVColumns.read(file, columns: [time, event] + names) }
    let report = try reportingSurvivalErrors { () throws -> CoxReport in
      let design = try CoxDesign(time: columns[time]!, status: columns[event]!, columns: columns, order: names)
      let model = try CoxProportionalHazards.fit(time: design.time, event: design.event, covariates: design.rows, names: design.names,
                                                 ties: method, robust: robust, nDropped: design.dropped)
      let zph = ProportionalHazardsTest.test(time: design.time, event: design.event, covariates: design.rows, beta: model.coefficients.map(\.coef),
                                             ties: method, terms: design.terms)
      var report = CoxReport(model: model, references: design.references, proportionalHazards: zph)
      if let predict {
        let profile = Dictionary(predict.split(separator: ",").map { pair -> (String, String) in
          let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmedBlanks }
          return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }, uniquingKeysWith: { $1 })
        let row = try design.row(for: profile)
        let beta = model.coefficients.map(\.coef)
        let hazard = BaselineHazard(time: design.time, event: design.event, covariates: design.rows, beta: beta)
        let survival = hazard.survival(for: row, beta: beta)
        let times = try (at ?? "").split(separator: ",").map { text -> Double in
          guard let value = Double(String(text).trimmedBlanks), value >= 0 else { throw SurvivalInputError(message: "--at takes times ≥ 0, comma-separated.") }
          return value
        }
        let pick: [(Double, Double)] = times.isEmpty ? Array(zip(hazard.time, survival)) : times.map { t in
          let index = hazard.time.lastIndex { $0 <= t }
          return (t, index.map { survival[$0] } ?? 1)
        }
        report.prediction = CoxReport.Prediction(profile: profile, time: pick.map(\.0), survival: pick.map(\.1))
      }
      return report
    }
    Console.print(output.json ? try Console.json(report) : report.text)
  }
}

/// What `leio cox --json` prints: R's `summary(coxph)` vocabulary.
struct CoxReport: Encodable {
  let coefficients: [CoxCoefficient]
  let logLikelihood: [Double]
  let concordance: Double
  let n: Int
  let nEvents: Int
  let nDropped: Int
  let ties: String
  let tests: [String: Double]
  let referenceLevels: [String: String]
  let proportionalHazards: [ProportionalHazardsRow]
  /// Predicted survival of a covariate profile (Breslow baseline hazard), when asked for.
  var prediction: Prediction?

  struct Prediction: Encodable {
    let profile: [String: String]
    let time: [Double]
    let survival: [Double]
  }

  init(model: CoxModel, references: [String: String], proportionalHazards: [ProportionalHazardsRow]) {
    coefficients = model.coefficients
    logLikelihood = model.logLikelihood
    concordance = model.concordance
    (n, nEvents, nDropped, ties) = (model.n, model.nEvents, model.nDropped, model.ties.rawValue)
    tests = ["wald": model.waldTest, "score": model.scoreTest, "likelihoodRatio": model.likelihoodRatioTest, "df": Double(model.df),
             "waldP": ChiSquareDistribution.upperTail(model.waldTest, df: Double(model.df)),
             "scoreP": ChiSquareDistribution.upperTail(model.scoreTest, df: Double(model.df)),
             "likelihoodRatioP": ChiSquareDistribution.upperTail(model.likelihoodRatioTest, df: Double(model.df))]
    referenceLevels = references
    self.proportionalHazards = proportionalHazards
  }

  var text: String {
    var lines = ["Cox proportional hazards (\(ties) ties): n = \(n), events = \(nEvents), \(nDropped) dropped for a missing value"]
    if !referenceLevels.isEmpty { lines.append("reference levels: " + referenceLevels.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")) }
    lines.append("")
    lines.append("term".padding(toLength: 24, withPad: " ", startingAt: 0) + "      coef  hazard ratio   95 % CI               se        p")
    for c in coefficients {
      lines.append(c.name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%10.4f  %12.4f   %8.4f – %-8.4f  %8.4f  %.3g", c.coef, c.hazardRatio, c.lower95, c.upper95, c.robustSe ?? c.se, c.p))
    }
    lines.append("")
    lines.append(String(format: "Concordance = %.4f", concordance))
    lines.append(String(format: "Likelihood ratio test = %.3f on %d df, p = %.3g", tests["likelihoodRatio"]!, Int(tests["df"]!), tests["likelihoodRatioP"]!))
    lines.append(String(format: "Wald test = %.3f on %d df, p = %.3g", tests["wald"]!, Int(tests["df"]!), tests["waldP"]!))
    lines.append(String(format: "Score (log-rank) test = %.3f on %d df, p = %.3g", tests["score"]!, Int(tests["df"]!), tests["scoreP"]!))
    lines.append("")
    lines.append("Proportional hazards (cox.zph, km transform):")
    for row in proportionalHazards {
      lines.append("  " + row.term.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "chi-square %8.3f  df %d  p %.3g", row.chiSquare, row.df, row.p))
    }
    if let prediction {
      lines.append("")
      lines.append("Predicted survival for " + prediction.profile.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + " (Breslow baseline):")
      for (t, s) in zip(prediction.time, prediction.survival).prefix(40) { lines.append(String(format: "  t = %-10g %6.2f %%", t, s * 100)) }
    }
    return lines.joined(separator: "\n")
  }
}

/// An input problem in a survival file (exit 65).
struct SurvivalInputError: Error {
  let message: String
}

/// Runs `body`, turning survival input errors into a message on stderr and exit 65.
func reportingSurvivalErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as CoxError {
    Console.error(error.description)
    throw Exit.dataError
  } catch let error as SurvivalInputError {
    Console.error(error.message)
    throw Exit.dataError
  }
}
