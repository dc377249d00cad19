import Foundation

/// Why a registry operation did not happen. Every case names what to fix; none carries patient data beyond the
/// record id the caller already has.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No live record with this id (never existed, or deleted — deleted records are listed only when asked for).
  case notFound(entity: String, id: String)
  /// Someone changed the record since it was read: the caller's `version` is stale. Reload and reapply.
  case conflict(entity: String, id: String, expected: Int64, current: Int64)
  /// A field is missing or invalid.
  case invalid(field: String, message: String)
  /// A unique rule of the schema (for example one patient per identifier).
  case duplicate(constraint: String)
  /// A reference to a record that does not exist.
  case missingReference(constraint: String)
  /// The database holds a value the schema does not allow: a bug or outside tampering, never user input.
  case corrupt(column: String)
  /// The database is newer than this program (a later Leio migrated it).
  case schemaTooNew(found: String)
  /// `--database` could not be read.
  case invalidDatabaseURL(url: String)
  /// The database could not be reached.
  case unavailable(location: String, reason: String)
  /// A backup file that cannot be restored (wrong format, or into a registry that is not empty).
  case invalidBackup(reason: String)
  /// A registry file with bad records: nothing was imported; every bad record with its reason.
  case invalidImport(problems: [String])
  /// Sign-in refused: unknown user, wrong password or disabled account (deliberately not saying which).
  case badCredentials
  /// Too many failed sign-ins: try again after this many seconds.
  case locked(retryAfterSeconds: Int64)
  /// The record belongs to a deleted patient: nothing under them changes until the patient is restored.
  case patientDeleted(id: String)
  /// The database is held by another process (SQLite file locked) past the wait: try again shortly.
  case busy(location: String)
  /// A schema step could not be applied to the data already stored (nothing was changed by it).
  case migrationFailed(step: String, reason: String)

  public var description: String {
    switch self {
    case .notFound(let entity, let id): "\(entity) \(id) was not found."
    case .conflict(let entity, let id, let expected, let current):
      "\(entity) \(id) was changed by someone else (you edited version \(expected); it is now version \(current)). Reload it and apply your change again."
    case .invalid(let field, let message): "\(field): \(message)"
    case .duplicate(let constraint): "a record with the same \(Self.constraintLabel(constraint)) already exists."
    case .missingReference(let constraint): "the record refers to one that does not exist (\(constraint))."
    case .corrupt(let column): "the database holds an unexpected value in \(column); run `leio store check`."
    case .schemaTooNew(let found):
      "the database was migrated by a newer Leio (step '\(found)' is unknown to this version)."
    case .invalidDatabaseURL(let url):
      "--database '\(url)' is not a SQLite file path or a postgres://user:password@host:port/database URL."
    case .unavailable(let location, let reason): "the database at \(location) cannot be reached: \(reason)"
    case .invalidBackup(let reason): "the backup cannot be restored: \(reason)"
    case .invalidImport(let problems):
      "the file imports nothing: \(problems.count) bad record(s):\n  "
        + problems.prefix(50).joined(separator: "\n  ")
        + (problems.count > 50 ? "\n  … and \(problems.count - 50) more." : "")
    case .badCredentials: "the user name or the password is wrong."
    case .locked(let seconds): "too many failed sign-ins; try again in \(max(1, (seconds + 59) / 60)) minute(s)."
    case .patientDeleted(let id): "patient \(id) is deleted; restore the patient before changing their records."
    case .busy(let location): "the database at \(location) is locked by another process; try again shortly."
    case .migrationFailed(let step, let reason):
      "the database could not be brought up to date: schema step '\(step)' failed and was rolled back, nothing was changed: \(reason)"
    }
  }

  /// The field a unique constraint protects, in words.
  static func constraintLabel(_ constraint: String) -> String {
    if constraint.contains("identifier") { return "patient identifier" }
    if constraint.contains("username") { return "user name" }
    return constraint
  }
}

/// Where the registry lives: a SQLite file (the default, `./leio.sqlite`) or a PostgreSQL URL.
public enum DatabaseLocation: Sendable, Equatable {
  case sqlite(path: String)
  case postgres(url: String)

  /// Reads `--database`: `postgres://…` or `postgresql://…`, `sqlite:PATH`, or a file path.
  public init(_ text: String) throws {
    if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
      self = .postgres(url: text)
    } else if text.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      guard !path.isEmpty else { throw RegistryError.invalidDatabaseURL(url: text) }
      self = .sqlite(path: path)
    } else if !text.isEmpty, !text.contains("://") {
      self = .sqlite(path: text)
    } else {
      throw RegistryError.invalidDatabaseURL(url: Self.redacted(text))
    }
  }

  /// The location without a password, for messages and logs.
  public var description: String {
    switch self {
    case .sqlite(let path): path
    case .postgres(let url): Self.redacted(url)
    }
  }

  static func redacted(_ url: String) -> String {
    guard var components = URLComponents(string: url), components.password != nil else { return url }
    components.password = "•••"
    return components.string ?? "(a database URL)"
  }
}
