import ArgumentParser
import Foundation
import LeioStore

/// `--database`, shared by every command that opens the registry.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(
    "The registry: a SQLite file (created and migrated on first use) or postgres://user:password@host:port/database.",
    valueName: "file-or-url"))
  var database = ProcessInfo.processInfo.environment["LEIO_DATABASE"] ?? "leio.sqlite"

  /// Opens the registry, runs `body` and closes it again whatever happens; registry errors become messages and
  /// exit codes.
  func withRegistry<T>(_ body: (Registry) async throws -> T) async throws -> T {
    try await reportingStoreErrors {
      let registry = try await Registry.open(try DatabaseLocation(database))
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

/// Runs `body`, turning registry errors into a message on stderr and an exit code (64 bad `--database`,
/// 65 invalid input, 69 database unreachable, 75 conflict — try again, 1 otherwise).
func reportingStoreErrors<T>(_ body: () async throws -> T) async throws -> T {
  do {
    return try await body()
  } catch let error as RegistryError {
    Console.error(error.description)
    switch error {
    case .invalidDatabaseURL: throw Exit.usage
    case .invalid, .duplicate, .missingReference, .invalidBackup, .notFound: throw Exit.dataError
    case .unavailable: throw ExitCode(69)
    case .conflict, .locked: throw ExitCode(75)
    case .badCredentials, .corrupt, .schemaTooNew: throw ExitCode(1)
    }
  } catch let error as InputFileError {
    Console.error(error.message)
    throw Exit.noInput
  }
}

/// `leio user`: accounts of the registry.
struct UserCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "Create and list registry accounts, and issue API tokens.",
    subcommands: [Create.self, List.self, Token.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create an account (the first admin is created this way).",
      discussion: """
        echo "$PASSWORD" | leio user create --username ada --role admin --password-stdin
        leio user create --username clara --role clinician      # asks for the password on the terminal
        Passwords: 12 characters or more (at most 72 bytes). Roles: admin, clinician, registrar, viewer.
        """)
    @OptionGroup var store: StoreOptions
    @Option(help: "3 to 64 letters, digits, '.', '_' or '-' (stored in lower case).") var username: String
    @Option(help: "admin, clinician (read/write), registrar (read/write, exports) or viewer (read).") var role: String
    @Flag(help: "Read the password from standard input (one line) instead of asking on the terminal.") var passwordStdin = false

    func run() async throws {
      guard let role = Role(rawValue: role) else {
        throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
      }
      let password = try readPassword(fromStdin: passwordStdin)
      let (account, location) = try await store.withRegistry { registry in
        (try await registry.createAccount(username: username, password: password, role: role, by: .system("user create")), registry.location)
      }
      Console.print("created \(account.role.rawValue) account '\(account.username)' (\(account.id)) in \(location)")
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the accounts (no passwords).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let accounts = try await store.withRegistry { try await $0.accounts(by: .system("user list")) }
      if output.json { Console.print(try Console.json(accounts)); return }
      for account in accounts {
        Console.print("\(account.username)\t\(account.role.rawValue)\(account.disabled ? "\tdisabled" : "")\(account.locked ? "\tlocked" : "")")
      }
    }
  }

  struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Issue an API token for scripts (shown once; send it as 'Authorization: Bearer TOKEN').")
    @OptionGroup var store: StoreOptions
    @Option(help: "The account the token acts as.") var username: String
    @Option(help: "What the token is for.") var name: String

    func run() async throws {
      let token = try await store.withRegistry { registry -> String in
        guard let account = try await registry.accounts(by: .system("user token")).first(where: { $0.username == username.lowercased() }) else {
          throw RegistryError.notFound(entity: "account", id: username)
        }
        return try await registry.createAPIToken(name: name, for: account.id, by: .system("user token")).token
      }
      Console.print(token)
    }
  }
}

/// The password from one line of stdin, or asked on the terminal without echo.
func readPassword(fromStdin: Bool) throws -> String {
  if fromStdin {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw ValidationError("no password on standard input.") }
    return line
  }
  guard isatty(0) == 1, let first = getpass("Password: ").map({ String(cString: $0) }),
        let second = getpass("Password again: ").map({ String(cString: $0) }) else {
    throw ValidationError("no terminal to ask for the password on; use --password-stdin.")
  }
  guard first == second else { throw ValidationError("the two passwords differ.") }
  return first
}

/// `leio backup FILE`: the whole registry as portable JSON.
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup", abstract: "Export the whole registry (records, accounts, audit log) as a portable JSON file.",
    discussion: """
      leio backup registry-2026-11-24.json
      leio backup --database postgres://leio:secret@db:5432/leio - | gzip > registry.json.gz
      The file holds patient data and password hashes: keep it as safe as the database.
      """)
  @OptionGroup var store: StoreOptions
  @Argument(help: "The file to write, or - for standard output.") var file: String

  func run() async throws {
    let backup = try await store.withRegistry { try await $0.export(by: .system("backup")) }
    let data = try backup.encoded()
    if file == "-" {
      FileHandle.standardOutput.write(data)
    } else {
      do { try data.write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
        Console.error("cannot write '\(file)': \(error.localizedDescription)")
        throw ExitCode(73)
      }
      FileHandle.standardError.write(Data("leio: wrote \(backup.patients.count) patients, \(backup.tumours.count) tumours, \(backup.treatments.count) treatments, \(backup.events.count) events, \(backup.accounts.count) accounts, \(backup.audit.count) audit rows to \(file)\n".utf8))
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
    FileHandle.standardError.write(Data("leio: restored \(backup.patients.count) patients, \(backup.accounts.count) accounts and \(backup.audit.count) audit rows into \(location)\n".utf8))
  }
}

/// `leio store check`: the database's integrity.
struct StoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: "Inspect the registry database.", subcommands: [Check.self])

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the database's integrity (engine check, references, derived fields); exit 1 on any problem.",
      discussion: "leio store check --database leio.sqlite")
    @OptionGroup var store: StoreOptions

    func run() async throws {
      let (problems, counts) = try await store.withRegistry { registry in (try await registry.check(), try await registry.counts()) }
      Console.print(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
      guard problems.isEmpty else {
        for problem in problems { Console.error(problem) }
        throw ExitCode(1)
      }
      Console.print("ok: no integrity problems")
    }
  }
}
