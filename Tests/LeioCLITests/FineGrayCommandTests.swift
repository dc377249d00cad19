import Foundation
import Testing

/// `leio finegray` (issue 16 §2) and `leio incidence --plot`: the text and JSON of the model, predictions, errors.
@Suite("leio finegray")
struct FineGrayCommandTests {
  @Test("text and JSON as R's summary(crr): coefficients, robust se, counts, and a predicted incidence")
  func output() throws {
    let text = try CLIRunner.run([
      "finegray", IncidenceCommandTests.mgus2, "--time", "etime", "--status", "event", "--cause", "1", "--covariates",
      "sex,age", "--predict", "sex=M,age=70", "--at", "60,120",
    ])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("n = 1384, events = 115, competing events = 860"), "\(text.stdout)")
    // cmprsk 2.2-11: crr(etime, event, cbind(sexM, age))$coef = -0.26003823788, -0.01733815349; se 0.18568, 0.0057371
    #expect(text.stdout.contains("sexM") && text.stdout.contains("-0.26") && text.stdout.contains("0.1857"))
    // predict.crr at 60 and at 118 (the last event time ≤ 120): 0.02963688, 0.05543516
    #expect(text.stdout.contains("2.96 %") && text.stdout.contains("5.54 %"), "\(text.stdout)")
    let json = try CLIRunner.run([
      "finegray", IncidenceCommandTests.mgus2, "--time", "etime", "--status", "event", "--cause", "2", "--covariates",
      "agegroup,sex", "--json",
    ])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let coefficients = try #require(object["coefficients"] as? [[String: Any]])
    #expect(coefficients.map { $0["name"] as? String } == ["agegroupover75", "agegroupunder60", "sexM"])
    #expect(abs((coefficients[0]["coef"] as? Double ?? 0) - 0.8794725750049288) < 1e-9)
    #expect(abs((coefficients[0]["se"] as? Double ?? 0) - 0.07353625146844667) < 1e-9)
    for key in ["expCoef", "z", "p"] { #expect(coefficients[0][key] is Double, "\(key)") }
    #expect(object["n"] as? Int == 1384 && object["nDropped"] as? Int == 0 && object["nEvents"] as? Int == 860)
    #expect(object["logLikelihood"] is Double)
    #expect((object["referenceLevels"] as? [String: String]) == ["agegroup": "60to75", "sex": "F"])
  }

  @Test("errors: cause 0, no covariates, a profile with an unknown level, a status that is not a code, no events")
  func errors() throws {
    let base = ["finegray", IncidenceCommandTests.mgus2, "--time", "etime", "--status", "event"]
    let zero = try CLIRunner.run(base + ["--cause", "0", "--covariates", "age"])
    #expect(zero.status == 64 && zero.stderr.contains("--cause"), "\(zero.stderr)")
    let none = try CLIRunner.run(base + ["--cause", "1", "--covariates", ","])
    #expect(none.status == 64 && none.stderr.contains("at least one covariate"))
    let level = try CLIRunner.run(base + ["--cause", "1", "--covariates", "sex", "--predict", "sex=X"])
    #expect(level.status != 0 && level.stderr.contains("not a level of 'sex'"), "\(level.stderr)")
    let bad = try CLIRunner.run(
      ["finegray", "-", "--time", "t", "--status", "s", "--cause", "1", "--covariates", "x"],
      stdin: "t,s,x\n1,1,0\n2,yes,1\n")
    #expect(bad.status == 65 && bad.stderr.contains("row 3"), "\(bad.stderr)")
    let noEvents = try CLIRunner.run(base + ["--cause", "7", "--covariates", "age"])
    #expect(noEvents.status != 0 && noEvents.stderr.contains("no events"), "\(noEvents.stderr)")
  }

  @Test("leio incidence --plot writes one SVG curve per group and cause, with Gray's test")
  func plot() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("incidence-\(UUID().uuidString).svg")
    defer { try? FileManager.default.removeItem(at: path) }
    let run = try CLIRunner.run([
      "incidence", IncidenceCommandTests.mgus2, "--time", "etime", "--status", "event", "--by", "sex", "--plot",
      path.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = try String(contentsOf: path, encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "<polyline").count == 5)
    #expect(svg.contains("data-group=\"sex=M, cause 2\"") && svg.contains("Gray's test, cause 2: p = 0.000642"))
  }
}
