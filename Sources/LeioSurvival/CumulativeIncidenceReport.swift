import Foundation

/// Cumulative incidence of every cause in every group (R's `cmprsk::cuminc`), with the estimates at chosen times and
/// Gray's test per cause: what `leio incidence` prints and its `--json` holds.
public struct CumulativeIncidenceReport: Encodable, Sendable {
  /// An estimate at a chosen time, with a pointwise interval.
  public struct Point: Encodable, Sendable {
    /// The time asked for.
    public let time: Double
    /// The estimate there (`nil` past the last follow-up).
    public let estimate: Double?
    /// Its variance.
    public let variance: Double?
    /// The interval on the log(−log) scale, F^exp(±z·√V / (F·log F)) (cmprsk gives none: Leio's choice, as Stata's
    /// `stcompet` and survival's `survfit` multi-state `conf.type = "log-log"`); equal to the estimate when V or F is
    /// 0; `nil` past the last follow-up.
    public let lower: Double?
    /// The upper limit.
    public let upper: Double?
  }

  /// One cause in one group.
  public struct Curve: Encodable, Sendable {
    /// `column=level`, or `all`.
    public let group: String
    /// The cause (status code).
    public let cause: Int
    /// Rows of the group.
    public let n: Int
    /// Events of this cause in the group.
    public let events: Int
    /// The curve's corners (``CumulativeIncidenceCurve``).
    public let time: [Double]
    /// The estimate at each corner.
    public let estimate: [Double]
    /// Its variance.
    public let variance: [Double]
    /// The estimates at the chosen times.
    public let at: [Point]
  }

  /// Every (group, cause), groups in R's factor order, causes ascending.
  public let groups: [Curve]
  /// Gray's test per cause, with two groups or more.
  public let grayTest: [GrayTestResult]
  /// Rows used.
  public let n: Int
  /// Rows dropped for a missing value.
  public let nDropped: Int
  /// The confidence level of the intervals.
  public let confLevel: Double

  /// The curves of `table` (read with `causes: true`) by the levels of `by` (one group "all" without it).
  public init(table: SurvivalTable, by: String?, at times: [Double], confidenceLevel: Double = 0.95) {
    let factor = by.map { table.factor($0) } ?? Factor(Array(repeating: "all", count: table.time.count))
    let causes = Array(Set(table.status.filter { $0 != 0 })).sorted()
    let z = NormalDistribution.quantile(0.5 + confidenceLevel / 2)
    var curves: [Curve] = []
    for cause in causes {
      for (number, level) in factor.levels.enumerated() {
        let members = factor.codes.indices.filter { factor.codes[$0] == number }
        let status = members.map { table.status[$0] }
        let curve = CumulativeIncidence.fit(time: members.map { table.time[$0] }, status: status, cause: cause)
        let points = times.map { t -> Point in
          guard let value = curve.at(t) else {
            return Point(time: t, estimate: nil, variance: nil, lower: nil, upper: nil)
          }
          let (f, v) = value
          guard f > 0, f < 1, v > 0 else { return Point(time: t, estimate: f, variance: v, lower: f, upper: f) }
          let spread = z * v.squareRoot() / (f * log(f))
          return Point(time: t, estimate: f, variance: v, lower: pow(f, exp(-spread)), upper: pow(f, exp(spread)))
        }
        curves.append(
          Curve(
            group: by.map { "\($0)=\(level)" } ?? "all", cause: cause, n: members.count,
            events: status.filter { $0 == cause }.count, time: curve.time, estimate: curve.estimate,
            variance: curve.variance, at: points))
      }
    }
    grayTest =
      factor.levels.count > 1
      ? causes.map {
        GrayTest.test(
          time: table.time, status: table.status, group: factor.codes, groups: factor.levels.count, cause: $0)
      } : []
    (groups, n, nDropped, confLevel) = (curves, table.time.count, table.dropped, confidenceLevel)
  }

  /// The report as text: one line per group and cause, with the estimates at the chosen times.
  public var text: String {
    var lines = [
      "Cumulative incidence (Aalen-Johansen, as R's cmprsk::cuminc; \(Int(confLevel * 100)) % intervals, log-log); \(n) rows used, \(nDropped) dropped for a missing value",
      "",
    ]
    let times = groups.first?.at.map(\.time) ?? []
    lines.append(
      "group".padding(toLength: 28, withPad: " ", startingAt: 0) + " cause      n  events"
        + times.map { "  " + "at \(RNumberFormat.significant($0))".padding(toLength: 24, withPad: " ", startingAt: 0) }
        .joined())
    for curve in groups {
      var line =
        curve.group.padding(toLength: 28, withPad: " ", startingAt: 0)
        + String(format: " %5d  %5d  %6d", curve.cause, curve.n, curve.events)
      for point in curve.at {
        let text: String
        if let estimate = point.estimate, let lower = point.lower, let upper = point.upper {
          text =
            "\(RNumberFormat.significant(estimate, digits: 3)) (\(RNumberFormat.significant(lower, digits: 3))–\(RNumberFormat.significant(upper, digits: 3)))"
        } else {
          text = "NA"
        }
        line += "  " + text.padding(toLength: 24, withPad: " ", startingAt: 0)
      }
      lines.append(line)
    }
    if !grayTest.isEmpty { lines.append("") }
    for test in grayTest {
      guard let statistic = test.statistic, let p = test.p else {
        lines.append("Gray's test, cause \(test.cause): not computed (singular variance)")
        continue
      }
      lines.append(
        "Gray's test, cause \(test.cause): chi-square = \(RNumberFormat.significant(statistic, digits: 5)) on \(test.df) df, \(RNumberFormat.pStatement(p))"
      )
    }
    return lines.joined(separator: "\n")
  }
}
