import ArgumentParser
import Foundation
import LeioCore

/// The case facts and categories as flags, one per field of the case schema (``CaseField``): `--site extremity`,
/// `--size 7.5`, `--invaded-organ kidney` (repeatable for a list), `--cervix-involved` (a switch). The flags are
/// derived from the schema, so ArgumentParser collects them unparsed and this type reads them by each field's kind.
/// A malformed command line (an unknown flag, a missing value, a number that is not one) is a usage error (64);
/// every value is then validated by LeioCore, so invalid clinical input exits 65 with a field-level message.
struct CaseFactOptions: ParsableArguments {
  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("Case flags, listed in the description above.", valueName: "case-flag"))
  var flags: [String] = []

  var isAnyGiven: Bool { !flags.isEmpty }

  /// The fields that have a flag, by flag name.
  static let fields: [String: CaseField] = Dictionary(
    uniqueKeysWithValues: CaseField.allCases.compactMap { field in field.spec.flag.map { ($0, field) } })

  /// One line per flag, for `--help`.
  static var helpListing: String {
    CaseField.allCases.compactMap { field -> String? in
      guard let flag = field.spec.flag else { return nil }
      let value: String =
        switch field.spec.kind {
        case .flag: ""
        case .list: " <value> (repeatable)"
        case .number(let unit, _, _, _, _): " <\(unit)>"
        case .whole, .code, .text: " <value>"
        case .date: " <YYYY-MM-DD>"
        }
      var line = "  --\(flag)\(value): \(field.spec.help)"
      if case .code(let choices, _, _) = field.spec.kind { line += " Values: " + choices.joined(separator: ", ") + "." }
      if case .list(let choices, _) = field.spec.kind { line += " Values: " + choices.joined(separator: ", ") + "." }
      return line
    }.joined(separator: "\n")
  }

  /// The case document the flags describe.
  ///
  /// - Throws: `ValidationError` for a malformed command line.
  func caseInput() throws -> CaseInput {
    var input = CaseInput()
    var index = 0
    while index < flags.count {
      let token = flags[index]
      index += 1
      guard token.hasPrefix("--"), token.count > 2 else { throw ValidationError("Unexpected argument '\(token)'.") }
      var name = String(token.dropFirst(2))
      var attached: String?
      if let equals = name.firstIndex(of: "=") {
        attached = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      guard let field = Self.fields[name] else { throw ValidationError("Unknown option '--\(name)'.") }
      if case .flag = field.spec.kind {
        guard attached == nil else { throw ValidationError("--\(name) is a switch and takes no value.") }
        guard input[field] == nil else { throw ValidationError("--\(name) is given twice.") }
        input[field] = .flag(true)
        continue
      }
      let text: String
      if let attached {
        text = attached
      } else {
        guard index < flags.count else { throw ValidationError("Missing value for '--\(name)'.") }
        text = flags[index]
        index += 1
      }
      switch field.spec.kind {
      case .list:
        if case .list(let items) = input[field] {
          input[field] = .list(items + [text])
        } else {
          input[field] = .list([text])
        }
        continue
      case .code, .text, .date, .flag, .number, .whole:
        guard input[field] == nil else { throw ValidationError("--\(name) is given twice.") }
      }
      switch field.spec.kind {
      case .number:
        guard let number = Double(text), number.isFinite else {
          throw ValidationError("The value '\(text)' is invalid for '--\(name)': expected \(field.spec.expected).")
        }
        input[field] = .number(number)
      case .whole:
        guard let whole = Int(text) else {
          throw ValidationError("The value '\(text)' is invalid for '--\(name)': expected \(field.spec.expected).")
        }
        input[field] = .whole(whole)
      case .code, .text, .date, .flag, .list:
        input[field] = .text(text)
      }
    }
    return input
  }
}
