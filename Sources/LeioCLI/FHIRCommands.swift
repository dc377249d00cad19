import ArgumentParser
import Foundation
import LeioCore
import LeioFHIR
import LeioNAACCR
import LeioServer
import LeioStore

/// `leio import fhir FILE`: an mCODE patient bundle into the registry.
struct ImportFHIR: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fhir",
    abstract: "Import an mCODE patient bundle (FHIR R4 JSON): the patient, tumours (restaged), treatments, follow-up.",
    discussion: """
      The patient is matched by identifier (the one with the registry's identifier system, else the medical record
      number), tumours by Leio's tumour identifier or else by topography, histology and date of diagnosis. Leio
      restages every tumour; where the bundle's own stage differs, both are kept and the case page shows the
      difference. One transaction: a bundle Leio refuses imports nothing, and every problem is listed with its
      FHIRPath location. What Leio does not read is listed as a warning.

        leio import fhir patient.json --dry-run
        leio import fhir patient.json --database registry.sqlite
      """)
  @OptionGroup var store: StoreOptions
  @Flag(help: "Check the bundle and show what would change; write nothing.") var dryRun = false
  @Argument(help: "The bundle (JSON), or - for standard input.") var file: String

  func run() async throws {
    let data: Data
    if file == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let bytes = FileManager.default.contents(atPath: file) else {
        throw Exit.translated(InputFileError(message: "cannot read input file '\(file.excerpt(limit: 200))'."))
      }
      data = bytes
    }
    let result = try await store.withRegistry { registry in
      try await FHIRExchange.importBundle(data, into: registry, dryRun: dryRun, by: .system("import fhir"))
    }
    for warning in result.warnings { Console.note("warning: \(warning)") }
    Console.note("\(result.report.summary).")
  }
}

/// `leio export fhir`: one patient's bundle, or every patient's.
struct ExportFHIR: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fhir",
    abstract: "Write mCODE patient bundles (FHIR R4 JSON): one patient, or every patient into a directory.",
    discussion: """
      Each bundle holds the cancer patient, one primary cancer condition per tumour with its TNM and FIGO stages
      (restaged with the current rules), tumour size, histologic grade, the treatments and disease status
      observations. Patient identifiers carry the registry's identifier system ('leio store identifier-system').

        leio export fhir --patient MRN-0001 --output patient.json
        leio export fhir --all --output bundles/
      """)
  @OptionGroup var store: StoreOptions
  @Option(help: "The patient: identifier or record id.") var patient: String?
  @Flag(help: "Every live patient, one file per patient (IDENTIFIER.json) in --output.") var all = false
  @Option(name: .shortAndLong, help: "The file (default: stdout), or with --all the directory.") var output: String?

  func validate() throws {
    guard (patient != nil) != all else {
      throw ValidationError("give either --patient ID or --all.")
    }
    if all, output == nil {
      throw ValidationError("--all writes one file per patient: give the directory as --output.")
    }
  }

  func run() async throws {
    if let patient {
      let bundle = try await store.withRegistry { registry in
        try await FHIRExchange.bundle(patient: patient, registry: registry, by: .system("export fhir"))
      }
      try write(bundle.serialized(), to: output)
      return
    }
    let directory = output ?? "."
    let bundles = try await store.withRegistry { registry in
      try await FHIRExchange.bundles(registry: registry, by: .system("export fhir"))
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw Exit.translated(OutputFileError(path: directory, reason: "the directory cannot be created"))
    }
    var names: Set<String> = []
    for (identifier, bundle) in bundles {
      var name = FHIRExchange.fileName(identifier)
      var counter = 2
      while !names.insert(name.lowercased()).inserted {
        name = FHIRExchange.fileName(identifier + "-\(counter)")
        counter += 1
      }
      try write(bundle.serialized(), to: (directory as NSString).appendingPathComponent(name))
    }
    Console.note("exported \(bundles.count) patient bundle(s) to \(directory).")
  }

  /// Writes `text` to `path` through a temporary file (or to stdout).
  func write(_ text: String, to path: String?) throws {
    try reportingErrors {
      let sink = try path.map(AtomicOutput.init(path:)) ?? AtomicOutput(standardOutput: ())
      do {
        try sink.write(Array(text.utf8))
        try sink.commit()
      } catch {
        sink.discard()
        throw error
      }
    }
  }
}

/// `leio store identifier-system [--set URI]`.
struct IdentifierSystemCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "identifier-system",
    abstract: "Show or set the registry's identifier system (the URI of its patient identifiers in FHIR).",
    discussion: """
      A new registry gets a random urn:uuid; set the organisation's own URI before exchanging bundles.

        leio store identifier-system --set https://hospital.example/fhir/mrn
      """)
  @OptionGroup var store: StoreOptions
  @Option(name: .customLong("set"), help: "The new URI (absolute: a scheme, a colon, no spaces).") var uri: String?

  func run() async throws {
    let value = try await store.withRegistry { registry in
      if let uri { try await registry.setIdentifierSystem(uri, by: .system("store identifier-system")) }
      return try await registry.identifierSystem()
    }
    Console.print(value)
  }
}
