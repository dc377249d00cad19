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
    let n = time.count
    let distinctRisks = Array(Set(risk)).sorted()
    let ranks = risk.map { value -> Int in
      var low = 0
      var high = distinctRisks.count - 1
      while low < high {
        let middle = (low + high) / 2
        if distinctRisks[middle] < value { low = middle + 1 } else { high = middle }
      }
      return low
    }
    var tree = Array(repeating: 0.0, count: distinctRisks.count + 1)
    func add(_ index: Int) {
      var i = index + 1
      while i < tree.count {
        tree[i] += 1
        i += i & -i
      }
    }
    func prefix(_ index: Int) -> Double {
      var total = 0.0
      var i = index
      while i > 0 {
        total += tree[i]
        i -= i & -i
      }
      return total
    }  // ranks < index
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
        add(ranks[i])
        inTree += 1
      }  // censored at t outlive the events at t
      for i in group where event[i] {
        let lower = prefix(ranks[i])
        let atMost = prefix(ranks[i] + 1)
        counts.concordant += lower
        counts.tiedRisk += atMost - lower
        counts.discordant += inTree - atMost
      }
      for i in group where event[i] {
        add(ranks[i])
        inTree += 1
      }
      position = end
    }
    return counts
  }
}
