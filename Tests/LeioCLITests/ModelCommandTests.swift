import Foundation
import Testing

/// `leio model fit` and `leio model predict` (issue 16 §3): the model file, the text, refusals and exit codes.
@Suite("leio model")
struct ModelCommandTests {
  static let veteran = CLIRunner.fixtures.appendingPathComponent("survival/veteran.csv").path

  @Test("fit writes a versioned model file with its validation; predict states survival with the caveat")
  func fitAndPredict() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-model-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("model.json").path
    let fit = try CLIRunner.run([
      "model", "fit", "--data", Self.veteran, "--time", "time", "--event", "status", "--covariates",
      "karno,celltype,age", "--bootstrap", "10", "--seed", "3", "--horizons", "90,180,365", "--output", model,
    ])
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(fit.stdout.contains("10 bootstrap resamples (seed 3") && fit.stdout.contains("harrellC"))
    #expect(fit.stdout.contains("Calibration at 365 days"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
    #expect(object["schemaVersion"] as? Int == 1 && object["kind"] as? String == "cox")
    for key in ["coefficients", "baseline", "terms", "data", "validation", "calibration", "names", "means"] {
      #expect(object[key] != nil, "\(key)")
    }
    let input = directory.appendingPathComponent("case.json").path
    try Data(#"{"karno": 60, "celltype": "squamous", "age": 65}"#.utf8).write(to: URL(fileURLWithPath: input))
    let predict = try CLIRunner.run(["model", "predict", model, "--input", input])
    #expect(predict.status == 0, "\(predict.stderr)")
    // survfit(coxph(Surv(time, status) ~ karno + celltype + age), newdata, ctype = 1) at 365 days: 0.1744.
    #expect(predict.stdout.contains("17 % (95 % CI 8–37 %) survival at 365 days"), "\(predict.stdout)")
    #expect(predict.stdout.contains("not a medical device") && predict.stdout.contains("D-20"))
    let json = try CLIRunner.run(["model", "predict", model, "--input", input, "--json", "--at", "30"])
    let prediction = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((prediction["horizons"] as? [[String: Any]])?.count == 1 && prediction["caveat"] is String)

    let outside = try CLIRunner.run(
      ["model", "predict", model, "--input", "-"], stdin: #"{"karno": 5, "celltype": "squamous", "age": 65}"#)
    #expect(outside.status == 65 && outside.stderr.contains("outside the model's data"), "\(outside.stderr)")
    let garbage = try CLIRunner.run(["model", "predict", model, "--input", "-"], stdin: "[1, 2")
    #expect(garbage.status == 65 && garbage.stderr.contains("not a JSON object"))
    let notModel = try CLIRunner.run(["model", "predict", input, "--input", input])
    #expect(notModel.status == 65, "\(notModel.stderr)")
    // The server takes only a model of outcome-dataset columns (veteran's karno is not one), and says so at once.
    let serve = try CLIRunner.run([
      "serve", "--port", "18431", "--database", directory.appendingPathComponent("r.sqlite").path,
      "--prognosis-model", model,
    ])
    #expect(serve.status == 65 && serve.stderr.contains("not columns of `leio export outcomes`"), "\(serve.stderr)")
  }

  @Test("a Fine-Gray model of one cause: fit with --cause, predict the cumulative incidence with others competing")
  func fineGray() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-model-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("fg.json").path
    let fit = try CLIRunner.run([
      "model", "fit", "--data", IncidenceCommandTests.mgus2, "--time", "etime", "--event", "event", "--cause", "1",
      "--covariates", "sex,age", "--bootstrap", "5", "--horizons", "60,120", "--time-unit", "months", "--output", model,
    ])
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect(fit.stdout.contains("Fine-Gray model of event = 1") && fit.stdout.contains("competingC"))
    #expect(fit.stdout.contains("observed (Aalen-Johansen)"))
    let predict = try CLIRunner.run(
      ["model", "predict", model, "--input", "-", "--at", "120"], stdin: #"{"sex": "M", "age": 70}"#)
    // predict.crr(crr(etime, event, cbind(sexM, age)), c(1, 70)) at 118 months (the last event ≤ 120): 0.0554.
    #expect(predict.status == 0 && predict.stdout.contains("6 % (95 % CI"), "\(predict.stdout)")
    #expect(predict.stdout.contains("cumulative incidence of event = 1 at 120 months, other causes competing"))
    let zero = try CLIRunner.run([
      "model", "fit", "--data", IncidenceCommandTests.mgus2, "--time", "etime", "--event", "event", "--cause", "0",
      "--covariates", "age", "--output", model,
    ])
    #expect(zero.status == 64)
  }

  @Test("fit refuses: no covariates, horizons past follow-up, a bad bootstrap count; no file is left")
  func refusals() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("leio-model-\(UUID().uuidString).json")
    let base = ["model", "fit", "--data", Self.veteran, "--time", "time", "--event", "status", "--output", output.path]
    let none = try CLIRunner.run(base + ["--covariates", ","])
    #expect(none.status == 64)
    let late = try CLIRunner.run(base + ["--covariates", "karno", "--horizons", "5000", "--bootstrap", "0"])
    #expect(late.status == 65 && late.stderr.contains("no horizon is within the follow-up"), "\(late.stderr)")
    let many = try CLIRunner.run(base + ["--covariates", "karno", "--bootstrap", "-1"])
    #expect(many.status == 64)
    #expect(!FileManager.default.fileExists(atPath: output.path))
  }
}
