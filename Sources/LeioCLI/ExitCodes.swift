import ArgumentParser
import Foundation
import LeioCore
import LeioFHIR
import LeioNAACCR
import LeioStore
import LeioSurvival

/// Exit codes with names (sysexits.h), the only place they are numbered. `leio --help` lists them.
enum Exit {
  static let failure = ExitCode(1)
  /// A malformed command line (also ArgumentParser's own `ValidationError`).
  static let usage = ExitCode(64)
  /// Invalid or inconsistent input data (clinical facts, a CSV row, a survival file, a backup).
  static let dataError = ExitCode(65)
  /// An input file cannot be read.
  static let noInput = ExitCode(66)
  /// The database cannot be reached, or is busy.
  static let unavailable = ExitCode(69)
  /// An output file cannot be written.
  static let cannotCreate = ExitCode(73)
  /// A record changed by someone else, or a sign-in locked: try again.
  static let tryAgain = ExitCode(75)

  /// The one mapping from an error to what the user reads and the exit code. Every command's errors pass here:
  /// the command helpers below for those they expect, and `Leio.main` for anything that escapes them. An error
  /// that ArgumentParser formats itself (usage, help, an `ExitCode` already chosen) is returned unchanged (nil).
  static func report(_ error: any Error) -> (message: String, code: ExitCode)? {
    switch error {
    case let error as StagingError: return (error.description, dataError)
    case let error as DecodingError: return ("input is not a valid case document: \(describe(error))", dataError)
    case let error as InputFileError: return (error.message, noInput)
    case let error as OutputFileError: return (error.message, cannotCreate)
    case let error as SurvivalTableError:
      switch error {
      case .missingColumns, .duplicateColumn: return (error.description, usage)
      case .raggedRow, .badTime, .badStatus: return (error.description, dataError)
      }
    case let error as CoxError: return (error.description, dataError)
    case let error as PrognosisModelError: return (error.description, dataError)
    case let error as SurvivalInputError: return (error.message, dataError)
    case let error as RegistryError: return (error.description, registryCode(error))
    case let error as FHIRBundleError: return (error.description, dataError)
    case let error as NAACCRError:
      switch error.kind {
      case .data: return (error.description, dataError)
      case .cannotOpen: return (error.description, noInput)
      case .cannotWrite: return (error.description, cannotCreate)
      }
    default: return nil
    }
  }

  /// Registry errors: 64 bad `--database`, 65 invalid input, 69 database unreachable or busy, 75 conflict or
  /// locked (try again), 1 otherwise.
  static func registryCode(_ error: RegistryError) -> ExitCode {
    switch error {
    case .invalidDatabaseURL: usage
    case .invalid, .duplicate, .missingReference, .invalidBackup, .invalidImport, .notFound, .patientDeleted:
      dataError
    case .unavailable, .busy: unavailable
    case .conflict, .locked: tryAgain
    case .badCredentials, .corrupt, .schemaTooNew, .migrationFailed: failure
    }
  }

  /// Prints the message of an error the mapping knows and returns its exit code; passes others through.
  static func translated(_ error: any Error) -> any Error {
    guard let (message, code) = report(error) else { return error }
    Console.error(message)
    return code
  }

  private static func describe(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context):
      return context.underlyingError.map { "malformed JSON (\($0.localizedDescription))" } ?? context.debugDescription
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    @unknown default: return String(describing: error)
    }
  }
}

/// Runs `body`, mapping its errors through ``Exit/report(_:)`` (message on stderr, exit code).
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
  do { return try body() } catch { throw Exit.translated(error) }
}

/// The async form of ``reportingErrors(_:)``.
func reportingStoreErrors<T>(_ body: () async throws -> T) async throws -> T {
  do { return try await body() } catch { throw Exit.translated(error) }
}

/// The same mapping, under the name the survival commands use.
func reportingSurvivalErrors<T>(_ body: () throws -> T) throws -> T { try reportingErrors(body) }

/// An input file that cannot be opened.
struct InputFileError: Error {
  let message: String
}

/// An output file that cannot be written (exit 73).
struct OutputFileError: Error {
  let message: String
  init(path: String, reason: String? = nil) {
    message = "cannot write output file '\(path.excerpt(limit: 200))'" + (reason.map { ": \($0)" } ?? ".")
  }
}

/// An input problem in a survival file (exit 65).
struct SurvivalInputError: Error {
  let message: String
}

/// Refuses a command line that names one column in two roles, or twice in one (a usage error, exit 64):
/// `--covariates x,x`, `--covariates time --time time`, `--by g --strata g`.
func requireDistinctColumns(_ roles: [(option: String, column: String)]) throws {
  var seen: [String: String] = [:]
  for (option, column) in roles {
    if let first = seen[column] {
      throw ValidationError(
        first == option
          ? "\(option) names column '\(column.excerpt())' twice."
          : "column '\(column.excerpt())' is given as both \(first) and \(option); a column can play one part only.")
    }
    seen[column] = option
  }
}
