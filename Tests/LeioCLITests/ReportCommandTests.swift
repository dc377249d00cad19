import Foundation
import Testing

/// The care summary rendered for real in headless Chromium (Debian's package).
@Suite("leio report")
struct ReportCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var chromium: String? {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for directory in ["/usr/bin", "/usr/local/bin"]
      where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
        return "\(directory)/\(name)"
      }
    }
    return nil
  }

  static func runBrowser(_ arguments: [String]) throws -> (stdout: String, stderr: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    process.arguments =
      [
        "120", chromium ?? "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--enable-logging=stderr", "--v=0",
      ] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (stdout, stderr, process.terminationStatus)
  }

  @Test("the HTML summary renders in headless Chromium with no console errors; screenshot kept in out/")
  func browser() throws {
    guard Self.chromium != nil else {
      #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must install chromium (.ci/run)")
      return
    }
    let artifacts = Self.root.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    let html = artifacts.appendingPathComponent("care-summary.html")
    let report = try CLIRunner.run([
      "report", "--input", Self.root.appendingPathComponent("Examples/uterine-lms.json").path, "--format", "html",
      "--output", html.path, "--label", "Fictional example <uterine LMS>", "--treatment-end", "2025-06-30", "--today",
      "2026-11-23",
    ])
    #expect(report.status == 0, "\(report.stderr)")
    let dom = try Self.runBrowser(["--dump-dom", html.absoluteString])
    #expect(dom.status == 0)
    #expect(dom.stdout.contains("Leiomyosarcoma care summary"))
    #expect(dom.stdout.contains("Fictional example &lt;uterine LMS&gt;"))
    #expect(dom.stdout.contains("<svg"))
    let consoleProblems = dom.stderr.split(separator: "\n").filter {
      $0.contains("CONSOLE") && ($0.contains("rror") || $0.contains("Uncaught"))
    }
    #expect(consoleProblems.isEmpty, "\(consoleProblems)")
    let png = artifacts.appendingPathComponent("care-summary.png")
    try? FileManager.default.removeItem(at: png)
    let shot = try Self.runBrowser(["--window-size=1100,5000", "--screenshot=\(png.path)", html.absoluteString])
    #expect(shot.status == 0)
    let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
    #expect(size > 50_000, "screenshot of \(size) bytes")
  }

  @Test("text format and stdout")
  func text() throws {
    let output = try CLIRunner.run(
      ["report", "--input", "-", "--format", "text"],
      stdin: #"{"site":"extremity","sizeCm":7,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0"}"#)
    #expect(output.status == 0)
    #expect(output.stdout.hasPrefix("LEIOMYOSARCOMA CARE SUMMARY"))
    #expect(output.stdout.contains("Give the end date of treatment"))
  }

  @Test("GIST is refused")
  func gist() throws {
    #expect(
      try CLIRunner.run(["report", "--input", "-"], stdin: #"{"topography":"C16.9","histology":"8936/3"}"#).status == 65
    )
  }
}
