import Foundation
import LeioCore
import Testing

/// An independent, first-match-wins reading of the reference's rule lists,
/// written from the text (not from the JSON tables), compared with the tables
/// over their whole input domain.
@Suite("Stage tables agree with a second reading of the reference")
struct SecondReadingTests {
  /// Reference §2.2–§2.3, AJCC 7 soft tissue.
  static func ajcc7(t: String, n: String, m: String, g: String, basis: String) -> String {
    if m == "M1" { return "IV" }
    if n == "N1" { return "III" }
    if n == "NX" { return "unknown" }
    if t == "T0" { return basis == "clinical" ? "error" : "unknown" }
    let g1 = g == "G1" || g == "GX"
    if t == "TX" { return g1 ? "I" : (g == "G2" ? "II" : "unknown") }
    let t1 = t.hasPrefix("T1")
    if g1 { return t1 ? "IA" : "IB" }
    if t1 { return "IIA" }
    return g == "G2" ? "IIB" : "III"
  }

  /// Reference §3.1–§3.2 and §3.5, AJCC 8 trunk/extremities and retroperitoneum.
  static func ajcc8(retroperitoneum: Bool, t: String, n: String, m: String, g: String, basis: String) -> String {
    if m == "M1" { return "IV" }
    if n == "N1" { return retroperitoneum ? "IIIB" : "IV" }
    if t == "T0" { return basis == "clinical" ? "error" : "unknown" }
    let low = g == "G1" || g == "GX"
    if t == "TX" { return low ? "I" : "unknown" }
    if low { return t == "T1" ? "IA" : "IB" }
    switch t {
    case "T1": return "II"
    case "T2": return "IIIA"
    default: return "IIIB"
    }
  }

  /// Reference §4.2, FIGO 2009.
  static func figo(t: String, n: String, m: String, basis: String) -> String {
    if m == "M1" { return "IVB" }
    if t == "T4" { return "IVA" }
    if t == "TX" { return "unknown" }
    if n == "N1" { return "IIIC" }
    if n == "NX" { return t.hasPrefix("T3") ? "III" : "unknown" }
    if t == "T0" { return basis == "clinical" ? "error" : "unknown" }
    let map = [
      "T1": "I", "T1a": "IA", "T1b": "IB", "T2": "II", "T2a": "IIA", "T2b": "IIB", "T3": "III", "T3a": "IIIA",
      "T3b": "IIIB",
    ]
    return map[t] ?? "?"
  }

  static func tableAnswer(_ table: RuleTable, _ codes: [String: String]) -> String {
    guard let mask = table.mask(codes), let row = table.match(mask) else { return "no row" }
    switch table.rows[row].outcome {
    case .value(let value, _): return value
    case .error: return "error"
    }
  }

  @Test("AJCC 7 (8 T × 3 N × 2 M × 4 G × 2 bases)", arguments: ["ajcc7-sts-stage"])
  func ajcc7Table(_ id: String) throws {
    let table = try #require(try Staging.ruleTables()[id])
    var mismatches: [String] = []
    for codes in table.allCategoricalInputs {
      let expected = Self.ajcc7(
        t: codes["t"]!, n: codes["n"]!, m: codes["m"]!, g: codes["grade"]!, basis: codes["basis"]!)
      let actual = Self.tableAnswer(table, codes)
      if expected != actual { mismatches.append("\(codes): EXPECTED '\(expected)' ACTUAL '\(actual)'") }
    }
    #expect(table.allCategoricalInputs.count == 384)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  @Test("AJCC 8 trunk/extremities and retroperitoneum", arguments: ["ajcc8-te-stage", "ajcc8-rp-stage"])
  func ajcc8Tables(_ id: String) throws {
    let table = try #require(try Staging.ruleTables()[id])
    var mismatches: [String] = []
    for codes in table.allCategoricalInputs {
      let expected = Self.ajcc8(
        retroperitoneum: id.contains("rp"), t: codes["t"]!, n: codes["n"]!, m: codes["m"]!,
        g: codes["grade"]!, basis: codes["basis"]!)
      let actual = Self.tableAnswer(table, codes)
      if expected != actual { mismatches.append("\(codes): EXPECTED '\(expected)' ACTUAL '\(actual)'") }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  @Test("FIGO 2009 (12 T × 3 N × 2 M × 2 bases)")
  func figoTable() throws {
    let table = try #require(try Staging.ruleTables()["figo2009-stage"])
    var mismatches: [String] = []
    for codes in table.allCategoricalInputs {
      let expected = Self.figo(t: codes["t"]!, n: codes["n"]!, m: codes["m"]!, basis: codes["basis"]!)
      let actual = Self.tableAnswer(table, codes)
      if expected != actual { mismatches.append("\(codes): EXPECTED '\(expected)' ACTUAL '\(actual)'") }
    }
    #expect(table.allCategoricalInputs.count == 144)
    #expect(mismatches.isEmpty, "\(mismatches)")
  }
}
