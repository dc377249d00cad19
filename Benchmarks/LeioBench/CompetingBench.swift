import Foundation
import LeioCore
import LeioSurvival

// `LeioBench competing-data --rows N --output FILE.csv [--seed S]`: a synthetic competing-risks file (time in months,
// rounded to 0.1 so there are ties; status 0 censored, 1 local recurrence, 2 distant metastasis, 3 death without
// recurrence; group A/B/C with rising recurrence hazards; age 30–89 from a second generator, without effect, so
// that the first three columns stay those of earlier runs), clearly synthetic.
// `LeioBench competing --file FILE.csv`: read it, cumulative incidence of every cause by group, Gray's test per
// cause, and the Fine-Gray model of cause 1 on group + age with its robust variance (as `crr`) — in process, one
// core, the median of three runs of each step.

func competingData(_ arguments: Arguments) throws {
  let rows = arguments.int("rows", 1_000_000)
  guard let path = arguments.values["output"], let file = fopen(path, "wb") else {
    throw CocoaError(.fileWriteUnknown)
  }
  defer { fclose(file) }
  var random = SplitMix64(seed: UInt64(arguments.int("seed", 16)))
  var ages = SplitMix64(seed: UInt64(arguments.int("seed", 16)) &+ 1)
  func exponential(_ rate: Double) -> Double { -log(1 - random.unit()) / rate }
  var text = "time,status,group,age\n"
  text.reserveCapacity(1 << 20)
  for index in 0..<rows {
    let group = index % 3
    let times = [
      exponential(0.004 * (1 + 0.4 * Double(group))), exponential(0.003 * (1 + 0.8 * Double(group))),
      exponential(0.005), random.unit() * 120,
    ]
    let first = times.indices.min { times[$0] < times[$1] } ?? 3
    let time = (times[first] * 10).rounded() / 10
    text += "\(time),\(first == 3 ? 0 : first + 1),\(["A", "B", "C"][group]),\(30 + Int(ages.unit() * 60))\n"
    if text.utf8.count > 1 << 20 {
      fputs(text, file)
      text.removeAll(keepingCapacity: true)
    }
  }
  fputs(text, file)
}

func competing(_ arguments: Arguments) throws {
  guard let path = arguments.values["file"], let data = FileManager.default.contents(atPath: path) else {
    throw CocoaError(.fileReadNoSuchFile)
  }
  func median(_ label: String, _ body: () throws -> Void) rethrows {
    var times: [Double] = []
    for _ in 0..<3 {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(
      "leio \(label.padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(format: "%8.3f", times.sorted()[1])) s")
  }
  var table: SurvivalTable?
  try median("read") {
    table = try SurvivalTable(csv: data, time: "time", event: "status", columns: ["group", "age"], causes: true)
  }
  guard let table else { return }
  let factor = table.factor("group")
  let causes = Array(Set(table.status.filter { $0 != 0 })).sorted()
  var points = 0
  median("cuminc") {
    points = 0
    for cause in causes {
      for level in factor.levels.indices {
        let members = factor.codes.indices.filter { factor.codes[$0] == level }
        let curve = CumulativeIncidence.fit(
          time: members.map { table.time[$0] }, status: members.map { table.status[$0] }, cause: cause)
        points += curve.time.count
      }
    }
  }
  var statistics: [Double] = []
  median("gray") {
    statistics = causes.map {
      GrayTest.test(
        time: table.time, status: table.status, group: factor.codes, groups: factor.levels.count, cause: $0
      ).statistic ?? .nan
    }
  }
  print(
    "     \(table.time.count) rows, \(causes.count) causes, \(factor.levels.count) groups, \(points) curve corners; Gray χ² \(statistics.map { String(format: "%.4f", $0) }.joined(separator: ", "))"
  )
  var model: FineGrayModel?
  try median("finegray") {
    let design = try CoxDesign(table: table, covariates: ["group", "age"])
    model = try FineGray.fit(
      time: design.time, status: table.status, cause: 1, covariates: design.rows, names: design.names)
  }
  if let model {
    print(
      "     Fine-Gray cause 1: "
        + model.coefficients.map { String(format: "%@ %.6f (se %.6f)", $0.name, $0.coef, $0.se) }.joined(
          separator: ", ") + ", \(model.iterations) steps")
  }
}

// `LeioBench model --file FILE.csv [--bootstrap 200]`: `leio model fit`'s work on a `leio simulate` file (months,
// died ~ age + summaryStage + grade + margin; horizons 12, 36, 60 months), one run, with the resamples per second.
func modelBench(_ arguments: Arguments) throws {
  guard let path = arguments.values["file"], let data = FileManager.default.contents(atPath: path) else {
    throw CocoaError(.fileReadNoSuchFile)
  }
  let covariates = ["age", "summaryStage", "grade", "margin"]
  let table = try SurvivalTable(csv: data, time: "months", event: "died", columns: covariates)
  let bootstrap = arguments.int("bootstrap", 200)
  let start = DispatchTime.now().uptimeNanoseconds
  let model = try PrognosisModel.fit(
    table: table, covariates: covariates,
    options: .init(
      time: "months", timeUnit: "months", event: "died", horizons: [12, 36, 60], bootstrap: bootstrap, seed: 1))
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  print(
    String(
      format: "leio model fit  %8.3f s  %d rows, %d resamples (%.1f resamples/s); corrected Harrell's C %.4f",
      seconds, model.data.n, bootstrap, Double(bootstrap) / seconds,
      model.validation.indexes.first { $0.name == "harrellC" }?.corrected ?? .nan))
}
