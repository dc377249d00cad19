import ArgumentParser
import Foundation
import LeioNAACCR
import LeioServer
import LeioStore

/// `leio import naaccr FILE`: a NAACCR XML file into the registry.
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Import registry files and FHIR bundles into the registry.",
    subcommands: [NAACCR.self, ImportFHIR.self])

  struct NAACCR: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "naaccr",
      abstract: "Import a NAACCR XML file (plain or gzip): patients and their LMS-family tumours, staged on write.",
      discussion: """
        Patients are matched by patientIdNumber and tumours by patient and tumorRecordNumber: a new one is created,
        a changed one updated (a new version, audited), an unchanged one left alone, so importing the same file twice
        changes nothing. Vital status and date of last contact become a last-contact or death event. GIST and other
        histologies are counted, not imported. One transaction: a file with any bad record imports nothing, and every
        bad record is listed with its line and reason.

          leio import naaccr incidence.xml.gz --dry-run
          leio import naaccr incidence.xml.gz --database registry.sqlite
        """)
    @OptionGroup var store: StoreOptions
    @Flag(help: "Check the file and show what would change; write nothing.") var dryRun = false
    @Argument(help: "NAACCR XML file (.xml or .xml.gz).") var file: String

    func run() async throws {
      let (report, read) = try await store.withRegistry { registry in
        try await NAACCRExchange.importFile(path: file, into: registry, dryRun: dryRun, by: .system("import naaccr"))
      }
      FileHandle.standardError.write(
        Data(
          "leio: \(read.tumours) tumours read (\(read.refused) GIST refused, \(read.outOfScope) out of scope); \(report.summary).\n"
            .utf8))
    }
  }
}

/// `leio export naaccr`: the registry as a NAACCR XML file.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Export the registry as NAACCR XML, FHIR mCODE bundles or an outcomes dataset.",
    subcommands: [NAACCR.self, ExportFHIR.self, ExportOutcomes.self])

  struct NAACCR: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "naaccr",
      abstract: "Write the registry's patients and tumours as NAACCR XML (base dictionary 260).",
      discussion: """
        Each tumour carries its registry codes where the case has them and its whole case document in Leio's user
        item leioCaseDocument, so 'leio import naaccr' reads the file back to the same patients, tumours and vital
        status. A name ending in .gz is compressed.

          leio export naaccr --output registry.xml.gz
        """)
    @OptionGroup var store: StoreOptions
    @Option(name: .shortAndLong, help: "The file to write (default: stdout).") var output: String?

    func run() async throws {
      let backup = try await store.withRegistry { try await $0.export(scope: .clinical, by: .system("export naaccr")) }
      let counts = try reportingErrors { () throws -> (patients: Int, tumours: Int) in
        let sink = try output.map(AtomicOutput.init(path:)) ?? AtomicOutput(standardOutput: ())
        do {
          let counts = try NAACCRExchange.export(backup, to: sink)
          try sink.commit()
          return counts
        } catch {
          sink.discard()
          throw error
        }
      }
      FileHandle.standardError.write(
        Data("leio: exported \(counts.patients) patients, \(counts.tumours) tumours as NAACCR XML.\n".utf8))
    }
  }
}
