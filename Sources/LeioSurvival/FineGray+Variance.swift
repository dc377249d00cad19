import Foundation

extension FineGray.Problem {
  /// The middle of the sandwich, M = Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ (crr's `crrvv` `v2`), by one pass over the sorted data.
  ///
  /// ηᵢ is subject i's score martingale: δᵢ(xᵢ − x̄(tᵢ)) − rᵢ·Σ over event times t ≤ tᵢ of (xᵢ − x̄(t))·d/S₀ and, for
  /// a competing event, − rᵢ/G(tᵢ−)·Σ over event times t > tᵢ of G(t−)·(xᵢ − x̄(t))·d/S₀. ψᵢ is the term for
  /// the estimated censoring distribution: ∫ q(u)/Y(u) dMᶜᵢ(u), with q(u) = Σ over event times t ≥ u of
  /// G(t−)/S₀(t)·Σ over competing events j before u of rⱼ/G(tⱼ−)·(xⱼ − x̄(t)), Y(u) the number still observed
  /// at u, and Mᶜᵢ the censoring martingale of subject i.
  /// - Source: Fine JP, Gray RJ. J Am Stat Assoc 1999;94:496–509, §3 (the variance of the estimating equation).
  func scoreVariance(_ beta: [Double], _ fit: Evaluation) -> SymmetricMatrix {
    let risk = risks(beta)
    let f = failures.count
    // Per event time: a = d/S₀, b = d·S₁/S₀² (= d·x̄/S₀); and the suffix sums of G·a and G·b over t_k ≥ t.
    var a = Array(repeating: 0.0, count: f)
    var b = Array(repeating: 0.0, count: f * p)
    for k in 0..<f {
      let d = Double(failures[k].count)
      a[k] = d / fit.s0[k]
      for j in 0..<p { b[k * p + j] = a[k] * fit.s1[k * p + j] / fit.s0[k] }
    }
    var suffixA = Array(repeating: 0.0, count: f + 1)
    var suffixB = Array(repeating: 0.0, count: (f + 1) * p)
    for k in stride(from: f - 1, through: 0, by: -1) {
      let g = censoring[failures[k].first]
      suffixA[k] = suffixA[k + 1] + g * a[k]
      for j in 0..<p { suffixB[k * p + j] = suffixB[(k + 1) * p + j] + g * b[k * p + j] }
    }
    var meat = SymmetricMatrix(size: p)
    var prefixA = 0.0  // Σ a over event times ≤ t
    var prefixB = Array(repeating: 0.0, count: p)
    var competing0 = 0.0  // Σ r/G over competing events before t
    var competing1 = Array(repeating: 0.0, count: p)
    var psi = Array(repeating: 0.0, count: p)  // the running −Σ q·c/Y² of ψ
    var q = Array(repeating: 0.0, count: p)
    var row = Array(repeating: 0.0, count: p)
    var next = 0  // the first event time ≥ the current time
    for group in Self.tieGroups(time: time, kind: kind) {
      let (start, end, censored) = (group.start, group.end, group.censored)
      let here = next < f && failures[next].first == start ? next : nil
      if let here {
        prefixA += a[here]
        for j in 0..<p { prefixB[j] += b[here * p + j] }
      }
      let after = here.map { $0 + 1 } ?? next  // the first event time > the current time
      let y = Double(n - start)
      if censored > 0 {
        for j in 0..<p { q[j] = competing1[j] * suffixA[next] - competing0 * suffixB[next * p + j] }
        for j in 0..<p { psi[j] -= q[j] * Double(censored) / (y * y) }
      }
      for i in start..<end {
        for j in 0..<p {
          let xi = x[i * p + j]
          var value = psi[j] - risk[i] * (xi * prefixA - prefixB[j])
          if let here, kind[i] == 1 { value += xi - fit.s1[here * p + j] / fit.s0[here] }
          if kind[i] == 2 { value -= risk[i] / censoring[i] * (xi * suffixA[after] - suffixB[after * p + j]) }
          if kind[i] == 0 { value += q[j] / y }
          row[j] = value
        }
        for j in 0..<p { for l in 0...j { meat[j, l] += row[j] * row[l] } }
      }
      for i in start..<end where kind[i] == 2 {
        let w = risk[i] / censoring[i]
        competing0 += w
        for j in 0..<p { competing1[j] += w * x[i * p + j] }
      }
      next = after
    }
    for j in 0..<p { for l in 0..<j { meat[l, j] = meat[j, l] } }
    return meat
  }
}
