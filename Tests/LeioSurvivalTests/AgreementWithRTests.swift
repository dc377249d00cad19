import Foundation
import LeioSurvival
import Testing

/// LeioSurvival against R's survival package (reference values from `Tests/Fixtures/survival/reference.R`, run on
/// the committed `lung.csv` and `veteran.csv`): Kaplan-Meier estimates, standard errors and intervals to 1e-9,
/// log-rank χ² to 1e-9, Cox coefficients, standard errors, log-likelihoods and concordance to 1e-9 relative (1e-6
/// required), cox.zph to 1e-9 (1e-4 required).
@Suite("Agreement with R survival")
struct AgreementWithRTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/survival")
  /// The reference values (read per test: JSON objects are not Sendable).
  static var reference: [String: Any] {
    guard let data = try? Data(contentsOf: directory.appendingPathComponent("reference.json")),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object
  }

  /// A CSV file as columns of text (RFC 4180 quoting, as R's `write.csv` writes it).
  static func table(_ name: String) throws -> [String: [String]] {
    let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    var rows: [[String]] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      var fields: [String] = []
      var field = ""
      var quoted = false
      for character in line {
        if character == "\"" {
          quoted.toggle()
        } else if character == ",", !quoted {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
      }
      fields.append(field)
      rows.append(fields)
    }
    let header = rows.removeFirst()
    return Dictionary(uniqueKeysWithValues: header.enumerated().map { column, name in (name, rows.map { $0[column] }) })
  }

  /// |a − b| ≤ tolerance × max(1, |b|); NaN or infinite matches R's NA/Inf (null).
  static func close(_ a: Double, _ b: Any?, _ tolerance: Double) -> Bool {
    guard let b = b as? Double else { return !a.isFinite }
    return abs(a - b) <= tolerance * max(1, abs(b))
  }

  static func numbers(_ value: Any?) -> [Any?] { (value as? [Any])?.map { $0 is NSNull ? nil : $0 } ?? [] }

  static func dataset(_ name: String) throws -> [String: [String]] {
    try table(name.hasPrefix("lung") ? "lung.csv" : "veteran.csv")
  }

  @Test("Kaplan-Meier: every time, count, estimate, standard error and interval; medians with their intervals")
  func kaplanMeier() throws {
    let cases = try #require(Self.reference["kaplanMeier"] as? [[String: Any]])
    #expect(cases.count == 6)
    var mismatches: [String] = []
    for reference in cases {
      let name = try #require(reference["name"] as? String)
      let data = try Self.dataset(name)
      let transform = try #require(ConfidenceTransform(rawValue: reference["confType"] as? String ?? ""))
      let event = try SurvivalStatus.read(data["status"]!)
      let time = data["time"]!.map { Double($0)! }
      for group in try #require(reference["groups"] as? [[String: Any]]) {
        let label = group["group"] as? String ?? ""
        let rows: [Int]
        if label == "all" {
          rows = Array(time.indices)
        } else {
          let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
          rows = time.indices.filter { data[parts[0]]![$0] == parts[1] }
        }
        let curve = KaplanMeierEstimator.fit(
          time: rows.map { time[$0] }, event: rows.map { event[$0] }, transform: transform)
        let where_ = "\(name) \(transform.rawValue) \(label)"
        let expectedTimes = Self.numbers(group["time"]).map { $0 as? Double ?? .nan }
        guard curve.time == expectedTimes else {
          mismatches.append("\(where_): times differ")
          continue
        }
        for (column, values) in [
          ("nRisk", curve.nRisk.map(Double.init)), ("nEvent", curve.nEvent.map(Double.init)),
          ("nCensor", curve.nCensor.map(Double.init)),
          ("survival", curve.survival), ("stdErr", curve.stdErr), ("lower", curve.lower), ("upper", curve.upper),
        ] {
          for (index, expected) in Self.numbers(group[column]).enumerated()
          where !Self.close(values[index], expected, 1e-9) {
            mismatches.append(
              "\(where_) row \(index) \(column): EXPECTED \(String(describing: expected)) ACTUAL \(values[index])")
          }
        }
        for (column, value) in [
          ("median", curve.median), ("medianLower", curve.medianLower), ("medianUpper", curve.medianUpper),
        ] {
          if !Self.close(value ?? .nan, group[column] is NSNull ? nil : group[column], 1e-12) {
            mismatches.append(
              "\(where_) \(column): EXPECTED \(String(describing: group[column])) ACTUAL \(String(describing: value))")
          }
        }
      }
      if let at = reference["atTimes"] as? [String: Any], (reference["groups"] as? [[String: Any]])?.count == 1 {
        let curve = KaplanMeierEstimator.fit(time: time, event: event, transform: transform)
        for (index, t) in Self.numbers(at["time"]).enumerated() {
          let value = curve.at(t as? Double ?? 0)
          for (column, actual) in [
            ("survival", value.survival), ("lower", value.lower), ("upper", value.upper),
            ("nRisk", Double(value.nRisk)),
          ] {
            let expected = Self.numbers(at[column])[index]
            if !Self.close(actual, expected, 1e-9) {
              mismatches.append(
                "\(name) \(transform.rawValue) at \(String(describing: t)) \(column): EXPECTED \(String(describing: expected)) ACTUAL \(actual)"
              )
            }
          }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(30).joined(separator: "\n"))")
  }

  @Test("log-rank: χ², degrees of freedom, p, observed and expected, plain and stratified")
  func logRank() throws {
    let cases = try #require(Self.reference["logRank"] as? [[String: Any]])
    var mismatches: [String] = []
    for reference in cases {
      let name = try #require(reference["name"] as? String)
      let data = try Self.dataset(name)
      let time = data["time"]!.map { Double($0)! }
      let event = try SurvivalStatus.read(data["status"]!)
      let column = name.contains("by sex") ? "sex" : (name.contains("by trt") ? "trt" : "celltype")
      let levels = Array(Set(data[column]!)).sorted()
      let group = data[column]!.map { levels.firstIndex(of: $0)! }
      let strata: [Int]? =
        name.contains("stratified")
        ? data["celltype"]!.map { Array(Set(data["celltype"]!)).sorted().firstIndex(of: $0)! } : nil
      let result = LogRankTest.test(time: time, event: event, group: group, stratum: strata)
      if !Self.close(result.chiSquare, reference["chiSquare"], 1e-9) {
        mismatches.append("\(name) chi-square: EXPECTED \(reference["chiSquare"]!) ACTUAL \(result.chiSquare)")
      }
      if Double(result.df) != reference["df"] as? Double {
        mismatches.append("\(name) df: EXPECTED \(reference["df"]!) ACTUAL \(result.df)")
      }
      if !Self.close(result.p, reference["p"], 1e-9) {
        mismatches.append("\(name) p: EXPECTED \(reference["p"]!) ACTUAL \(result.p)")
      }
      for (column, values) in [("observed", result.observed), ("expected", result.expected)] {
        for (index, expected) in Self.numbers(reference[column]).enumerated()
        where !Self.close(values[index], expected, 1e-9) {
          mismatches.append(
            "\(name) \(column)[\(index)]: EXPECTED \(String(describing: expected)) ACTUAL \(values[index])")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
  }

  /// The reference's Cox model of `name` (lung: age + sex + ph.ecog; veteran: trt + celltype + karno + age).
  static func fitted(_ name: String, ties: TieMethod, robust: Bool) throws -> (CoxDesign, CoxModel) {
    let data = try dataset(name)
    let covariates = name.hasPrefix("lung") ? ["age", "sex", "ph.ecog"] : ["trt", "celltype", "karno", "age"]
    let design = try CoxDesign(time: data["time"]!, status: data["status"]!, columns: data, order: covariates)
    let model = try CoxProportionalHazards.fit(
      time: design.time, event: design.event, covariates: design.rows, names: design.names,
      ties: ties, robust: robust, nDropped: design.dropped)
    return (design, model)
  }

  @Test(
    "Cox: coefficients, standard errors (and robust), z, p, log-likelihoods, tests, concordance, counts — Efron and Breslow"
  )
  func cox() throws {
    let cases = try #require(Self.reference["cox"] as? [[String: Any]])
    var mismatches: [String] = []
    for reference in cases {
      let name = try #require(reference["name"] as? String)
      let ties = try #require(TieMethod(rawValue: reference["ties"] as? String ?? ""))
      let robust = reference["robust"] as? Bool ?? false
      let (_, model) = try Self.fitted(name, ties: ties, robust: robust)
      let label = "\(name) \(ties.rawValue)\(robust ? " robust" : "")"
      let terms = reference["terms"] as? [String] ?? []
      if model.coefficients.map(\.name) != terms {
        mismatches.append("\(label): terms \(model.coefficients.map(\.name)) vs \(terms)")
        continue
      }
      for (column, values) in [
        ("coef", model.coefficients.map(\.coef)), ("se", model.coefficients.map(\.se)),
        ("z", model.coefficients.map(\.z)),
        ("p", model.coefficients.map(\.p)), ("logLikelihood", model.logLikelihood),
      ] + (robust ? [("robustSe", model.coefficients.map { $0.robustSe ?? .nan })] : []) {
        for (index, expected) in Self.numbers(reference[column]).enumerated()
        where !Self.close(values[index], expected, 1e-9) {
          mismatches.append(
            "\(label) \(column)[\(index)]: EXPECTED \(String(describing: expected)) ACTUAL \(values[index])")
        }
      }
      for (column, value) in [
        ("concordance", model.concordance), ("likelihoodRatio", model.likelihoodRatioTest), ("wald", model.waldTest),
        ("score", model.scoreTest),
        ("n", Double(model.n)), ("nEvents", Double(model.nEvents)), ("nDropped", Double(model.nDropped)),
      ]
      where !Self.close(value, reference[column], 1e-9) {
        mismatches.append("\(label) \(column): EXPECTED \(String(describing: reference[column])) ACTUAL \(value)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
  }

  @Test("proportional-hazards test (cox.zph): χ², df and p per term and global")
  func coxZph() throws {
    let cases = try #require(Self.reference["coxZph"] as? [[String: Any]])
    var mismatches: [String] = []
    for reference in cases {
      let name = try #require(reference["name"] as? String)
      let (design, model) = try Self.fitted(name, ties: .efron, robust: false)
      let rows = ProportionalHazardsTest.test(
        time: design.time, event: design.event, covariates: design.rows, beta: model.coefficients.map(\.coef),
        ties: .efron, terms: design.terms)
      let terms = reference["terms"] as? [String] ?? []
      if rows.map(\.term) != terms {
        mismatches.append("\(name): terms \(rows.map(\.term)) vs \(terms)")
        continue
      }
      for (column, values) in [
        ("chiSquare", rows.map(\.chiSquare)), ("df", rows.map { Double($0.df) }), ("p", rows.map(\.p)),
      ] {
        for (index, expected) in Self.numbers(reference[column]).enumerated()
        where !Self.close(values[index], expected, 1e-9) {
          mismatches.append(
            "\(name) \(terms[index]) \(column): EXPECTED \(String(describing: expected)) ACTUAL \(values[index])")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
  }

  @Test("Breslow baseline hazard and the predicted survival of a covariate profile (survfit.coxph, ctype 1)")
  func baseline() throws {
    let cases = try #require(Self.reference["baseline"] as? [[String: Any]])
    var mismatches: [String] = []
    for reference in cases {
      let data = try Self.dataset("lung")
      let design = try CoxDesign(
        time: data["time"]!, status: data["status"]!, columns: data, order: ["age", "sex", "ph.ecog"])
      let model = try CoxProportionalHazards.fit(
        time: design.time, event: design.event, covariates: design.rows, names: design.names, ties: .breslow)
      let beta = model.coefficients.map(\.coef)
      let hazard = BaselineHazard(time: design.time, event: design.event, covariates: design.rows, beta: beta)
      let profile = try #require(reference["profile"] as? [String: Double])
      let survival = hazard.survival(for: ["age", "sex", "ph.ecog"].map { profile[$0] ?? .nan }, beta: beta)
      let times = Self.numbers(reference["time"]).map { $0 as? Double ?? .nan }
      guard hazard.time == times else {
        mismatches.append("times differ: \(hazard.time.count) vs \(times.count)")
        continue
      }
      for (column, values) in [("cumulativeHazard", hazard.cumulativeHazard), ("survival", survival)] {
        for (index, expected) in Self.numbers(reference[column]).enumerated()
        where !Self.close(values[index], expected, 1e-9) {
          mismatches.append("\(column)[\(index)]: EXPECTED \(String(describing: expected)) ACTUAL \(values[index])")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
  }

  @Test("the quantile and χ² tail functions match R's qnorm and pchisq")
  func distributions() {
    // R 4.2.2: qnorm(p); pchisq(x, df, lower.tail = FALSE). Within a few units in the last place.
    for (p, expected) in [
      (0.975, 1.959963984540054), (0.995, 2.5758293035488999), (0.001, -3.0902323061678132), (0.5, 0),
      (1e-10, -6.3613409024040557),
    ] {
      #expect(
        abs(NormalDistribution.quantile(p) - expected) <= 4 * Double.ulpOfOne * max(1, abs(expected)), "qnorm(\(p))")
    }
    for (x, df, expected) in [
      (10.326741954885632, 1.0, 0.0013111645203554882), (3.84, 1, 0.050043521248705224),
      (25, 3, 1.5440498291101368e-05),
      (150.3, 12, 4.9284061541641563e-26), (0.5, 7, 0.99944648139042513),
    ] {
      #expect(abs(ChiSquareDistribution.upperTail(x, df: df) - expected) <= 1e-13 * expected, "pchisq(\(x), \(df))")
    }
  }
}
