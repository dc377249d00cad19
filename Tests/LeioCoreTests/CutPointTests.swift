import LeioCore
import Testing

/// Every size cut-point, exactly at, just under and just over (reference §0.3, D-01).
@Suite("Size cut-points")
struct CutPointTests {
  static func t(_ site: String, _ size: Double, _ system: StagingSystem, extra: (inout CaseInput) -> Void = { _ in })
    throws -> String?
  {
    var input = CaseInput()
    input[text: .site] = site
    input[number: .sizeCm] = size
    input[text: .depth] = site == "uterus" || site == "bone" ? nil : "deep"
    input[text: .nodes] = "N0"
    input[text: .metastasis] = "M0"
    extra(&input)
    return try Staging.stage(input, systems: [system]).results.first?.t?.rawValue
  }

  static let trunkCases: [(Double, String, String)] = [
    (4.99, "T1b", "T1"), (5.0, "T1b", "T1"), (5.01, "T2b", "T2"),
    (9.99, "T2b", "T2"), (10.0, "T2b", "T2"), (10.01, "T2b", "T3"),
    (14.99, "T2b", "T3"), (15.0, "T2b", "T3"), (15.01, "T2b", "T4"),
  ]

  @Test("AJCC 7 and AJCC 8 trunk/extremity at 5, 10, 15 cm", arguments: trunkCases)
  func trunk(_ size: Double, _ ajcc7: String, _ ajcc8: String) throws {
    #expect(try Self.t("extremity", size, .ajcc7) == ajcc7)
    #expect(try Self.t("extremity", size, .ajcc8) == ajcc8)
    #expect(try Self.t("retroperitoneum", size, .ajcc8) == ajcc8)
  }

  @Test(
    "AJCC 8 head and neck at 2 and 4 cm",
    arguments: [
      (1.99, "T1"), (2.0, "T1"), (2.01, "T2"), (3.99, "T2"), (4.0, "T2"), (4.01, "T3"),
    ])
  func headAndNeck(_ size: Double, _ expected: String) throws {
    #expect(try Self.t("headAndNeck", size, .ajcc8) == expected)
  }

  @Test("FIGO 2009 at 5 cm", arguments: [(4.99, "T1a"), (5.0, "T1a"), (5.01, "T1b")])
  func figo(_ size: Double, _ expected: String) throws {
    #expect(try Self.t("uterus", size, .figo2009) { $0[text: .uterineExtent] = "confined" } == expected)
  }

  @Test("AJCC 8 bone at 8 cm", arguments: [(7.99, "T1"), (8.0, "T1"), (8.01, "T2")])
  func bone(_ size: Double, _ expected: String) throws {
    #expect(try Self.t("bone", size, .ajcc8) == expected)
  }

  @Test(
    "a size within 0.5 mm of a cut-point is flagged",
    arguments: [(4.95, true), (5.0, true), (5.05, true), (5.06, false), (4.9, false), (10.04, true)])
  func nearCutPoint(_ size: Double, _ flagged: Bool) throws {
    var input = CaseInput()
    (
      input[text: .site], input[number: .sizeCm], input[text: .depth], input[text: .grade], input[text: .nodes],
      input[text: .metastasis]
    ) = ("extremity", size, "deep", "G1", "N0", "M0")
    let result = try #require(try Staging.stage(input, systems: [.ajcc8]).results.first)
    #expect(result.warnings.contains { $0.code == "sizeAtCutPoint" } == flagged)
  }

  @Test("exactly 5.0 cm names the seed's wrong boundary")
  func seedBoundary() throws {
    var input = CaseInput()
    (
      input[text: .site], input[number: .sizeCm], input[text: .depth], input[text: .grade], input[text: .nodes],
      input[text: .metastasis]
    ) = ("extremity", 5.0, "deep", "G1", "N0", "M0")
    let result = try #require(try Staging.stage(input, systems: [.ajcc7]).results.first)
    #expect(result.stageGroup == .ia)
    #expect(result.warnings.contains { $0.code == "seedBoundary" && $0.section.contains("E-02") })
  }
}
