import ArgumentParser
import Foundation
import LeioCore

/// The `leio` command.
@main
struct Leio: AsyncParsableCommand {
  /// Parses and runs the command; every error that a command did not map itself goes through ``Exit/report(_:)``
  /// here, so no command exits with a raw Swift error.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var command = command as? any AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: Exit.translated(error))
    }
  }

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
    subcommands: [
      StageCommand.self, FieldsCommand.self, GradeCommand.self, ClassifyCommand.self, BatchCommand.self,
      FactsCommand.self, PrognosisCommand.self, OptionsCommand.self, PlanCommand.self, ReportCommand.self,
      ServeCommand.self, UserCommand.self, BackupCommand.self, RestoreCommand.self, StoreCommand.self,
      SurvivalCommand.self, IncidenceCommand.self, FineGrayCommand.self, CoxCommand.self, ModelCommand.self,
      SimulateCommand.self,
      NAACCRCommand.self,
      ImportCommand.self,
      ExportCommand.self,
    ]
  )
}

/// Options shared by commands that print a result.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print the result as JSON (stable, sorted keys) instead of text.")
  var json = false
}
