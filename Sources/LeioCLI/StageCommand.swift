import ArgumentParser
import Foundation
import LeioCore

/// `leio stage`: stage one case from flags, a JSON document, or categories.
struct StageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stage",
    abstract: "Stage one case with AJCC 7, AJCC 8, FIGO 2009 and SEER summary stage, with the rules that produced it.",
    discussion: """
      Clinical facts:
        leio stage --site extremity --size 7.5 --depth deep --grade 3 --nodes N0 --metastasis M0
      Registrar categories:
        leio stage --system ajcc7 --t T2b --n N0 --m M0 --grade G3
      A JSON case document (see README for the schema), from a file or stdin:
        leio stage --input case.json --json
        echo '{"site":"uterus","sizeCm":4,"uterineExtent":"confined","nodes":"N0"}' | leio stage --input -

      Without --system every applicable system is shown; with it, that system's result.
      Missing grade, nodes and metastasis become GX, NX and M0, each with a warning.
      """
  )

  @OptionGroup(title: "Case facts") var facts: CaseFactOptions
  @Option(name: .long, help: ArgumentHelp("JSON case document; '-' reads stdin. Cannot be combined with case flags.", valueName: "file"))
  var input: String?
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if input != nil, facts.isAnyGiven {
      throw ValidationError("--input cannot be combined with case flags; put every field in the JSON document.")
    }
  }

  func run() throws {
    let (caseInput, report) = try reportingErrors { () throws -> (CaseInput, StagingReport) in
      let caseInput = try input.map { try Console.decode(CaseInput.self, from: $0) } ?? facts.caseInput
      return (caseInput, try Staging.stage(caseInput))
    }
    guard output.json else { return Console.print(TextRenderer.report(report)) }
    if caseInput.system != nil, let only = report.results.first {
      Console.print(try Console.json(only))
    } else {
      Console.print(try Console.json(report))
    }
  }
}

/// The case facts and categories as flags; every value is validated by LeioCore
/// so that invalid clinical input exits 65 with a field-level message.
struct CaseFactOptions: ParsableArguments {
  @Option(help: "Primary site: \(Site.allCases.map(\.rawValue).joined(separator: ", ")).") var site: String?
  @Option(help: "ICD-O-3 topography, e.g. C49.2 (alternative to --site).") var topography: String?
  @Option(name: .customLong("trunk-location"), help: "For C47.3/C47.5/C49.3–C49.5: external, internal or notSpecific.") var trunkLocation: String?
  @Option(name: .customLong("diagnosis-year"), parsing: .unconditional, help: "Year of diagnosis (decides the cervix schema).") var diagnosisYear: Int?
  @Option(help: "ICD-O-3 morphology, e.g. 8890/3.") var histology: String?
  @Option(name: .customLong("primary-tumor"), help: "present, notFound (T0) or notAssessable (TX).") var primaryTumor: String?
  @Option(parsing: .unconditional, help: ArgumentHelp("Greatest dimension of the primary tumour, in cm.", valueName: "cm")) var size: Double?
  @Option(help: "superficial, deep or unknown.") var depth: String?
  @Option(help: "G1, G2, G3, GX, 1–3, low, high, or differentiation (a generic term, treated as GX).") var grade: String?
  @Option(help: "Regional nodes: N0, N1 or NX.") var nodes: String?
  @Option(help: "Distant metastasis: M0 or M1.") var metastasis: String?
  @Option(help: "clinical or pathological (matters for T0 N0 M0).") var basis: String?
  @Option(help: "Extension for summary stage: confined, adjacent, majorVessel or furtherContiguous.") var `extension`: String?
  @Option(name: .customLong("invaded-organ"), help: "Retroperitoneum/peritoneum: an invaded organ (repeatable), e.g. kidney, ascendingColon.") var invadedOrgans: [String] = []
  @Option(name: .customLong("head-and-neck-invasion"), help: "Head and neck: an invaded structure (repeatable): \(HeadAndNeckStructure.allCases.map(\.rawValue).joined(separator: ", ")).") var headAndNeckInvasion: [String] = []
  @Option(name: .customLong("visceral-extent"), help: "Visceral organs: confined, beyondOrgan, serosa, beyondSerosa or anotherOrgan.") var visceralExtent: String?
  @Option(name: .customLong("multifocal-sites"), parsing: .unconditional, help: "Visceral organs: number of tumour sites (1 = not multifocal).") var multifocalSites: Int?
  @Option(name: .customLong("uterine-extent"), help: "Uterus: \(UterineExtent.allCases.map(\.rawValue).joined(separator: ", ")).") var uterineExtent: String?
  @Flag(name: .customLong("cervix-involved"), help: "Uterus: cervical stromal or glandular involvement.") var cervixInvolved = false
  @Option(name: .customLong("peritoneal-cytology"), help: "Uterus: malignant, negative, atypical, suspicious, unsatisfactory or notDone.") var peritonealCytology: String?
  @Flag(name: .customLong("discontinuous"), help: "Bone: discontinuous tumours in the primary bone.") var discontinuousTumours = false
  @Option(help: "Staging system: ajcc7, ajcc8 or figo2009 (required with --t).") var system: String?
  @Option(name: .customLong("t"), help: "T category as recorded, e.g. T2b.") var t: String?
  @Option(name: .customLong("n"), help: "N category as recorded (same as --nodes).") var n: String?
  @Option(name: .customLong("m"), help: "M category as recorded (same as --metastasis).") var m: String?

  var isAnyGiven: Bool { caseInput != CaseInput() }

  var caseInput: CaseInput {
    var input = CaseInput()
    (input.site, input.topography, input.trunkLocation, input.diagnosisYear) = (site, topography, trunkLocation, diagnosisYear)
    (input.histology, input.primaryTumor, input.sizeCm, input.depth, input.grade) = (histology, primaryTumor, size, depth, grade)
    (input.nodes, input.metastasis, input.basis, input.extension) = (nodes, metastasis, basis, `extension`)
    input.invadedOrgans = invadedOrgans.isEmpty ? nil : invadedOrgans
    input.headAndNeckInvasion = headAndNeckInvasion.isEmpty ? nil : headAndNeckInvasion
    (input.visceralExtent, input.multifocalSites, input.uterineExtent) = (visceralExtent, multifocalSites, uterineExtent)
    input.cervixInvolved = cervixInvolved ? true : nil
    input.peritonealCytology = peritonealCytology
    input.discontinuousTumours = discontinuousTumours ? true : nil
    (input.system, input.t, input.n, input.m) = (system, t, n, m)
    return input
  }
}
