import Foundation
import LeioCore
import LeioSurvival

// leio-bench: release-build benchmarks of LeioCore.
//
//   swift run -c release LeioBench staging [--cases N] [--seconds S]
//   swift run -c release LeioBench generate --rows N --output FILE.csv
//   swift run -c release LeioBench api [--seconds S]
//   swift run -c release LeioBench naaccr --tumours N --output FILE.xml [--version 230]
//   swift run -c release LeioBench fhir [--patients N] [--runs R]
//   swift run -c release LeioBench competing-data --rows N --output FILE.csv; … competing --file FILE.csv
//
// `staging` measures in-process staging throughput on one core (facts →
// current-standard stage group and summary stage, explanation off, as in batch;
// and with the full explanation). `generate` writes a synthetic registry CSV
// (clearly fictional rows, about 1 in 50 invalid) for `Benchmarks/run.sh`.

@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

struct Arguments {
  var values: [String: String] = [:]
  init(_ list: ArraySlice<String>) {
    var iterator = list.makeIterator()
    while let key = iterator.next() {
      if key.hasPrefix("--") { values[String(key.dropFirst(2))] = iterator.next() ?? "" }
    }
  }
  func int(_ key: String, _ fallback: Int) -> Int { values[key].flatMap(Int.init) ?? fallback }
  func double(_ key: String, _ fallback: Double) -> Double { values[key].flatMap(Double.init) ?? fallback }
}

let sites = ["extremity", "trunk", "retroperitoneum", "headAndNeck", "uterus", "visceral", "breast", "peritoneum"]
let grades = ["G1", "G2", "G3", "GX", ""]
let nodes = ["N0", "N0", "N0", "N1", "NX"]
let uterineExtents = ["confined", "confined", "adnexa", "pelvicTissue", "abdominalOneSite", "bladderOrRectumWall"]

/// One synthetic CSV row (without line end).
func row(_ index: Int, _ random: inout SplitMix64) -> String {
  let site = sites[random.below(sites.count)]
  let size = Double(random.below(300) + 5) / 10
  let depth =
    site == "retroperitoneum" || site == "peritoneum" || site == "uterus" || site == "visceral"
    ? "" : (random.below(3) == 0 ? "superficial" : "deep")
  let grade = site == "uterus" ? "" : grades[random.below(grades.count)]
  let metastasis = random.below(8) == 0 ? "M1" : "M0"
  let extent = site == "uterus" ? uterineExtents[random.below(uterineExtents.count)] : ""
  let visceral = site == "visceral" ? "confined" : ""
  var sizeText = String(size)
  if random.below(50) == 0 { sizeText = "-1" }  // invalid rows mixed in
  return
    "SYN-\(index),\(site),\(sizeText),\(depth),\(grade),\(nodes[random.below(nodes.count)]),\(metastasis),\(extent),\(visceral)"
}

let header = "id,site,sizeCm,depth,grade,nodes,metastasis,uterineExtent,visceralExtent"

func generate(_ arguments: Arguments) throws {
  let rows = arguments.int("rows", 1_000_000)
  guard let path = arguments.values["output"], let file = fopen(path, "wb") else {
    FileHandle.standardError.write(Data("usage: LeioBench generate --rows N --output FILE.csv\n".utf8))
    exit(64)
  }
  defer { fclose(file) }
  var random = SplitMix64(seed: 20_261_123)
  var buffer = ""
  buffer.reserveCapacity(1 << 20)
  buffer += header + "\n"
  for index in 0..<rows {
    buffer += row(index, &random)
    buffer += "\n"
    if buffer.utf8.count > 1 << 20 {
      fputs(buffer, file)
      buffer.removeAll(keepingCapacity: true)
    }
  }
  fputs(buffer, file)
}

func staging(_ arguments: Arguments) throws {
  let count = arguments.int("cases", 100_000)
  let seconds = arguments.double("seconds", 3)
  var random = SplitMix64(seed: 42)
  var cases: [CaseFacts] = []
  cases.reserveCapacity(count)
  while cases.count < count {
    let fields = row(cases.count, &random).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var input = CaseInput()
    func text(_ index: Int) -> CaseValue? { fields[index].isEmpty ? nil : .text(fields[index]) }
    input[.site] = text(1)
    input[.sizeCm] = Double(fields[2]).map(CaseValue.number)
    (input[.depth], input[.grade], input[.nodes], input[.metastasis]) = (text(3), text(4), text(5), text(6))
    (input[.uterineExtent], input[.visceralExtent]) = (text(7), text(8))
    if let facts = try? CaseFacts(input) { cases.append(facts) }
  }
  // codes: Staging.stageCodes (the batch path); result: the full StagingReport
  // without explanation; explained: the full report with steps and warnings.
  let modes = arguments.values["mode"].map { [$0] } ?? ["codes", "result", "explained"]
  for mode in modes {
    func once(_ facts: CaseFacts) throws {
      switch mode {
      case "codes": blackHole(try Staging.stageCodes(facts))
      case "result": blackHole(try Staging.stageWithCurrentStandard(facts, explain: false))
      default: blackHole(try Staging.stageWithCurrentStandard(facts, explain: true))
      }
    }
    try once(cases[0])  // load the tables before timing
    var staged = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
      for facts in cases { try once(facts) }
      staged += cases.count
      elapsed = clock.now - start
    } while elapsed < .seconds(seconds)
    let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      String(
        format: "staging %-9@ %9d cases in %.2f s = %9.0f cases/s on one core", mode, staged, secondsTaken,
        Double(staged) / secondsTaken))
  }
}

/// The stage endpoint's work per request, step by step, on the load benchmark's case (`Benchmarks/load.sh`):
/// decoding the JSON body, staging with every applicable system and the explanation, writing the response.
func api(_ arguments: Arguments) throws {
  let seconds = arguments.double("seconds", 2)
  let body = Data(
    #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0","histology":"8890/3"}"#
      .utf8)
  let input = try JSONDecoder().decode(CaseInput.self, from: body)
  let report = try Staging.stage(input)
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  func measure(_ name: String, _ work: () throws -> Void) rethrows {
    try work()
    var count = 0
    let clock = ContinuousClock()
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
      for _ in 0..<1000 { try work() }
      count += 1000
      elapsed = clock.now - start
    } while elapsed < .seconds(seconds)
    let taken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      String(
        format: "api %-26@ %8.2f µs per request (%9.0f /s on one core)", name, taken / Double(count) * 1e6,
        Double(count) / taken))
  }
  try measure("decode (JSONDecoder)") { blackHole(try JSONDecoder().decode(CaseInput.self, from: body)) }
  measure("decode (fast reader)") { blackHole(body.withUnsafeBytes { CaseInput.decodeCommonShape($0) }) }
  try measure("stage, explained") { blackHole(try Staging.stage(input)) }
  measure("write (JSONOutput)") { blackHole(report.jsonBytes) }
  try measure("write (JSONEncoder)") { blackHole(try encoder.encode(report)) }
}

/// Survival statistics on a registry file (`leio simulate` output), each step timed alone on one core:
/// reading the columns, Kaplan-Meier by summary stage, the log-rank test, and the Cox model with five covariates
/// (age, sizeCm, summaryStage, margin, site; Efron ties) — the same tasks `Benchmarks/survival.sh` times in R and
/// lifelines.
func survival(_ arguments: Arguments) throws {
  guard let path = arguments.values["file"] else {
    FileHandle.standardError.write(Data("usage: LeioBench survival --file FILE.csv [--cox false]\n".utf8))
    exit(64)
  }
  let clock = ContinuousClock()
  func time<T>(_ label: String, _ work: () throws -> T) rethrows -> T {
    let start = clock.now
    let value = try work()
    let elapsed = clock.now - start
    print(
      String(
        format: "leio %-9@ %8.3f s", label,
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
    return value
  }
  let covariates = ["age", "sizeCm", "summaryStage", "margin", "site"]
  let table = try time("read") { () throws -> SurvivalTable in
    guard let bytes = FileManager.default.contents(atPath: path) else {
      throw SurvivalTableError.missingColumns([path])
    }
    return try SurvivalTable(csv: bytes, time: "months", event: "died", columns: covariates)
  }
  let (times, events) = (table.time, table.event)
  let stage = table.factor("summaryStage")
  let group = stage.codes
  _ = time("survfit") {
    (0..<stage.levels.count).map { g -> KaplanMeierCurve in
      let members = group.indices.filter { group[$0] == g }
      return KaplanMeierEstimator.fit(time: members.map { times[$0] }, event: members.map { events[$0] })
    }
  }
  _ = time("survdiff") { LogRankTest.test(time: times, event: events, group: group) }
  guard arguments.values["cox"] != "false" else { return }
  let design = try time("design") { try CoxDesign(table: table, covariates: covariates) }
  let model = try time("coxph") {
    try CoxProportionalHazards.fit(time: design.time, event: design.event, covariates: design.rows, names: design.names)
  }
  _ = time("cox.zph") {
    ProportionalHazardsTest.test(
      time: design.time, event: design.event, covariates: design.rows, beta: model.coefficients.map(\.coef),
      ties: .efron, terms: design.terms)
  }
}

let command = CommandLine.arguments.dropFirst().first ?? "staging"
let arguments = Arguments(CommandLine.arguments.dropFirst(2))
switch command {
case "generate": try generate(arguments)
case "naaccr": try generateNAACCR(arguments)
case "staging": try staging(arguments)
case "api": try api(arguments)
case "survival": try survival(arguments)
case "fhir": try fhir(arguments)
case "competing-data": try competingData(arguments)
case "competing": try competing(arguments)
case "model": try modelBench(arguments)
default:
  FileHandle.standardError.write(Data("usage: LeioBench staging|generate …\n".utf8))
  exit(64)
}
