import ArgumentParser
import Foundation
import LeioCore

/// `leio stage`: stage one case from flags, a JSON document, or categories.
struct StageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stage",
    abstract: "Stage one case with AJCC 7, AJCC 8, FIGO 2009 and SEER summary stage, with the rules that produced it.",
    discussion: """
      Clinical facts:
        leio stage --site extremity --size 7.5 --depth deep --grade 3 --nodes N0 --metastasis M0
      Registrar categories:
        leio stage --system ajcc7 --t T2b --n N0 --m M0 --grade G3
      A JSON case document (see README for the schema), from a file or stdin:
        leio stage --input case.json --json
        echo '{"site":"uterus","sizeCm":4,"uterineExtent":"confined","nodes":"N0"}' | leio stage --input -

      Without --system every applicable system is shown; with it, that system's result.
      Missing grade, nodes and metastasis become GX, NX and M0, each with a warning.

      Case flags (one per field of the case document; 'leio fields' describes each):
      \(CaseFactOptions.helpListing)
      """
  )

  @OptionGroup(title: "Case facts") var facts: CaseFactOptions
  @Option(
    name: .long,
    help: ArgumentHelp("JSON case document; '-' reads stdin. Cannot be combined with case flags.", valueName: "file"))
  var input: String?
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if input != nil, facts.isAnyGiven {
      throw ValidationError("--input cannot be combined with case flags; put every field in the JSON document.")
    }
    _ = try facts.caseInput()
  }

  func run() throws {
    let (caseInput, report) = try reportingErrors { () throws -> (CaseInput, StagingReport) in
      let caseInput = try input.map { try Console.decode(CaseInput.self, from: $0) } ?? facts.caseInput()
      return (caseInput, try Staging.stage(caseInput))
    }
    guard output.json else { return Console.print(TextRenderer.report(report)) }
    if caseInput[.system] != nil, let only = report.results.first {
      Console.print(try Console.json(only))
    } else {
      Console.print(try Console.json(report))
    }
  }
}
