import Foundation

extension PrognosisModel {
  /// Calibration of a model's predictions at one horizon on one data set: the smoothed observed risk at points of
  /// predicted risk (a Cox model of the outcome on a restricted cubic spline of log(−log Ŝ(u)), knots at the 10th,
  /// 50th and 90th percentiles; linear when the knots are not distinct), its integrated calibration index, and (on
  /// the fitting data) fifths of predicted risk against Kaplan-Meier.
  /// - Source: Austin PC, Harrell FE, van Klaveren D. Graphical calibration curves and the integrated calibration
  ///   index (ICI) for survival models. Stat Med 2020;39:2714–42. Harrell FE. Regression Modeling Strategies, 2nd
  ///   ed., §2.4.5 (restricted cubic splines).
  struct CalibrationFit {
    let horizon: Double
    /// Points of predicted risk (probability of the event by the horizon).
    let grid: [Double]
    /// The smoothed observed risk at each point.
    let observedAtGrid: [Double]
    let groups: [Calibration.Group]
    let ici: Double

    /// `grid`: the points to read the curve at (the apparent fit's, for a resample); nil on the fitting data, where
    /// the points span the 5th to 95th percentile of the predicted risks and the fifths are computed.
    init(time: [Double], event: [Bool], rows: [[Double]], beta: [Double], horizon: Double, grid given: [Double]? = nil)
      throws
    {
      self.horizon = horizon
      let baseline = BaselineHazard(time: time, event: event, covariates: rows, beta: beta)
      let h0 = baseline.time.lastIndex { $0 <= horizon }.map { baseline.cumulativeHazard[$0] } ?? 0
      guard h0 > 0 else { throw PrognosisModelError.data("no event before the horizon \(horizon).") }
      let survival = rows.map { row in
        min(max(exp(-h0 * exp(zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 })), 1e-12), 1 - 1e-12)
      }
      let risk = survival.map { 1 - $0 }
      let sorted = risk.sorted()
      let points: [Double]
      if let given {
        points = given
      } else {
        let (low, high) = (Self.quantile(sorted, 0.05), Self.quantile(sorted, 0.95))
        points = high > low ? (0..<20).map { low + (high - low) * Double($0) / 19 } : [low]
      }
      grid = points
      let cll = survival.map { log(-log($0)) }
      let smooth = try Smooth(time: time, event: event, cll: cll, horizon: horizon)
      observedAtGrid = points.map { smooth.risk(atCLL: log(-log(1 - min(max($0, 1e-12), 1 - 1e-12)))) }
      ici = zip(cll, risk).reduce(0) { $0 + abs(smooth.risk(atCLL: $1.0) - $1.1) } / Double(max(1, risk.count))
      guard given == nil else {
        groups = []
        return
      }
      let order = risk.indices.sorted { risk[$0] < risk[$1] }
      groups = (0..<5).compactMap { g in
        let members = order[(g * order.count / 5)..<((g + 1) * order.count / 5)]
        guard !members.isEmpty else { return nil }
        let curve = KaplanMeierEstimator.fit(time: members.map { time[$0] }, event: members.map { event[$0] })
        return Calibration.Group(
          n: members.count, predicted: members.reduce(0) { $0 + risk[$1] } / Double(members.count),
          observed: 1 - curve.at(horizon).survival)
      }
    }

    /// The model file's calibration, with the bootstrap optimism of the curve at each point.
    func summary(optimism: [Double]) -> Calibration {
      Calibration(
        horizon: horizon, groups: groups,
        curve: grid.indices.map { k in
          Calibration.Point(
            predicted: grid[k], observed: observedAtGrid[k],
            corrected: min(1, max(0, observedAtGrid[k] - (k < optimism.count ? optimism[k] : 0))))
        }, ici: ici)
    }

    /// The R type 7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
      guard !sorted.isEmpty else { return .nan }
      let h = Double(sorted.count - 1) * q
      let low = Int(h.rounded(.down))
      let high = min(low + 1, sorted.count - 1)
      return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// The Cox model of the outcome on the spline of log(−log Ŝ).
    struct Smooth {
      let knots: [Double]
      let beta: [Double]
      let h0: Double
      /// When every prediction is the same: the Kaplan-Meier risk at the horizon.
      let flat: Double?

      init(time: [Double], event: [Bool], cll: [Double], horizon: Double) throws {
        let sorted = cll.sorted()
        guard let first = sorted.first, let last = sorted.last, last > first else {
          (knots, beta, h0) = ([], [], 0)
          flat = 1 - KaplanMeierEstimator.fit(time: time, event: event).at(horizon).survival
          return
        }
        let candidates = [0.1, 0.5, 0.9].map { CalibrationFit.quantile(sorted, $0) }
        let chosen = Set(candidates).count == 3 ? candidates : []
        knots = chosen
        flat = nil
        let basis = cll.map { Self.basis($0, chosen) }
        let fit = try CoxProportionalHazards.fit(
          time: time, event: event, covariates: basis, names: (0..<basis[0].count).map { "s\($0)" })
        beta = fit.coefficients.map(\.coef)
        let baseline = BaselineHazard(time: time, event: event, covariates: basis, beta: beta)
        h0 = baseline.time.lastIndex { $0 <= horizon }.map { baseline.cumulativeHazard[$0] } ?? 0
      }

      /// The observed probability of the event by the horizon for a prediction with log(−log Ŝ) = `c`.
      func risk(atCLL c: Double) -> Double {
        if let flat { return flat }
        let eta = zip(Self.basis(c, knots), beta).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 - exp(-h0 * exp(eta))
      }

      /// x and, with three knots, Harrell's restricted cubic spline term (rms `rcspline.eval`, norm = 2).
      static func basis(_ x: Double, _ knots: [Double]) -> [Double] {
        guard knots.count == 3 else { return [x] }
        let (k1, k2, k3) = (knots[0], knots[1], knots[2])
        func cube(_ v: Double) -> Double { v > 0 ? v * v * v : 0 }
        let term = cube(x - k1) - cube(x - k2) * (k3 - k1) / (k3 - k2) + cube(x - k3) * (k2 - k1) / (k3 - k2)
        return [x, term / ((k3 - k1) * (k3 - k1))]
      }
    }
  }
}
