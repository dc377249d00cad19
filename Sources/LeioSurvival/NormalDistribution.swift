import Foundation

/// The standard normal distribution: its tail probability and quantile, to full double precision.
public enum NormalDistribution {
  /// P(Z > z) for a standard normal Z (via `erfc`, exact to rounding).
  public static func upperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

  /// The `p` quantile: Wichura's algorithm AS 241 (PPND16, relative accuracy about 1e-16), the algorithm of R's
  /// `qnorm` (agreement with R within a few units in the last place).
  /// - Source: Wichura MJ. Algorithm AS 241. Appl Stat 1988;37:477–84.
  public static func quantile(_ p: Double) -> Double {
    precondition(p > 0 && p < 1, "quantile needs 0 < p < 1")
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      return q
        * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
          + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745)
          * r
          + 3.387132872796366608)
        / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
          + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252)
          * r + 1)
    }
    var r = q < 0 ? p : 1 - p
    r = (-log(r)).squareRoot()
    var value: Double
    if r <= 5 {
      r -= 1.6
      value =
        (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
          + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
          + 4.6303378461565452959) * r
          + 1.42343711074968357734)
        / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
          + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
          + 2.05319162663775882187) * r + 1)
    } else {
      r -= 5
      value =
        (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
          + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
          + 5.4637849111641143699) * r
          + 6.6579046435011037772)
        / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
          + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
          + 0.59983220655588793769) * r + 1)
    }
    return q < 0 ? -value : value
  }
}

/// The chi-square distribution's upper tail, P(X > x) with `df` degrees of freedom (regularised upper incomplete
/// gamma Q(df/2, x/2): series or continued fraction, as Numerical Recipes §6.2, to ~1e-15 relative).
public enum ChiSquareDistribution {
  /// P(X > x) for a chi-square variable with `df` degrees of freedom.
  public static func upperTail(_ x: Double, df: Double) -> Double {
    guard x > 0 else { return 1 }
    return regularisedUpperGamma(df / 2, x / 2)
  }

  static func regularisedUpperGamma(_ a: Double, _ x: Double) -> Double {
    let logPrefix = -x + a * log(x) - lgamma(a)
    if x < a + 1 {  // series for P, then Q = 1 - P
      var sum = 1 / a
      var term = sum
      var n = a
      for _ in 0..<10_000 {
        n += 1
        term *= x / n
        sum += term
        if abs(term) < abs(sum) * 1e-17 { break }
      }
      return max(0, 1 - sum * exp(logPrefix))
    }
    // Lentz's continued fraction for Q.
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-17 { break }
    }
    return exp(logPrefix) * h
  }
}
