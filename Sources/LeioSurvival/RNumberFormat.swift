import Foundation

/// Numbers printed the way R prints them, so a statistician comparing Leio with R sees the same text.
///
/// - `significant(_:digits:)` is R's `format(x, digits = d)` for one number: at most `d` significant digits,
///   trailing zeros dropped, fixed notation unless scientific is narrower (`scipen = 0`).
/// - `pValue(_:digits:)` is R's `format.pval(p, digits = d)` (eps = `.Machine$double.eps`): a p-value below
///   2.22e-16 prints as `<2e-16` (R's own spelling), never `0`.
///
/// Only text uses them: JSON keeps every number at full precision.
public enum RNumberFormat {
  /// `.Machine$double.eps`, the smallest p-value `format.pval` prints as a number.
  public static let epsilon = Double.ulpOfOne

  /// `format(x, digits = digits)` for one number: `NA` for NaN, `Inf`/`-Inf`, otherwise at most `digits`
  /// significant digits without trailing zeros, fixed or scientific, whichever is narrower (fixed on a tie).
  public static func significant(_ value: Double, digits: Int = 3) -> String {
    guard let parts = Parts(value, digits: digits) else { return special(value) }
    let fixed = String(format: "%.\(parts.decimals)f", value)
    return fixed.count <= parts.scientific.count ? fixed : parts.scientific
  }

  /// `format(c(x, y, …), digits = digits)` without the padding: numbers printed together share their decimals (so an
  /// interval reads `0.114 – 0.130`), or all go scientific when that is narrower for any of them.
  public static func significant(_ values: [Double], digits: Int = 3) -> [String] {
    let parts = values.map { Parts($0, digits: digits) }
    let decimals = parts.compactMap { $0?.decimals }.max() ?? 0
    let useScientific = zip(values, parts).contains { value, parts in
      guard let parts else { return false }
      return String(format: "%.\(decimals)f", value).count > parts.scientific.count
    }
    return zip(values, parts).map { value, parts in
      guard let parts else { return special(value) }
      return useScientific ? parts.scientific : String(format: "%.\(decimals)f", value)
    }
  }

  private static func special(_ value: Double) -> String {
    if value.isNaN { return "NA" }
    if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
    return "0"
  }

  /// A finite, non-zero number rounded to `digits` significant digits: its scientific text (R's `1.2e-05`) and the
  /// decimals fixed notation needs to show the same digits.
  private struct Parts {
    let scientific: String
    let decimals: Int

    init?(_ value: Double, digits: Int) {
      guard value.isFinite, value != 0 else { return nil }
      let digits = min(max(digits, 1), 15)
      let text = String(format: "%.\(digits - 1)e", value)
      guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return nil }
      var mantissa = String(text[..<e])
      if mantissa.contains(".") {
        while mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.hasSuffix(".") { mantissa.removeLast() }
      }
      let exponentText = (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
      scientific = mantissa + "e" + exponentText
      decimals = max(0, mantissa.filter(\.isNumber).count - 1 - exponent)
    }
  }

  /// `format.pval(p, digits = digits)` for one p-value: `NA` for NaN; `<2e-16` (with `digits` 3; R's spacing)
  /// below `.Machine$double.eps`; otherwise `significant(_:digits:)`.
  public static func pValue(_ p: Double, digits: Int = 3) -> String {
    if p.isNaN { return "NA" }
    guard p < epsilon else { return significant(p, digits: digits) }
    let shown = max(1, digits - 2)
    return "<" + (shown == 1 ? "" : " ") + significant(epsilon, digits: shown)
  }

  /// A p-value in running text: `p = 0.0312`, or `p < 2e-16` below `.Machine$double.eps`.
  public static func pStatement(_ p: Double, digits: Int = 3) -> String {
    let text = pValue(p, digits: digits)
    return text.hasPrefix("<") ? "p < " + text.dropFirst().trimmingCharacters(in: .whitespaces) : "p = " + text
  }
}
