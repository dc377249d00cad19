import Foundation

/// Runs the built `leio` binary, as a user would.
enum CLIRunner {
  struct Output {
    let stdout: String
    let stderr: String
    let status: Int32
  }

  /// The `leio` executable next to the test bundle (`.build/<config>/leio`).
  static let binary: URL = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent(),
      Bundle.main.bundleURL,
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug"),
    ]
    for directory in candidates {
      let url = directory.appendingPathComponent("leio")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return candidates[0].appendingPathComponent("leio")
  }()

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Output {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self),
                  status: process.terminationStatus)
  }

  static func json(_ arguments: [String], stdin: String? = nil) throws -> [String: Any] {
    let output = try run(arguments, stdin: stdin)
    guard output.status == 0 else { throw NSError(domain: "leio", code: Int(output.status), userInfo: [NSLocalizedDescriptionKey: output.stderr]) }
    return (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]) ?? [:]
  }
}
