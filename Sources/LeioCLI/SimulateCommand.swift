import ArgumentParser
import Foundation
import LeioCore

/// `leio simulate`: a synthetic registry cohort as CSV.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract:
      "Write a SYNTHETIC LMS registry cohort (CSV) whose survival by summary stage follows the knowledge base's figures.",
    discussion: """
      leio simulate --n 100000 --seed 7 --output cohort.csv
      leio survival cohort.csv --time months --event died --by summaryStage --at 12,24,60
      Every row is marked synthetic (column `synthetic`, ids SIM-…); the note on stderr says how it was made.
      """)

  @Option(help: "Number of rows.") var n = 1000
  @Option(help: "Seed: the same seed gives the same file.") var seed: UInt64 = 1
  @Option(name: .shortAndLong, help: "Output CSV file (default: stdout).") var output: String?

  func validate() throws {
    guard n >= 1, n <= 100_000_000 else { throw ValidationError("--n must be between 1 and 100,000,000.") }
  }

  func run() throws {
    var cohort = try reportingErrors { try SyntheticCohort(seed: seed) }
    try reportingErrors { try OutputStream.writing(to: output) { sink in try write(&cohort, to: sink) } }
    FileHandle.standardError.write(Data("leio: \(SyntheticCohort.note)\n".utf8))
  }

  private func write(_ cohort: inout SyntheticCohort, to sink: UnsafeMutablePointer<FILE>) throws {
    var buffer = SyntheticCohort.header + "\n"
    buffer.reserveCapacity(1 << 20)
    for index in 1...n {
      buffer += cohort.row(index)
      buffer += "\n"
      if buffer.utf8.count >= 1 << 20 {
        fputs(buffer, sink)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    fputs(buffer, sink)
  }
}
