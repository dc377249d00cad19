import Foundation

/// Harrell's concordance index of a risk score against survival.
public enum Concordance {
  /// Counts of the comparable pairs.
  public struct Counts: Sendable, Equatable {
    /// Concordant pairs.
    public var concordant: Double
    /// Discordant pairs.
    public var discordant: Double
    /// Pairs tied on the risk score.
    public var tiedRisk: Double
    /// (concordant + tiedRisk/2) / (concordant + discordant + tiedRisk).
    public var concordance: Double { (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk) }
  }

  /// A pair is comparable when the shorter time is an event (a subject censored at the same time as an event counts
  /// as outliving it; two events at the same time are not comparable). It is concordant when the one who fails first
  /// has the higher risk. O(n log n): a Fenwick tree over risk ranks, sweeping times from the largest.
  /// - Source: Harrell FE et al. JAMA 1982;247:2543–6; as R's `concordance` with `reverse = TRUE` (survival 3.5).
  public static func harrell(time: [Double], event: [Bool], risk: [Double]) -> Counts {
    weighted(time: time, event: event, risk: risk) { _ in 1 }
  }

  /// Uno's concordance at a horizon τ: Harrell's pairs, each weighted by 1/G(t−)² at the earlier (event) time t, where
  /// G is the Kaplan-Meier estimate of the censoring distribution (censorings at an event time counted after the
  /// events), and pairs whose event time is after τ left out — R's `concordance(…, timewt = "n/G2", ymax = τ)`. With
  /// fewer than two events the weights are 1, as R's.
  /// - Source: Uno H et al. Stat Med 2011;30:1105–17. Therneau TM, Atkinson EJ. Concordance (survival package
  ///   vignette, 3.5), §timewt.
  public static func uno(time: [Double], event: [Bool], risk: [Double], horizon: Double) -> Counts {
    let order = time.indices.sorted { time[$0] < time[$1] }
    var censoring: [Double: Double] = [:]  // event time → G(t−)
    var g = 1.0
    var start = 0
    let n = order.count
    while start < n {
      let t = time[order[start]]
      var end = start
      var (deaths, censored) = (0, 0)
      while end < n, time[order[end]] == t {
        if event[order[end]] { deaths += 1 } else { censored += 1 }
        end += 1
      }
      if deaths > 0 { censoring[t] = g }
      if censored > 0 { g *= 1 - Double(censored) / Double(n - start - deaths) }
      start = end
    }
    let unweighted = event.filter { $0 }.count < 2
    return weighted(time: time, event: event, risk: risk) { t in
      guard t <= horizon else { return 0 }
      if unweighted { return 1 }
      let value = censoring[t] ?? 1
      return 1 / (value * value)
    }
  }

  /// Harrell's pairs, each counted with the weight of its earlier (event) time.
  static func weighted(time: [Double], event: [Bool], risk: [Double], weight: (Double) -> Double) -> Counts {
    let n = time.count
    var tree = RankTree(risk)
    var counts = Counts(concordant: 0, discordant: 0, tiedRisk: 0)
    let order = (0..<n).sorted { time[$0] > time[$1] }
    var inTree = 0.0
    var position = 0
    while position < n {
      let t = time[order[position]]
      var end = position
      while end < n, time[order[end]] == t { end += 1 }
      let group = order[position..<end]
      for i in group where !event[i] {
        tree.add(i)
        inTree += 1
      }  // censored at t outlive the events at t
      let w = weight(t)
      for i in group where event[i] && w != 0 {
        let (lower, atMost) = tree.counts(i)
        counts.concordant += w * lower
        counts.tiedRisk += w * (atMost - lower)
        counts.discordant += w * (inTree - atMost)
      }
      for i in group where event[i] {
        tree.add(i)
        inTree += 1
      }
      position = end
    }
    return counts
  }
}

/// A Fenwick tree over the ranks of risk scores: how many subjects added so far have a lower risk than a subject,
/// and how many a risk at most as high, each in O(log n).
struct RankTree {
  private let ranks: [Int]
  private var tree: [Double]

  /// A tree for the subjects of `risk` (none added yet).
  init(_ risk: [Double]) {
    let distinct = Array(Set(risk)).sorted()
    ranks = risk.map { value in
      var (low, high) = (0, distinct.count - 1)
      while low < high {
        let middle = (low + high) / 2
        if distinct[middle] < value { low = middle + 1 } else { high = middle }
      }
      return low
    }
    tree = Array(repeating: 0, count: distinct.count + 1)
  }

  /// Adds subject `i`.
  mutating func add(_ i: Int) {
    var index = ranks[i] + 1
    while index < tree.count {
      tree[index] += 1
      index += index & -index
    }
  }

  /// Subjects added with a risk lower than subject `i`'s, and with a risk at most as high.
  func counts(_ i: Int) -> (lower: Double, atMost: Double) { (prefix(ranks[i]), prefix(ranks[i] + 1)) }

  private func prefix(_ end: Int) -> Double {
    var (total, index) = (0.0, end)
    while index > 0 {
      total += tree[index]
      index -= index & -index
    }
    return total
  }
}
