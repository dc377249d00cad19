import Foundation

extension PrognosisModel {
  /// What a prognosis model predicts, and the operations its fit and validation need for it: the time to an event
  /// (a Cox model; status 0/1), or to an event of one cause with the others competing (a Fine-Gray model; status
  /// 0 censored, 1…k the causes).
  struct Endpoint {
    let time: [Double]
    let status: [Int]
    /// The cause of a Fine-Gray model; nil for a Cox model.
    let cause: Int?
    /// Whether each row ends in the event (of the cause), computed once: the bootstrap reads it several times per
    /// resample.
    let event: [Bool]

    init(time: [Double], status: [Int], cause: Int?) {
      (self.time, self.status, self.cause) = (time, status, cause)
      event = cause.map { cause in status.map { $0 == cause } } ?? status.map { $0 != 0 }
    }

    /// The endpoint of the resampled rows.
    func resampled(_ draw: [Int]) -> Endpoint {
      Endpoint(time: draw.map { time[$0] }, status: draw.map { status[$0] }, cause: cause)
    }

    /// The coefficients of the model on `rows` (Cox, Efron ties; or Fine-Gray as crr).
    func fit(_ rows: [[Double]], names: [String]) throws -> [Double] {
      if let cause {
        return try FineGray.fit(time: time, status: status, cause: cause, covariates: rows, names: names)
          .coefficients.map(\.coef)
      }
      return try CoxProportionalHazards.fit(time: time, event: event, covariates: rows, names: names)
        .coefficients.map(\.coef)
    }

    /// The baseline cumulative (subdistribution) hazard at covariates 0 and at each time, for coefficients `beta`.
    func baseline(_ rows: [[Double]], beta: [Double]) throws -> (time: [Double], cumulative: [Double]) {
      guard let cause else {
        let hazard = BaselineHazard(time: time, event: event, covariates: rows, beta: beta)
        return (hazard.time, hazard.cumulativeHazard)
      }
      let problem = FineGray.Problem(time: time, status: status, cause: cause, covariates: rows)
      let fit = problem.evaluate(beta)
      let shift = exp(-zip(problem.means, beta).reduce(0) { $0 + $1.0 * $1.1 })
      var total = 0.0
      let cumulative = zip(problem.failures, fit.s0).map { failure, s0 in
        total += Double(failure.count) / s0 * shift
        return total
      }
      return (problem.failures.map { problem.time[$0.first] }, cumulative)
    }

    /// The discrimination indexes of a risk score: Harrell's and Uno's C at `horizon` (Cox); the competing-risks
    /// C of Wolbers et al. (Fine-Gray).
    func concordance(_ risk: [Double], horizon: Double) -> [Double] {
      if let cause {
        return [Concordance.competing(time: time, status: status, cause: cause, risk: risk).concordance]
      }
      return [
        Concordance.harrell(time: time, event: event, risk: risk).concordance,
        Concordance.uno(time: time, event: event, risk: risk, horizon: horizon).concordance,
      ]
    }

    /// The names of ``concordance(_:horizon:)``'s indexes.
    var concordanceNames: [String] { cause == nil ? ["harrellC", "unoC"] : ["competingC"] }

    /// The observed probability of the event by `horizon` among `members`: 1 − Kaplan-Meier, or the Aalen-Johansen
    /// cumulative incidence of the cause.
    func observed(_ members: [Int], horizon: Double) -> Double {
      if let cause {
        let curve = CumulativeIncidence.fit(
          time: members.map { time[$0] }, status: members.map { status[$0] }, cause: cause)
        return curve.at(horizon)?.estimate ?? curve.estimate.last ?? .nan
      }
      let curve = KaplanMeierEstimator.fit(time: members.map { time[$0] }, event: members.map { event[$0] })
      return 1 - curve.at(horizon).survival
    }
  }
}

extension Concordance {
  /// The concordance of a risk score with the events of one cause when other causes compete (Wolbers et al. 2009):
  /// a subject with an event of the cause at t is compared with everyone still event-free after t (and those
  /// censored at t), and with everyone who had a competing event, whenever it was; concordant when the subject with
  /// the event has the higher risk, ties in risk counting one half. With no competing events it is Harrell's C.
  /// - Source: Wolbers M, Koller MT, Witteman JCM, Steyerberg EW. Epidemiology 2009;20:555–61.
  public static func competing(time: [Double], status: [Int], cause: Int, risk: [Double]) -> Counts {
    // Pairs with a later (or tied censored / competing) time: Harrell's sweep with the cause's events as events.
    var counts = weighted(time: time, event: status.map { $0 == cause }, risk: risk) { _ in 1 }
    // Plus the competing events strictly before each event of the cause (those at the same time are counted above).
    var tree = RankTree(risk)
    let order = time.indices.sorted { time[$0] < time[$1] }
    var inTree = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end < order.count, time[order[end]] == time[order[start]] { end += 1 }
      for i in order[start..<end] where status[i] == cause {
        let (lower, atMost) = tree.counts(i)
        counts.concordant += lower
        counts.tiedRisk += atMost - lower
        counts.discordant += inTree - atMost
      }
      for j in order[start..<end] where status[j] != 0 && status[j] != cause {
        tree.add(j)
        inTree += 1
      }
      start = end
    }
    return counts
  }
}
