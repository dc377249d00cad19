import Foundation

extension FineGray {
  /// The data of one fit, sorted by time, and the pseudo-likelihood with its derivatives at a β.
  ///
  /// At an event time t of the cause, the risk set holds everyone still under observation (time ≥ t), with weight
  /// rᵢ = exp(xᵢ·β), and everyone whose competing event came before t, with weight rᵢ·G(t−)/G(tᵢ−). Its sums are
  /// S = R(t) + G(t−)·C(t): R runs over the subjects with time ≥ t (accumulated from the end), C over the competing
  /// events before t with weights rᵢ/G(tᵢ−) (accumulated from the start).
  struct Problem {
    /// An event time of the cause: the first sorted index at that time, and the number of events there.
    struct Failure {
      let first: Int
      let count: Int
    }

    struct Evaluation {
      var logLikelihood = 0.0
      var score: [Double]
      var information: SymmetricMatrix
      /// S₀ at each failure time.
      var s0: [Double]
      /// S₁ at each failure time (failures × p).
      var s1: [Double]
    }

    let n: Int
    let p: Int
    /// Times, ascending.
    let time: [Double]
    /// 0 censored, 1 the cause, 2 a competing event (crr's `ici`).
    let kind: [UInt8]
    /// Covariates centred on their means, row-major (n × p): the likelihood and its derivatives do not change.
    let x: [Double]
    let means: [Double]
    /// The censoring distribution just before each subject's time (crr's `wt`).
    let censoring: [Double]
    let failures: [Failure]

    init(time unsorted: [Double], status: [Int], cause: Int, covariates: [[Double]]) {
      n = unsorted.count
      p = covariates.first?.count ?? 0
      let order = unsorted.indices.sorted { unsorted[$0] < unsorted[$1] || (unsorted[$0] == unsorted[$1] && $0 < $1) }
      time = order.map { unsorted[$0] }
      kind = order.map { status[$0] == 0 ? 0 : status[$0] == cause ? 1 : 2 }
      let count = max(n, 1)
      means = (0..<p).map { j in covariates.reduce(0) { $0 + $1[j] } / Double(count) }
      var centred = Array(repeating: 0.0, count: n * p)
      for (row, index) in order.enumerated() {
        for j in 0..<p { centred[row * p + j] = covariates[index][j] - means[j] }
      }
      x = centred
      let ties = Self.tieGroups(time: time, kind: kind)
      censoring = Self.censoringBefore(time: time, ties: ties)
      failures = ties.filter { $0.events > 0 }.map { Failure(first: $0.start, count: $0.events) }
    }

    /// A run of equal times in the sorted data: its indices, and how many of them are events of the cause and
    /// censorings.
    struct TieGroup {
      let start: Int
      let end: Int
      let events: Int
      let censored: Int
    }

    /// The runs of equal times, ascending.
    static func tieGroups(time: [Double], kind: [UInt8]) -> [TieGroup] {
      var groups: [TieGroup] = []
      var start = 0
      while start < time.count {
        var end = start
        var counts = (events: 0, censored: 0)
        while end < time.count, time[end] == time[start] {
          if kind[end] == 1 { counts.events += 1 } else if kind[end] == 0 { counts.censored += 1 }
          end += 1
        }
        groups.append(TieGroup(start: start, end: end, events: counts.events, censored: counts.censored))
        start = end
      }
      return groups
    }

    /// The Kaplan-Meier estimate of the censoring distribution (censorings as the events), read as crr reads it:
    /// at tᵢ·(1 − 100ε) — just before tᵢ, and at 0 itself for a time of 0.
    static func censoringBefore(time: [Double], ties: [TieGroup]) -> [Double] {
      let n = time.count
      var survival = 1.0
      let distinct = ties.map { group -> (time: Double, survival: Double) in
        survival *= 1 - Double(group.censored) / Double(n - group.start)
        return (time[group.start], survival)
      }
      var result = Array(repeating: 1.0, count: n)
      var position = -1  // the last distinct time ≤ the current cut-off
      for i in 0..<n {
        let cut = time[i] * (1 - 100 * Double.ulpOfOne)
        while position + 1 < distinct.count, distinct[position + 1].time <= cut { position += 1 }
        result[i] = position >= 0 ? distinct[position].survival : 1
      }
      return result
    }

    /// exp(xᵢ·β) for every subject.
    func risks(_ beta: [Double]) -> [Double] {
      var risk = Array(repeating: 0.0, count: n)
      for i in 0..<n {
        var eta = 0.0
        for j in 0..<p { eta += x[i * p + j] * beta[j] }
        risk[i] = exp(eta)
      }
      return risk
    }

    /// The log pseudo-likelihood alone (crr's `crrf`), for the step search.
    func logLikelihood(_ beta: [Double]) -> Double {
      let risk = risks(beta)
      // C₀ at each failure time, from the start.
      var competing = Array(repeating: 0.0, count: failures.count)
      var sum = 0.0
      var i = 0
      for (k, failure) in failures.enumerated() {
        while i < failure.first {
          if kind[i] == 2 { sum += risk[i] / censoring[i] }
          i += 1
        }
        competing[k] = sum
      }
      var result = 0.0
      var atRisk = 0.0
      i = n - 1
      for k in stride(from: failures.count - 1, through: 0, by: -1) {
        let failure = failures[k]
        while i >= failure.first {
          atRisk += risk[i]
          if kind[i] == 1, time[i] == time[failure.first] { result += log(risk[i]) }
          i -= 1
        }
        result -= Double(failure.count) * log(atRisk + censoring[failure.first] * competing[k])
      }
      return result
    }

    /// The log pseudo-likelihood, score and information (crr's `crrfsv`), and S₀, S₁ at each failure time.
    func evaluate(_ beta: [Double]) -> Evaluation {
      let risk = risks(beta)
      let width = 1 + p + p * p
      // C₀, C₁, C₂ at each failure time (competing events before it, weights r/G), from the start.
      var competing = Array(repeating: 0.0, count: failures.count * width)
      var sums = Array(repeating: 0.0, count: width)
      var i = 0
      for (k, failure) in failures.enumerated() {
        while i < failure.first {
          if kind[i] == 2 { accumulate(&sums, i, risk[i] / censoring[i]) }
          i += 1
        }
        for j in 0..<width { competing[k * width + j] = sums[j] }
      }
      var result = Evaluation(
        score: Array(repeating: 0, count: p), information: SymmetricMatrix(size: p),
        s0: Array(repeating: 0, count: failures.count), s1: Array(repeating: 0, count: failures.count * p))
      for j in 0..<width { sums[j] = 0 }
      var total = sums
      i = n - 1
      for k in stride(from: failures.count - 1, through: 0, by: -1) {
        let failure = failures[k]
        while i >= failure.first {
          accumulate(&sums, i, risk[i])
          if kind[i] == 1, time[i] == time[failure.first] {
            result.logLikelihood += log(risk[i])
            for j in 0..<p { result.score[j] += x[i * p + j] }
          }
          i -= 1
        }
        let g = censoring[failure.first]
        for j in 0..<width { total[j] = sums[j] + g * competing[k * width + j] }
        let d = Double(failure.count)
        let s0 = total[0]
        result.s0[k] = s0
        result.logLikelihood -= d * log(s0)
        for j in 0..<p {
          let mean = total[1 + j] / s0
          result.s1[k * p + j] = total[1 + j]
          result.score[j] -= d * mean
          for l in 0...j {
            let value = d * (total[1 + p + j * p + l] / s0 - mean * total[1 + l] / s0)
            result.information[j, l] += value
            if l != j { result.information[l, j] += value }
          }
        }
      }
      return result
    }

    /// Adds subject i with weight w to sums laid out as [S₀, S₁ (p), S₂ (p × p, lower triangle filled)].
    @inline(__always)
    func accumulate(_ sums: inout [Double], _ i: Int, _ w: Double) {
      sums[0] += w
      for j in 0..<p {
        let xj = x[i * p + j]
        sums[1 + j] += w * xj
        for l in 0...j { sums[1 + p + j * p + l] += w * xj * x[i * p + l] }
      }
    }
  }
}
