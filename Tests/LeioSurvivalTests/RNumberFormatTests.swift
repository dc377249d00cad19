import Foundation
import Testing

@testable import LeioSurvival

/// Numbers as R prints them. Every expected string is what R 4.x prints for `format(x, digits = d)` or
/// `format.pval(p, digits = d)` (default `scipen = 0`, `eps = .Machine$double.eps`).
@Suite("Numbers as R prints them")
struct RNumberFormatTests {
  @Test(
    "format(x, digits = d)",
    arguments: [
      (0.1302, 3, "0.13"), (0.12204, 3, "0.122"), (-2.10364, 4, "-2.104"), (0.5, 3, "0.5"), (100, 3, "100"),
      (123456, 3, "123456"), (1_234_567, 3, "1234567"), (1e15, 3, "1e+15"), (1e-5, 3, "1e-05"),
      (0.0001234, 3, "0.000123"), (0.00001234, 3, "1.23e-05"), (2.5e-10, 3, "2.5e-10"), (1e300, 3, "1e+300"),
      (0.99999, 3, "1"), (9.9996, 4, "10"), (0, 3, "0"), (-0.000001, 3, "-1e-06"), (3.14159, 1, "3"),
      (5404.918, 5, "5404.9"),
    ] as [(Double, Int, String)])
  func significant(_ value: Double, _ digits: Int, _ expected: String) {
    #expect(RNumberFormat.significant(value, digits: digits) == expected)
  }

  @Test("special values")
  func special() {
    #expect(RNumberFormat.significant(.nan) == "NA")
    #expect(RNumberFormat.significant(.infinity) == "Inf")
    #expect(RNumberFormat.significant(-.infinity) == "-Inf")
    #expect(RNumberFormat.pValue(.nan) == "NA")
  }

  @Test(
    "format.pval(p, digits = 3): never 0",
    arguments: [
      (1e-300, "<2e-16"), (0, "<2e-16"), (2.2e-16, "<2e-16"), (2.3e-16, "2.3e-16"), (1.234e-10, "1.23e-10"),
      (0.0312, "0.0312"), (0.527, "0.527"), (0.00012, "0.00012"), (1, "1"), (0.05, "0.05"),
    ] as [(Double, String)])
  func pValue(_ p: Double, _ expected: String) {
    #expect(RNumberFormat.pValue(p) == expected)
  }

  @Test("format.pval with more digits keeps R's spacing: `< 2.2e-16` for digits 4 (R's summary.lm)")
  func pValueDigits() {
    #expect(RNumberFormat.pValue(1e-20, digits: 4) == "< 2.2e-16")
    #expect(RNumberFormat.pValue(1e-20, digits: 5) == "< 2.22e-16")
    #expect(RNumberFormat.pStatement(1e-20) == "p < 2e-16")
    #expect(RNumberFormat.pStatement(0.0312) == "p = 0.0312")
  }

  @Test(
    "numbers printed together share decimals (format of a vector)",
    arguments: [
      ([0.12204, 0.1144, 0.1302], ["0.122", "0.114", "0.130"]), ([1e-5, 2e-6, 3e-4], ["1e-05", "2e-06", "3e-04"]),
      ([2.5, 1.25, 10], ["2.50", "1.25", "10.00"]), ([.nan, 0.5], ["NA", "0.5"]),
    ] as [([Double], [String])])
  func vector(_ values: [Double], _ expected: [String]) {
    #expect(RNumberFormat.significant(values) == expected)
  }
}
