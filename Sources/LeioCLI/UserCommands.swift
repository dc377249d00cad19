import ArgumentParser
import Foundation
import LeioCore
import LeioStore

/// `leio user`: accounts of the registry.
struct UserCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user",
    abstract: "Create, list, unlock, disable and enable registry accounts; issue, list and revoke API tokens.",
    subcommands: [
      Create.self, List.self, Token.self, Unlock.self, Disable.self, Enable.self, ListTokens.self, RevokeToken.self,
    ])

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
    @Flag(help: "Read the password from standard input (one line) instead of asking on the terminal.")
    var passwordStdin = false

    func run() async throws {
      guard let role = Role(rawValue: role) else {
        throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
      }
      let password = try readPassword(fromStdin: passwordStdin)
      let (account, location) = try await store.withRegistry { registry in
        (
          try await registry.createAccount(
            username: username, password: password, role: role, by: .system("user create")), registry.location
        )
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
      if output.json {
        Console.print(try Console.json(accounts))
        return
      }
      for account in accounts {
        Console.print(
          "\(account.username)\t\(account.role.rawValue)\(account.disabled ? "\tdisabled" : "")\(account.locked ? "\tlocked" : "")"
        )
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
        guard
          let account = try await registry.accounts(by: .system("user token")).first(where: {
            $0.username == username.lowercased()
          })
        else {
          throw RegistryError.notFound(entity: "account", id: username)
        }
        return try await registry.createAPIToken(name: name, for: account.id, by: .system("user token")).token
      }
      Console.print(token)
    }
  }
}

extension UserCommand {
  /// The account named `username`, or a "not found" error (exit 65).
  static func account(_ username: String, in registry: Registry, as command: String) async throws -> AccountSummary {
    let name = username.trimmingCharacters(in: .whitespaces).lowercased()
    guard let account = try await registry.accounts(by: .system(command)).first(where: { $0.username == name }) else {
      throw RegistryError.notFound(entity: "account", id: name.excerpt())
    }
    return account
  }

  struct Unlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Lift every sign-in lock of an account (all source addresses) and clear its failure counts.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The account to unlock.") var username: String

    func run() async throws {
      let name = try await store.withRegistry { registry in
        let account = try await UserCommand.account(username, in: registry, as: "user unlock")
        try await registry.unlockAccount(username: account.username, by: .system("user unlock"))
        return account.username
      }
      Console.print("unlocked '\(name)'")
    }
  }

  struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Disable an account: its sessions end, its API tokens stop working, it cannot sign in. Its audit history stays."
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "The account to disable.") var username: String
    func run() async throws { try await UserCommand.setDisabled(true, username: username, store: store) }
  }

  struct Enable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The account to enable.") var username: String
    func run() async throws { try await UserCommand.setDisabled(false, username: username, store: store) }
  }

  static func setDisabled(_ disabled: Bool, username: String, store: StoreOptions) async throws {
    let command = disabled ? "user disable" : "user enable"
    let name = try await store.withRegistry { registry in
      let account = try await UserCommand.account(username, in: registry, as: command)
      return try await registry.updateAccount(
        account.id, version: account.version, disabled: disabled, by: .system(command)
      ).username
    }
    Console.print("\(disabled ? "disabled" : "enabled") '\(name)'")
  }

  struct ListTokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list-tokens", abstract: "List API tokens (never their secrets): id, account, name, created, state.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Only this account's tokens.") var username: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
      let tokens = try await store.withRegistry { registry in
        var accountID: String?
        if let username { accountID = try await UserCommand.account(username, in: registry, as: "user list-tokens").id }
        return try await registry.apiTokens(accountID: accountID, by: .system("user list-tokens"))
      }
      if output.json { return Console.print(try Console.json(tokens)) }
      for token in tokens {
        let created = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(token.createdAt) / 1000))
        Console.print(
          "\(token.id)\t\(token.username)\t\(token.name)\t\(created)\t\(token.revokedAt == nil ? "active" : "revoked")")
      }
    }
  }

  struct RevokeToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke-token",
      abstract: "Revoke an API token by its id (see list-tokens); it stops working at once.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The token's id.") var id: String

    func run() async throws {
      try await store.withRegistry { registry in try await registry.revokeAPIToken(id, by: .system("user revoke-token"))
      }
      Console.print("revoked token \(id.excerpt())")
    }
  }
}

/// The password from one line of stdin, or asked on the terminal without echo.
func readPassword(fromStdin: Bool) throws -> String {
  if fromStdin {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
      throw ValidationError("no password on standard input.")
    }
    return line
  }
  guard isatty(0) == 1, let first = getpass("Password: ").map({ String(cString: $0) }),
    let second = getpass("Password again: ").map({ String(cString: $0) })
  else {
    throw ValidationError("no terminal to ask for the password on; use --password-stdin.")
  }
  guard first == second else { throw ValidationError("the two passwords differ.") }
  return first
}
