import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `leio survival` and `leio cox` on R's lung and veteran data: the JSON carries R's numbers; the plot is well-formed.
@Suite("leio survival and leio cox")
struct SurvivalCommandTests {
  static let lung = CLIRunner.fixtures.appendingPathComponent("survival/lung.csv").path
  static let veteran = CLIRunner.fixtures.appendingPathComponent("survival/veteran.csv").path

  @Test("survival --json: R's survfit and survdiff numbers, by group")
  func survivalJSON() throws {
    let result = try CLIRunner.json([
      "survival", Self.lung, "--time", "time", "--event", "status", "--by", "sex", "--at", "365", "--json",
    ])
    let groups = try #require(result["groups"] as? [[String: Any]])
    #expect(groups.map { $0["group"] as? String } == ["sex=1", "sex=2"])
    #expect(groups.map { $0["median"] as? Double } == [270, 426])  // R: print(survfit(Surv(time, status) ~ sex, lung))
    let logRank = try #require(result["logRank"] as? [String: Any])
    #expect(abs((logRank["chiSquare"] as? Double ?? 0) - 10.326741954885632) < 1e-9)  // R: survdiff
    let at = try #require((groups[0]["at"] as? [[String: Any]])?.first)
    #expect(at["nRisk"] as? Int == 35)
  }

  @Test("survival --plot writes a well-formed SVG with one curve and band per group and the numbers at risk")
  func plot() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("leio-plot-\(UUID().uuidString).svg").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let output = try CLIRunner.run([
      "survival", Self.veteran, "--time", "time", "--event", "status", "--by", "celltype", "--plot", path,
    ])
    #expect(output.status == 0)
    let data = try #require(FileManager.default.contents(atPath: path))
    final class Counter: NSObject, XMLParserDelegate {
      var polylines = 0, polygons = 0, atRisk = 0
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
      ) {
        if name == "polyline" { polylines += 1 }
        if name == "polygon" { polygons += 1 }
        if attributes["class"] == "at-risk" { atRisk += 1 }
      }
    }
    let parser = XMLParser(data: data)
    let counter = Counter()
    parser.delegate = counter
    #expect(parser.parse(), "the SVG is well-formed XML")
    #expect(counter.polylines == 4 && counter.polygons == 4, "four cell types: four curves and four bands")
    #expect(counter.atRisk > 0)
  }

  @Test("cox --json: R's coxph coefficients, concordance and cox.zph, categorical reference level")
  func coxJSON() throws {
    let result = try CLIRunner.json([
      "cox", Self.veteran, "--time", "time", "--event", "status", "--covariates", "trt,celltype,karno,age", "--json",
    ])
    let coefficients = try #require(result["coefficients"] as? [[String: Any]])
    #expect(
      coefficients.map { $0["name"] as? String } == [
        "trt", "celltypelarge", "celltypesmallcell", "celltypesquamous", "karno", "age",
      ])
    // R: Tests/Fixtures/survival/reference.json
    #expect(abs((coefficients[4]["coef"] as? Double ?? 0) - -0.03268548274009922) < 1e-9)
    #expect((result["referenceLevels"] as? [String: String])?["celltype"] == "adeno")
    #expect((result["proportionalHazards"] as? [[String: Any]])?.last?["term"] as? String == "GLOBAL")
    #expect(result["nDropped"] as? Int == 0)
  }

  @Test("survival --strata gives R's stratified log-rank; cox --predict gives R's survfit(fit, newdata) curve")
  func strataAndPrediction() throws {
    let stratified = try CLIRunner.json([
      "survival", Self.veteran, "--time", "time", "--event", "status", "--by", "trt", "--strata", "celltype", "--json",
    ])
    // R: survdiff(Surv(time, status) ~ trt + strata(celltype), veteran) — Tests/Fixtures/survival/reference.json
    #expect(abs(((stratified["logRank"] as? [String: Any])?["chiSquare"] as? Double ?? 0) - 0.701743346844319) < 1e-9)
    let cox = try CLIRunner.json([
      "cox", Self.lung, "--time", "time", "--event", "status", "--covariates", "age,sex,ph.ecog", "--ties", "breslow",
      "--predict", "age=60,sex=2,ph.ecog=1", "--json",
    ])
    let prediction = try #require(cox["prediction"] as? [String: Any])
    // R: survfit(coxph(..., ties = "breslow"), newdata = data.frame(age = 60, sex = 2, ph.ecog = 1), ctype = 1)
    #expect(abs(((prediction["survival"] as? [Double])?.first ?? 0) - 0.9971760311501858) < 1e-9)
    #expect((prediction["time"] as? [Double])?.count == 185)
    let bad = try CLIRunner.run([
      "cox", Self.veteran, "--time", "time", "--event", "status", "--covariates", "celltype,age", "--predict",
      "celltype=huge,age=60",
    ])
    #expect(bad.status == 65 && bad.stderr.contains("not a level of 'celltype'"))
  }

  @Test("bad input: a missing column, a bad event value, a constant covariate — a message and exit 64 or 65")
  func errors() throws {
    let missing = try CLIRunner.run(["survival", Self.lung, "--time", "days", "--event", "status"])
    #expect(missing.status == 64 && missing.stderr.contains("'days'"))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("leio-bad-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("t,e,x\n1,yes,1\n2,maybe,1\n3,0,1\n".utf8).write(to: file)
    let badEvent = try CLIRunner.run(["survival", file.path, "--time", "t", "--event", "e"])
    #expect(badEvent.status == 65 && badEvent.stderr.contains("maybe"))
    try Data("t,e,x\n1,1,1\n2,1,1\n3,0,1\n".utf8).write(to: file)
    let constant = try CLIRunner.run(["cox", file.path, "--time", "t", "--event", "e", "--covariates", "x"])
    #expect(constant.status == 65 && constant.stderr.contains("collinear or constant"))
  }
}

@Suite("leio simulate")
struct SimulateCommandTests {
  /// 5-year survival per summary stage in the knowledge base (sts-roswell), which the simulation is built from.
  static let targets = ["localized": 0.815, "regional": 0.578, "distant": 0.171]

  @Test("a large simulated cohort: Kaplan-Meier at 60 months recovers each stage's figure within sampling error")
  func recovers() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("leio-sim-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    let simulated = try CLIRunner.run(["simulate", "--n", "60000", "--seed", "11", "--output", file.path])
    #expect(simulated.status == 0 && simulated.stderr.contains("SYNTHETIC"))
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(
      text.hasPrefix("id,synthetic,")
        && text.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("SIM-") && $0.contains(",yes,") })
    let result = try CLIRunner.json([
      "survival", file.path, "--time", "months", "--event", "died", "--by", "summaryStage", "--at", "60", "--json",
    ])
    for group in try #require(result["groups"] as? [[String: Any]]) {
      let stage = String((group["group"] as? String ?? "").split(separator: "=").last ?? "")
      let point = try #require((group["at"] as? [[String: Any]])?.first)
      let survival = point["survival"] as? Double ?? 0
      let halfWidth = ((point["upper"] as? Double ?? 1) - (point["lower"] as? Double ?? 0)) / 2
      let target = try #require(Self.targets[stage])
      // Within 2.5 standard errors (the 95 % half-width is 1.96 SE).
      #expect(abs(survival - target) <= 2.5 / 1.96 * halfWidth, "\(stage): \(survival) vs \(target) ± \(halfWidth)")
    }
  }

  @Test("the simulated effects come back: cause-specific Cox recovers the hazard ratios that were set")
  func effects() throws {
    let simulated = try CLIRunner.run([
      "simulate", "--n", "40000", "--seed", "5", "--hr-grade", "2.5", "--hr-margin", "3", "--hr-size", "1.4",
      "--hr-age", "1.5",
    ])
    #expect(simulated.status == 0 && simulated.stderr.contains("hazard ratios grade G3 2.5"), "\(simulated.stderr)")
    let lines = simulated.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let header = try #require(lines.first).map(String.init)
    #expect(header.suffix(2) == ["eventMonths", "event"])
    func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
    let (size, event, age) = (try column("sizeCm"), try column("event"), try column("age"))
    // Local recurrence as its own endpoint (other first events censor it), size as the model's ratio per 5 cm above 5.
    var csv = "t,local,grade,margin,sizeOver5,age10,stage,months,died\n"
    for fields in lines.dropFirst() {
      let value = { (name: String) in String(fields[header.firstIndex(of: name) ?? 0]) }
      let over = max(0, (Double(fields[size]) ?? 0) - 5) / 5
      csv += "\(value("eventMonths")),\(fields[event] == "1" ? 1 : 0),\(value("grade")),\(value("margin")),\(over),"
      csv += "\((Double(fields[age]) ?? 0) / 10),\(value("summaryStage")),\(value("months")),\(value("died"))\n"
    }
    #expect(Set(lines.dropFirst().map { String($0[event]) }) == ["0", "1", "2", "3"])
    let local = try CLIRunner.run(
      ["cox", "-", "--time", "t", "--event", "local", "--covariates", "grade,margin,sizeOver5", "--json"], stdin: csv)
    let death = try CLIRunner.run(
      ["cox", "-", "--time", "months", "--event", "died", "--covariates", "age10,stage", "--json"], stdin: csv)
    var checked = 0
    for (run, expected) in [
      (local, ["gradeG2": 1.0, "gradeG3": 2.5, "marginR1": 3, "marginR2": 3, "sizeOver5": 1.4]),
      (death, ["age10": 1.5]),
    ] {
      #expect(run.status == 0, "\(run.stderr)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      for coefficient in try #require(object["coefficients"] as? [[String: Any]]) {
        guard let name = coefficient["name"] as? String, let ratio = expected[name] else { continue }
        let coef = try #require(coefficient["coef"] as? Double)
        let se = try #require(coefficient["se"] as? Double)
        // Within 3.5 standard errors of the log ratio that was set.
        #expect(abs(coef - log(ratio)) <= 3.5 * se, "\(name): \(exp(coef)) vs \(ratio) (se \(se))")
        checked += 1
      }
    }
    #expect(checked == 6)
  }

  @Test("simulation parameters out of range are refused")
  func parameters() throws {
    for arguments in [["--hr-grade", "0"], ["--hr-age", "-1"], ["--local-rate", "2"], ["--hr-size", "nan"]] {
      let run = try CLIRunner.run(["simulate", "--n", "5"] + arguments)
      #expect(run.status == 64 && run.stdout.isEmpty, "\(arguments): \(run.stderr)")
    }
  }

  @Test("the same seed gives the same file")
  func deterministic() throws {
    let first = try CLIRunner.run(["simulate", "--n", "50", "--seed", "3"])
    let second = try CLIRunner.run(["simulate", "--n", "50", "--seed", "3"])
    #expect(first.stdout == second.stdout && first.stdout.split(separator: "\n").count == 51)
  }
}
