import Foundation
import Testing

@Suite("leio plan")
struct PlanCommandTests {
  static let caseJSON = #"{"site":"extremity","sizeCm":7,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0"}"#

  @Test(
    "the plan is the same in every time zone",
    arguments: ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"])
  func timeZones(_ zone: String) throws {
    let arguments = ["plan", "--input", "-", "--treatment-end", "2024-02-29", "--today", "2026-11-23", "--json"]
    let reference = try CLIRunner.run(arguments, stdin: Self.caseJSON, environment: ["TZ": "UTC"])
    let zoned = try CLIRunner.run(arguments, stdin: Self.caseJSON, environment: ["TZ": zone])
    #expect(zoned.status == 0)
    #expect(zoned.stdout == reference.stdout)
    #expect(zoned.stdout.contains("\"date\" : \"2025-02-28\""))
  }

  @Test("the calendar parses with a real iCalendar parser (Python icalendar)")
  func icsParses() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-ics-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let ics = directory.appendingPathComponent("plan.ics").path
    let run = try CLIRunner.run(
      ["plan", "--input", "-", "--treatment-end", "2025-01-15", "--today", "2026-11-23", "--ics", ics],
      stdin: Self.caseJSON)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Calendar written to"))
    let check = """
      import sys
      try:
          import icalendar
      except ImportError:
          print("MISSING"); sys.exit(0)
      cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      events = list(cal.walk('VEVENT'))
      assert cal['VERSION'] == '2.0'
      assert len(events) == 21, len(events)
      assert len({str(e['UID']) for e in events}) == 21
      assert str(events[0]['DTSTART'].dt) == '2025-04-15', events[0]['DTSTART'].dt
      assert 'your team may differ' in str(events[0]['DESCRIPTION'])
      print("OK", len(events))
      """
    let script = directory.appendingPathComponent("check.py").path
    try Data(check.utf8).write(to: URL(fileURLWithPath: script))
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", script, ics]
    let pipe = Pipe()
    python.standardOutput = pipe
    python.standardError = pipe
    try python.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    if output.hasPrefix("MISSING") {
      #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must install the icalendar package (.ci/run)")
      return
    }
    #expect(python.terminationStatus == 0 && output.hasPrefix("OK 21"), "\(output)")
  }

  @Test(
    "invalid dates exit 65 with the field",
    arguments: [
      (["--treatment-end", "2025-02-30"], "treatmentEnd"),
      (["--treatment-end", "2025-01-15", "--today", "2026-01-01", "--last-visit", "2027-01-01"], "lastVisit"),
    ])
  func badDates(_ extra: [String], _ field: String) throws {
    let output = try CLIRunner.run(["plan", "--input", "-"] + extra, stdin: Self.caseJSON)
    #expect(output.status == 65)
    #expect(output.stderr.contains(field))
  }
}
