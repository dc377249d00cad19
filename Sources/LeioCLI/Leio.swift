import ArgumentParser
import Foundation
import LeioCore

/// The `leio` command.
@main
struct Leio: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leio",
    abstract: "Leiomyosarcoma staging, grading and diagnosis criteria, explained.",
    discussion: """
      Educational and registry software, not a medical device: discuss every result with the care team.

      Exit codes: 0 success (a result of 'unknown' or 'notApplicable' is data, not a failure);
      64 malformed command line; 65 invalid or inconsistent clinical input (from flags or a file);
      66 input file cannot be read; 69 database unreachable; 73 output file cannot be written;
      75 record changed by someone else (try again); 1 anything else.
      """,
    version: "0.1.0",
    subcommands: [StageCommand.self, GradeCommand.self, ClassifyCommand.self, BatchCommand.self, FactsCommand.self, PrognosisCommand.self, OptionsCommand.self, PlanCommand.self, ReportCommand.self, ServeCommand.self, UserCommand.self, BackupCommand.self, RestoreCommand.self, StoreCommand.self, SurvivalCommand.self, CoxCommand.self, SimulateCommand.self]
  )
}

/// Exit codes with names (sysexits.h).
enum Exit {
  static let dataError = ExitCode(65)
  static let noInput = ExitCode(66)
  static let usage = ExitCode(64)
}

/// Options shared by commands that print a result.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print the result as JSON (stable, sorted keys) instead of text.")
  var json = false
}

/// Runs `body`, turning clinical input errors into a message on stderr and exit 65.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as StagingError {
    Console.error(error.description)
    throw Exit.dataError
  } catch let error as DecodingError {
    Console.error("input is not a valid case document: \(describe(error))")
    throw Exit.dataError
  } catch let error as InputFileError {
    Console.error(error.message)
    throw Exit.noInput
  } catch let error as CSVColumnsError {
    Console.error(error.description)
    if case .unreadable = error { throw Exit.noInput }
    throw Exit.usage
  }
}

private func describe(_ error: DecodingError) -> String {
  switch error {
  case .dataCorrupted(let context): return context.underlyingError.map { "malformed JSON (\($0.localizedDescription))" } ?? context.debugDescription
  case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
    let path = context.codingPath.map(\.stringValue).joined(separator: ".")
    return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
  @unknown default: return String(describing: error)
  }
}
