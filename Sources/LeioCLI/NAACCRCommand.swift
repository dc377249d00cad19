import ArgumentParser
import Foundation
import LeioCore
import LeioNAACCR

/// `leio naaccr`: NAACCR XML registry files.
struct NAACCRCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "naaccr",
    abstract: "NAACCR XML registry files: stage every tumour, print Leio's user dictionary.",
    subcommands: [Stage.self, Dictionary.self]
  )

  /// `leio naaccr stage FILE.xml[.gz]`.
  struct Stage: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stage",
      abstract: "Stage every tumour of a NAACCR XML file (base dictionaries 180–260, plain or gzip).",
      discussion: """
        Each tumour is read with its patient's items. LMS-family and related histologies are staged from the
        file's codes (EOD 2018 → Summary Stage 2018 as SEER derives it; AJCC 7, AJCC 8 and FIGO 2009 from the codes
        whose meaning decides them); GIST is refused with the reason; other histologies are counted as out of
        scope. The CSV report has one row per tumour; --xml-output writes the file back with Leio's results as
        items of Leio's user dictionary ('leio naaccr dictionary'), the file's own items unchanged (a name ending
        in .gz is compressed). A malformed file stops the run with its line number and leaves no output file.

          leio naaccr stage incidence.xml.gz --output report.csv --xml-output staged.xml.gz
        """
    )

    @Argument(help: "NAACCR XML file (.xml or .xml.gz).") var file: String
    @Option(name: .shortAndLong, help: "CSV report (default: stdout).") var output: String?
    @Option(name: .customLong("xml-output"), help: "The file with Leio's results added (.xml or .xml.gz).")
    var xmlOutput: String?

    func run() throws {
      let counts = try reportingErrors { () throws -> NAACCRStageCounts in
        let report = try output.map(AtomicOutput.init(path:)) ?? AtomicOutput(standardOutput: ())
        let xml = try xmlOutput.map(AtomicOutput.init(path:))
        do {
          let progress: ((Int, Int) -> Void)? =
            Console.stderrIsTerminal
            ? { tumours, bytes in
              FileHandle.standardError.write(Data("\rleio: \(tumours) tumours, \(bytes >> 20) MiB read".utf8))
            } : nil
          let counts = try NAACCRStageRun.run(input: file, report: report, xml: xml, progress: progress)
          if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1b}[K".utf8)) }
          try xml?.commit()
          try report.commit()
          return counts
        } catch {
          report.discard()
          xml?.discard()
          throw error
        }
      }
      FileHandle.standardError.write(Data("leio: \(counts.summary).\n".utf8))
    }
  }

  /// `leio naaccr dictionary`: Leio's NAACCR user dictionary.
  struct Dictionary: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dictionary",
      abstract: "Print Leio's NAACCR user dictionary (the items 'leio naaccr stage --xml-output' adds).")

    func run() { print(NAACCRStageRun.userDictionary, terminator: "") }
  }
}
