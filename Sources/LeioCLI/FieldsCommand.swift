import ArgumentParser
import Foundation
import LeioCore

/// `leio fields`: the case schema — every field of a case document, CSV row and set of case flags, from the one
/// declaration in LeioCore (``CaseField``).
struct FieldsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fields",
    abstract:
      "List the fields of a case document (JSON member, CSV column, case flag): kind, values, reference section.",
    discussion: """
      leio fields                 one block per field
      leio fields --markdown      the README's table
      leio fields --json-schema   the JSON Schemas of the OpenAPI document (CaseInput, CaseFNCLCC, FNCLCCInput)
      """
  )

  @Flag(help: "Print the fields as a Markdown table.") var markdown = false
  @Flag(name: .customLong("json-schema"), help: "Print the JSON Schemas derived from the declaration.") var jsonSchema =
    false

  func validate() throws {
    if markdown, jsonSchema { throw ValidationError("Choose one of --markdown and --json-schema.") }
  }

  func run() throws {
    if markdown { return Console.print(CaseSchema.markdownTable()) }
    if jsonSchema {
      let data = try JSONSerialization.data(
        withJSONObject: CaseSchema.jsonSchemas(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
      return Console.print(String(decoding: data, as: UTF8.self))
    }
    var blocks: [String] = []
    for field in CaseField.allCases {
      let spec = field.spec
      var lines = [
        "\(spec.placement == .inFNCLCC ? "fnclcc." : "")\(spec.name)  (\(CaseSchema.typeName(spec.kind)); reference \(spec.section))"
      ]
      lines.append("  \(spec.help)")
      switch spec.kind {
      case .code(let choices, let accepted, _), .list(let choices, let accepted):
        lines.append("  values: " + choices.joined(separator: ", "))
        let aliases = accepted.filter { !choices.contains($0) }
        if !aliases.isEmpty { lines.append("  also accepted: " + aliases.joined(separator: ", ")) }
      case .number, .whole, .text, .date, .flag: break
      }
      if let flag = spec.flag { lines.append("  flag: --\(flag)") }
      blocks.append(lines.joined(separator: "\n"))
    }
    Console.print(blocks.joined(separator: "\n\n"))
  }
}
