import ArgumentParser
import Foundation
import LeioCore

/// `leio classify`: criteria checks for smooth-muscle tumours (never a diagnosis).
struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Criteria checks for smooth-muscle tumours: a checklist, not a diagnosis.",
    subcommands: [Uterine.self, DeepSoftTissue.self, FibroidGrowth.self],
    defaultSubcommand: Uterine.self
  )

  /// WHO 2020 criteria for uterine smooth-muscle tumours (§5.2).
  struct Uterine: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "WHO criteria check for uterine smooth-muscle tumours (LMS criteria met: yes / no / indeterminate).",
      discussion: """
        leio classify uterine --subtype spindle --atypia moderate --mitoses 12 --necrosis absent
        leio classify --subtype epithelioid --atypia moderate --mitoses 2 --necrosis absent --json
        """
    )
    @Option(help: "spindle, epithelioid, myxoid, mixed or unknown.") var subtype: String?
    @Option(help: "none, mild, moderate or severe.") var atypia: String?
    @Option(parsing: .unconditional, help: "Mitoses per 10 HPF (≈ 2.4 mm²), or per --area-mm2.") var mitoses: Double?
    @Option(name: .customLong("area-mm2"), parsing: .unconditional, help: "Area of the count in mm².") var areaMm2:
      Double?
    @Option(help: "Tumour-cell necrosis: present, absent or equivocal.") var necrosis: String?
    @Option(help: "Border: pushing, infiltrative or unknown.") var border: String?
    @Option(name: .long, help: "JSON document with these fields; '-' reads stdin.") var input: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
      let check = try reportingErrors { () throws -> CriteriaCheck in
        let criteria =
          try input.map { try Console.decode(UterineCriteriaInput.self, from: $0) }
          ?? UterineCriteriaInput(
            subtype: subtype, atypia: atypia, mitoticCount: mitoses, mitoticAreaMm2: areaMm2,
            necrosis: necrosis, border: border)
        return try UterineCriteria.check(criteria)
      }
      try ClassifyCommand.print(check, json: output.json)
    }
  }

  /// Deep soft tissue / retroperitoneal smooth-muscle tumours (§5.3).
  struct DeepSoftTissue: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "deep-soft-tissue",
      abstract: "Criteria check for deep soft tissue and retroperitoneal smooth-muscle tumours.",
      discussion: "leio classify deep-soft-tissue --mitoses-per-50-hpf 3"
    )
    @Flag(help: "Any cytological atypia.") var atypia = false
    @Option(name: .customLong("mitoses-per-50-hpf"), parsing: .unconditional, help: "Mitoses in 50 high-power fields.")
    var mitoses: Int
    @Flag(help: "Coagulative tumour-cell necrosis.") var necrosis = false
    @OptionGroup var output: OutputOptions

    func run() throws {
      let check = try reportingErrors {
        try DeepSoftTissueCriteria.check(atypia: atypia, mitosesPer50HPF: mitoses, necrosis: necrosis)
      }
      try ClassifyCommand.print(check, json: output.json)
    }
  }

  /// The postmenopausal growing fibroid prompt (§5.4).
  struct FibroidGrowth: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fibroid-growth",
      abstract: "Educational prompt for a fibroid that grows after menopause (no risk score).",
      discussion: "leio classify fibroid-growth --known-fibroid --postmenopausal --size-increased"
    )
    @Flag(name: .customLong("known-fibroid"), help: "A fibroid (leiomyoma) is known.") var knownFibroid = false
    @Flag(help: "The person is postmenopausal.") var postmenopausal = false
    @Flag(name: .customLong("size-increased"), help: "The fibroid has grown.") var sizeIncreased = false
    @OptionGroup var output: OutputOptions

    func run() throws {
      let prompt = FibroidGrowthPrompt.prompt(
        knownFibroid: knownFibroid, postmenopausal: postmenopausal, sizeIncreased: sizeIncreased)
      if output.json {
        Console.print(try Console.json(["prompt": prompt, "section": "§5.4 D-16"]))
      } else {
        Console.print(prompt ?? "No prompt: it is shown when a known fibroid grows after menopause (all three flags).")
      }
    }
  }

  static func print(_ check: CriteriaCheck, json: Bool) throws {
    if json { return Console.print(try Console.json(check)) }
    var lines = [check.summary]
    lines += TextRenderer.steps(check.steps, warnings: check.warnings)
    lines.append(check.label)
    Console.print(lines.joined(separator: "\n"))
  }
}
