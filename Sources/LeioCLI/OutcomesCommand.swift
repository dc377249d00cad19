import ArgumentParser
import Foundation
import LeioCore
import LeioNAACCR
import LeioStore

/// `leio export outcomes`: the registry as an analysis dataset (one pseudonymous row per tumour with its clocks).
struct ExportOutcomes: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "outcomes",
    abstract: "Write the registry's tumours as an outcomes dataset (CSV): facts, stage, treatments, follow-up clocks.",
    discussion: """
      One row per live tumour with a full date of diagnosis: pseudonymous ids (a salted hash, new in every export;
      never names, identifiers or dates: the diagnosis year only), age at diagnosis, sex, site group, histology, size,
      depth, grade, stage, AJCC 8 stage, summary stage, margin, treatments, and times in days from diagnosis (and
      from the end of primary treatment) to death or last follow-up, to the first local recurrence, to the first
      distant metastasis, and to the first event (0 censored, 1 local recurrence, 2 distant metastasis, 3 death
      without recurrence). docs/outcomes.md states the rules.

        leio export outcomes --output outcomes.csv
        leio export outcomes --from 2015-01-01 --to 2020-12-31 --site TE
      """)
  @OptionGroup var store: StoreOptions
  @Option(name: .shortAndLong, help: "The CSV file to write (default: stdout).") var output: String?
  @Option(help: "Diagnosed on or after this date (YYYY-MM-DD).") var from: String?
  @Option(help: "Diagnosed on or before this date (YYYY-MM-DD).") var to: String?
  @Option(help: "Site group code (TE, RP, HN, AT, UC, …).") var site: String?

  func run() async throws {
    let filter = try reportingErrors { () throws -> OutcomeDataset.Filter in
      OutcomeDataset.Filter(
        from: try from.map { try CalendarDate(parsing: $0, field: "from") },
        to: try to.map { try CalendarDate(parsing: $0, field: "to") },
        siteGroup: try site.map { text in
          guard let group = SiteGroup(rawValue: text.uppercased()) else {
            throw StagingError.invalidValue(
              field: "site", value: text, expected: SiteGroup.allCases.map(\.rawValue))
          }
          return group
        })
    }
    let dataset = try await store.withRegistry { try await $0.outcomes(filter, by: .system("export outcomes")) }
    try reportingErrors {
      let sink = try output.map(AtomicOutput.init(path:)) ?? AtomicOutput(standardOutput: ())
      do {
        try sink.write(Array(dataset.csv.utf8))
        try sink.commit()
      } catch {
        sink.discard()
        throw error
      }
    }
    for warning in dataset.warnings { Console.note("warning: \(warning)") }
    Console.note(
      "exported \(dataset.rows.count) tumour(s); \(dataset.withoutDiagnosisDate) left out without a full date of diagnosis."
    )
  }
}
