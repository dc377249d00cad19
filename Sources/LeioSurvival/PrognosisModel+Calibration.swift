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

    /// The calibration at every horizon of one model on one data set. `grids`: the points to read each curve at (the
    /// apparent fit's, for a resample); nil on the fitting data, where the points span the 5th to 95th percentile of
    /// the predicted risks and the fifths are computed.
    ///
    /// log(−log Ŝ(u | x)) = log H₀(u) + x·β differs between horizons by a constant, and a Cox model does not change
    /// when a covariate is shifted (nor a spline whose knots are its quantiles), so one smoothing fit on x·β serves
    /// every horizon; only its baseline is read at each.
    static func all(
      _ endpoint: Endpoint, rows: [[Double]], beta: [Double], horizons: [Double], grids: [[Double]]? = nil
    ) throws -> [CalibrationFit] {
      let baseline = try endpoint.baseline(rows, beta: beta)
      let eta = rows.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
      let smooth = try Smooth(endpoint, eta: eta)
      return try horizons.enumerated().map { k, u in
        try CalibrationFit(
          endpoint, eta: eta, baseline: baseline, smooth: smooth, horizon: u, grid: grids?[k])
      }
    }

    init(
      _ endpoint: Endpoint, eta: [Double], baseline: (time: [Double], cumulative: [Double]), smooth: Smooth,
      horizon: Double, grid given: [Double]?
    ) throws {
      self.horizon = horizon
      let h0 = baseline.time.lastIndex { $0 <= horizon }.map { baseline.cumulative[$0] } ?? 0
      guard h0 > 0 else { throw PrognosisModelError.data("no event before the horizon \(horizon).") }
      let risk = eta.map { 1 - min(max(exp(-h0 * exp($0)), 1e-12), 1 - 1e-12) }
      let points: [Double]
      if let given {
        points = given
      } else {
        let sorted = risk.sorted()
        let (low, high) = (Self.quantile(sorted, 0.05), Self.quantile(sorted, 0.95))
        points = high > low ? (0..<20).map { low + (high - low) * Double($0) / 19 } : [low]
      }
      grid = points
      // A predicted risk F at this horizon is the linear predictor log(−log(1 − F)) − log H₀(u).
      let shift = log(h0)
      observedAtGrid = smooth.risks(
        atEta: points.map { log(-log(1 - min(max($0, 1e-12), 1 - 1e-12))) - shift }, horizon: horizon)
      ici =
        zip(smooth.risks(atEta: eta, horizon: horizon), risk).reduce(0) { $0 + abs($1.0 - $1.1) }
        / Double(max(1, risk.count))
      guard given == nil else {
        groups = []
        return
      }
      let order = risk.indices.sorted { risk[$0] < risk[$1] }
      groups = (0..<5).compactMap { g in
        let members = order[(g * order.count / 5)..<((g + 1) * order.count / 5)]
        guard !members.isEmpty else { return nil }
        return Calibration.Group(
          n: members.count, predicted: members.reduce(0) { $0 + risk[$1] } / Double(members.count),
          observed: endpoint.observed(Array(members), horizon: horizon))
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

    /// The Cox model of the outcome on a restricted cubic spline of the linear predictor (the smoothing model of
    /// every horizon), or, when every prediction is the same, Kaplan-Meier.
    struct Smooth {
      let knots: [Double]
      let beta: [Double]
      let baseline: (time: [Double], cumulative: [Double])?
      /// When every prediction is the same: the observed risk at any horizon.
      let flat: ((Double) -> Double)?

      init(_ endpoint: Endpoint, eta: [Double]) throws {
        let sorted = eta.sorted()
        guard let first = sorted.first, let last = sorted.last, last - first > 1e-12 * max(1, abs(last)) else {
          (knots, beta, baseline) = ([], [], nil)
          let everyone = Array(endpoint.time.indices)
          flat = { endpoint.observed(everyone, horizon: $0) }
          return
        }
        let candidates = [0.1, 0.5, 0.9].map { CalibrationFit.quantile(sorted, $0) }
        let chosen = Set(candidates).count == 3 ? candidates : []
        knots = chosen
        flat = nil
        let basis = eta.map { Self.basis($0, chosen) }
        let coefficients = try endpoint.fit(basis, names: (0..<basis[0].count).map { "s\($0)" })
        beta = coefficients
        baseline = try endpoint.baseline(basis, beta: coefficients)
      }

      /// The observed probability of the event by `horizon` for each linear predictor of `eta` (the baseline is
      /// read once).
      func risks(atEta eta: [Double], horizon: Double) -> [Double] {
        if let flat { return Array(repeating: flat(horizon), count: eta.count) }
        guard let baseline else { return eta.map { _ in .nan } }
        let h0 = baseline.time.lastIndex { $0 <= horizon }.map { baseline.cumulative[$0] } ?? 0
        return eta.map { value in
          1 - exp(-h0 * exp(zip(Self.basis(value, knots), beta).reduce(0) { $0 + $1.0 * $1.1 }))
        }
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
