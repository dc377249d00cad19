import ArgumentParser
import Foundation
import LeioCore
import LeioStore

/// `--database`, shared by every command that opens the registry.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The registry: a SQLite file (created and migrated on first use) or postgres://user:password@host:port/database.",
      valueName: "file-or-url"))
  var database = ProcessInfo.processInfo.environment["LEIO_DATABASE"] ?? "leio.sqlite"

  /// Opens the registry, runs `body` and closes it again whatever happens; registry errors become messages and
  /// exit codes.
  func withRegistry<T>(commitMode: CommitMode = .grouped, _ body: (Registry) async throws -> T) async throws -> T {
    try await reportingStoreErrors {
      let registry = try await Registry.open(try DatabaseLocation(database), commitMode: commitMode)
      do {
        let result = try await body(registry)
        try? await registry.close()
        return result
      } catch {
        try? await registry.close()
        throw error
      }
    }
  }
}

/// `leio backup FILE`: the whole registry as portable JSON.
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup",
    abstract: "Export the whole registry (records, accounts, audit log) as a portable JSON file.",
    discussion: """
      leio backup registry-2026-11-24.json
      leio backup --database postgres://leio:secret@db:5432/leio - | gzip > registry.json.gz
      leio backup --clinical records-for-analysis.json     # clinical records only: no accounts, no audit log
      A full backup holds patient data, password hashes and the audit log: keep it as safe as the database (it is
      an administrator's tool: whoever can run it against the database can read the database itself).
      """)
  @OptionGroup var store: StoreOptions
  @Flag(help: "Clinical records only (patients, tumours, treatments, events): what a registrar may take out.")
  var clinical = false
  @Argument(help: "The file to write, or - for standard output.") var file: String

  func run() async throws {
    let scope: ExportScope = clinical ? .clinical : .full
    let backup = try await store.withRegistry { try await $0.export(scope: scope, by: .system("backup")) }
    let data = try backup.encoded()
    if file == "-" {
      FileHandle.standardOutput.write(data)
    } else {
      try reportingErrors { try Console.write(data, to: file) }
      FileHandle.standardError.write(
        Data(
          "leio: wrote \(backup.patients.count) patients, \(backup.tumours.count) tumours, \(backup.treatments.count) treatments, \(backup.events.count) events, \(backup.accounts.count) accounts, \(backup.audit.count) audit rows to \(file)\n"
            .utf8))
    }
  }
}

/// `leio restore FILE`: a backup into an empty registry.
struct RestoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore", abstract: "Load a backup into an empty registry (SQLite or PostgreSQL), all or nothing.",
    discussion: "leio restore registry-2026-11-24.json --database restored.sqlite")
  @OptionGroup var store: StoreOptions
  @Argument(help: "The backup file, or - for standard input.") var file: String

  func run() async throws {
    let backup = try await reportingStoreErrors { try RegistryBackup.decode(try Console.read(file)) }
    let location = try await store.withRegistry { registry in
      try await registry.restore(backup, by: .system("restore"))
      return registry.location
    }
    FileHandle.standardError.write(
      Data(
        "leio: restored \(backup.patients.count) patients, \(backup.accounts.count) accounts and \(backup.audit.count) audit rows into \(location)\n"
          .utf8))
  }
}

/// `leio store check`: the database's integrity.
struct StoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: "Inspect the registry database and its settings.",
    subcommands: [Check.self, IdentifierSystemCommand.self])

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the database's integrity (engine check, references, derived fields); exit 1 on any problem.",
      discussion: "leio store check --database leio.sqlite")
    @OptionGroup var store: StoreOptions

    func run() async throws {
      let (problems, counts) = try await store.withRegistry { registry in
        (try await registry.check(), try await registry.counts())
      }
      Console.print(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
      guard problems.isEmpty else {
        for problem in problems { Console.error(problem) }
        throw Exit.failure
      }
      Console.print("ok: no integrity problems")
    }
  }
}
