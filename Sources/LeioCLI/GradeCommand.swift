import ArgumentParser
import Foundation
import LeioCore

/// `leio grade`: FNCLCC grade from its three components.
struct GradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade",
    abstract: "FNCLCC grade from differentiation, mitotic count and necrosis (GX when a component is missing).",
    discussion: """
      leio grade --subtype conventional --mitoses 12 --necrosis-percent 30
      leio grade --differentiation-score 3 --mitoses 12 --area-mm2 2.4 --necrosis none --json
      leio grade --input components.json
      Uterine LMS is not graded (--site uterus gives notApplicable).
      """
  )

  @Option(
    name: .customLong("differentiation-score"), parsing: .unconditional,
    help: "Differentiation score 1–3 from the pathology report.") var differentiationScore: Int?
  @Option(help: "LMS subtype: \(LMSSubtype.allCases.map(\.rawValue).joined(separator: ", ")).") var subtype: String?
  @Option(parsing: .unconditional, help: "Mitoses counted (per 10 HPF, or per --area-mm2).") var mitoses: Double?
  @Option(
    name: .customLong("area-mm2"), parsing: .unconditional,
    help: "Area of the mitotic count in mm² (normalised to 1.734 mm²).") var areaMm2: Double?
  @Option(help: "Necrosis: none, lessThanHalf or atLeastHalf.") var necrosis: String?
  @Option(
    name: .customLong("necrosis-percent"), parsing: .unconditional, help: "Necrosis as a percentage of the tumour.")
  var necrosisPercent: Double?
  @Option(help: "Primary site (uterus is not graded).") var site: String?
  @Option(name: .long, help: "JSON document with the FNCLCC fields; '-' reads stdin.") var input: String?
  @OptionGroup var output: OutputOptions

  func run() throws {
    let result = try reportingErrors { () throws -> FNCLCCResult in
      let components =
        try input.map { try Console.decode(FNCLCCInput.self, from: $0) }
        ?? FNCLCCInput(
          differentiationScore: differentiationScore, subtype: subtype, mitoticCount: mitoses,
          mitoticAreaMm2: areaMm2, necrosis: necrosis, necrosisPercent: necrosisPercent, site: site)
      return try FNCLCCGrading.grade(components)
    }
    if output.json { return Console.print(try Console.json(result)) }
    let scores = [
      ("differentiation", result.differentiationScore), ("mitoses", result.mitoticScore),
      ("necrosis", result.necrosisScore),
    ]
    .map { "\($0.0) \($0.1.map(String.init) ?? "missing")" }.joined(separator: ", ")
    var lines = [
      "FNCLCC grade: \(result.grade.rawValue)" + (result.total.map { " (total \($0): \(scores))" } ?? " (\(scores))")
    ]
    lines += TextRenderer.steps(result.steps, warnings: result.warnings)
    lines.append(TextRenderer.disclaimer)
    Console.print(lines.joined(separator: "\n"))
  }
}
