import Foundation

extension PrognosisModel {
  /// What `fit` needs besides the data.
  public struct Options: Sendable {
    /// The time column, its unit, and the event column (for the model file).
    public var time: String
    /// The unit of the time column.
    public var timeUnit: String
    /// The event column.
    public var event: String
    /// The calibration horizons (the last is also Uno's C's), in the time column's unit.
    public var horizons: [Double]
    /// Bootstrap resamples (0: apparent figures only).
    public var bootstrap: Int
    /// The resampling seed.
    public var seed: UInt64
    /// The first and last year of diagnosis of the data, when known.
    public var years: [Int]?
    /// The cause of a Fine-Gray model (the table read with `causes: true`); nil for a Cox model.
    public var cause: Int?

    /// Options for a fit.
    public init(
      time: String, timeUnit: String, event: String, horizons: [Double], bootstrap: Int, seed: UInt64,
      years: [Int]? = nil, cause: Int? = nil
    ) {
      (self.time, self.timeUnit, self.event, self.horizons) = (time, timeUnit, event, horizons)
      (self.bootstrap, self.seed, self.years, self.cause) = (bootstrap, seed, years, cause)
    }
  }

  /// Fits a Cox model (Efron ties) of `covariates` — or, with a cause, a Fine-Gray model of that cause (as
  /// `cmprsk::crr`) — and validates it internally as `rms::validate` and `rms::calibrate` do: the apparent indexes on
  /// the data, then for each bootstrap resample a model fitted on the resample and its indexes on the resample and on
  /// the original data; the mean difference is the optimism, and apparent − optimism the corrected index
  /// (Efron-Gong). Indexes: Harrell's C and Uno's C at the last horizon (Cox), or the competing-risks C of Wolbers
  /// et al. (Fine-Gray); and the calibration slope (the coefficient of the linear predictor in a model of the same
  /// kind on the original data; 1 on the data that fitted it). Calibration at each horizon within follow-up: fifths
  /// of predicted risk against Kaplan-Meier (or Aalen-Johansen for a cause), and a smoothed curve — the observed risk
  /// from a model of the same kind on a restricted cubic spline (3 knots) of log(−log(1 − predicted risk)), as
  /// Austin, Harrell & van Klaveren propose (and Austin, Putter et al. for competing risks) — apparent and corrected
  /// by the same bootstrap.
  /// - Source: Harrell FE. Regression Modeling Strategies, 2nd ed. Springer 2015, §5.3 (validation), §20.12
  ///   (calibration). Austin PC, Harrell FE, van Klaveren D. Stat Med 2020;39:2714–42. Austin PC, Putter H, Giardiello
  ///   D, van Klaveren D. Diagn Progn Res 2022;6:2. Uno H et al. Stat Med 2011;30:1105–17. Wolbers M et al.
  ///   Epidemiology 2009;20:555–61.
  public static func fit(table: SurvivalTable, covariates: [String], options: Options) throws -> PrognosisModel {
    let design = try CoxDesign(table: table, covariates: covariates)
    guard let horizon = options.horizons.max(), horizon > 0 else {
      throw PrognosisModelError.data("give at least one horizon > 0.")
    }
    let endpoint = Endpoint(time: design.time, status: table.status, cause: options.cause)
    let varianceMatrix: [Double]
    let beta: [Double]
    let events: Int
    if let cause = options.cause {
      let model = try FineGray.fit(
        time: design.time, status: table.status, cause: cause, covariates: design.rows, names: design.names,
        nDropped: design.dropped)
      (beta, varianceMatrix, events) = (model.coefficients.map(\.coef), model.variance, model.nEvents)
    } else {
      let model = try CoxProportionalHazards.fit(
        time: design.time, event: design.event, covariates: design.rows, names: design.names, nDropped: design.dropped)
      (beta, varianceMatrix, events) = (model.coefficients.map(\.coef), model.variance, model.nEvents)
    }
    let p = beta.count
    let n = design.time.count
    let means = (0..<p).map { j in design.rows.reduce(0) { $0 + $1[j] } / Double(n) }
    let terms = design.terms.map { term -> Term in
      if let reference = design.references[term.name] {
        return Term(
          name: term.name,
          levels: [reference] + term.columns.map { String(design.names[$0].dropFirst(term.name.count)) })
      }
      let values = design.rows.map { $0[term.columns[0]] }
      return Term(name: term.name, minimum: values.min(), maximum: values.max())
    }
    let maximumTime = design.time.max() ?? 0
    let horizons = options.horizons.filter { $0 <= maximumTime }
    guard !horizons.isEmpty else {
      throw PrognosisModelError.data(
        "no horizon is within the follow-up (the longest is \(SurvivalPlot.format(maximumTime)) \(options.timeUnit)).")
    }
    let uno = min(horizon, maximumTime)
    let apparent = Resample.indexes(endpoint, rows: design.rows, beta: beta, horizon: uno, slope: 1)
    let calibration = try CalibrationFit.all(endpoint, rows: design.rows, beta: beta, horizons: horizons)
    var validation = Validation(
      bootstrap: options.bootstrap, failed: 0, seed: options.seed, horizon: uno,
      indexes: zip(endpoint.concordanceNames + ["calibrationSlope"], apparent).map {
        Index(name: $0.0, apparent: $0.1, optimism: 0, corrected: $0.1)
      })
    var curveOptimism = calibration.map { Array(repeating: 0.0, count: $0.grid.count) }
    var random = BootstrapGenerator(seed: options.seed)
    var used = 0
    for _ in 0..<options.bootstrap {
      let draw = (0..<n).map { _ in random.below(n) }
      guard
        let resample = try? Resample(
          endpoint, design: design, draw: draw, horizon: uno, calibration: calibration, horizons: horizons)
      else {
        validation.failed += 1
        continue
      }
      used += 1
      for k in validation.indexes.indices { validation.indexes[k].optimism += resample.optimism[k] }
      for (h, values) in resample.curveOptimism.enumerated() {
        for g in values.indices { curveOptimism[h][g] += values[g] }
      }
    }
    if used > 0 {
      for k in validation.indexes.indices {
        validation.indexes[k].optimism /= Double(used)
        validation.indexes[k].corrected = validation.indexes[k].apparent - validation.indexes[k].optimism
      }
    }
    let calibrations = zip(calibration, curveOptimism).map { fit, optimism in
      fit.summary(optimism: used > 0 ? optimism.map { $0 / Double(used) } : optimism)
    }
    let baseline =
      options.cause.map { cause in
        Baseline(
          fineGray: FineGray.Problem(time: design.time, status: table.status, cause: cause, covariates: design.rows),
          beta: beta)
      } ?? Baseline(time: design.time, event: design.event, rows: design.rows, beta: beta, means: means)
    return PrognosisModel(
      schemaVersion: currentSchemaVersion, kind: options.cause == nil ? "cox" : "finegray", cause: options.cause,
      time: options.time, timeUnit: options.timeUnit, event: options.event, terms: terms, names: design.names,
      coefficients: beta, variance: varianceMatrix, means: means, baseline: baseline,
      data: DataSummary(
        n: n, events: events, dropped: design.dropped, maximumTime: maximumTime, years: options.years),
      validation: validation, calibration: calibrations)
  }

  /// One bootstrap resample: a model fitted on it, and its optimism (index on the resample − on the original data).
  struct Resample {
    var optimism: [Double]
    var curveOptimism: [[Double]]

    init(
      _ endpoint: Endpoint, design: CoxDesign, draw: [Int], horizon: Double, calibration: [CalibrationFit],
      horizons: [Double]
    ) throws {
      let sample = endpoint.resampled(draw)
      let rows = draw.map { design.rows[$0] }
      let beta = try sample.fit(rows, names: design.names)
      let original = design.rows.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
      let slope = try endpoint.fit(original.map { [$0] }, names: ["lp"])[0]
      let train = Self.indexes(sample, rows: rows, beta: beta, horizon: horizon, slope: 1)
      let test = Self.indexes(endpoint, rows: design.rows, beta: beta, horizon: horizon, slope: slope)
      optimism = zip(train, test).map { $0 - $1 }
      let grids = calibration.map(\.grid)
      let onResample = try CalibrationFit.all(sample, rows: rows, beta: beta, horizons: horizons, grids: grids)
      let onOriginal = try CalibrationFit.all(
        endpoint, rows: design.rows, beta: beta, horizons: horizons, grids: grids)
      curveOptimism = zip(onResample, onOriginal).map { train, test in
        zip(train.observedAtGrid, test.observedAtGrid).map { $0 - $1 }
      }
    }

    /// The concordance indexes of the endpoint, and the calibration slope given.
    static func indexes(_ endpoint: Endpoint, rows: [[Double]], beta: [Double], horizon: Double, slope: Double)
      -> [Double]
    {
      let risk = rows.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
      return endpoint.concordance(risk, horizon: horizon) + [slope]
    }
  }
}

extension PrognosisModel.Baseline {
  /// The baseline cumulative subdistribution hazard of a Fine-Gray fit at the design means, with the same variance
  /// terms as the Cox baseline (the censoring weights taken as known).
  init(fineGray problem: FineGray.Problem, beta: [Double]) {
    let p = beta.count
    let fit = problem.evaluate(beta)
    var (hazard, variance) = (0.0, 0.0)
    var mean = Array(repeating: 0.0, count: p)
    self.init(time: [], cumulativeHazard: [], hazardVariance: [], meanHazard: [])
    for (k, failure) in problem.failures.enumerated() {
      let (d, s0) = (Double(failure.count), fit.s0[k])
      hazard += d / s0
      variance += d / (s0 * s0)
      for j in 0..<p { mean[j] += fit.s1[k * p + j] / s0 * d / s0 }
      time.append(problem.time[failure.first])
      cumulativeHazard.append(hazard)
      hazardVariance.append(variance)
      meanHazard.append(contentsOf: mean)
    }
  }

  /// The Breslow baseline at `means` and its variance terms, from the fitted coefficients.
  init(time: [Double], event: [Bool], rows: [[Double]], beta: [Double], means: [Double]) {
    let n = time.count
    let p = beta.count
    let centred = rows.map { row in (0..<p).map { row[$0] - means[$0] } }
    let risk = centred.map { row in exp(zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 }) }
    let order = (0..<n).sorted { time[$0] > time[$1] }
    var steps: [(time: Double, deaths: Double, s0: Double, s1: [Double])] = []
    var s0 = 0.0
    var s1 = Array(repeating: 0.0, count: p)
    var position = 0
    while position < n {
      let t = time[order[position]]
      var deaths = 0.0
      while position < n, time[order[position]] == t {
        let i = order[position]
        s0 += risk[i]
        for j in 0..<p { s1[j] += risk[i] * centred[i][j] }
        if event[i] { deaths += 1 }
        position += 1
      }
      if deaths > 0 { steps.append((t, deaths, s0, s1)) }
    }
    var (hazard, variance) = (0.0, 0.0)
    var mean = Array(repeating: 0.0, count: p)
    self.init(time: [], cumulativeHazard: [], hazardVariance: [], meanHazard: [])
    for step in steps.reversed() {
      hazard += step.deaths / step.s0
      variance += step.deaths / (step.s0 * step.s0)
      for j in 0..<p { mean[j] += step.s1[j] / step.s0 * step.deaths / step.s0 }
      self.time.append(step.time)
      cumulativeHazard.append(hazard)
      hazardVariance.append(variance)
      meanHazard.append(contentsOf: mean)
    }
  }
}

/// PCG32 (O'Neill 2014, PCG-XSH-RR 64/32): the bootstrap's generator. The same seed gives the same resamples on
/// every machine, so a model file's validation figures can be reproduced from its recorded seed.
struct BootstrapGenerator {
  private var state: UInt64
  private static let increment: UInt64 = 1_442_695_040_888_963_407

  init(seed: UInt64) {
    state = 0
    _ = next32()
    state &+= seed
    _ = next32()
  }

  mutating func next32() -> UInt32 {
    let old = state
    state = old &* 6_364_136_223_846_793_005 &+ Self.increment
    let shifted = UInt32(truncatingIfNeeded: ((old >> 18) ^ old) >> 27)
    let rotation = UInt32(truncatingIfNeeded: old >> 59)
    return (shifted >> rotation) | (shifted << ((~rotation &+ 1) & 31))
  }

  /// A number in 0..<bound (bound > 0), by Lemire's multiply-shift with rejection (no modulo bias).
  mutating func below(_ bound: Int) -> Int {
    let range = UInt64(bound)
    while true {
      let random = UInt64(next32()) << 32 | UInt64(next32())
      let (high, low) = random.multipliedFullWidth(by: range)
      if low >= (0 &- range) % range { return Int(high) }
    }
  }
}
