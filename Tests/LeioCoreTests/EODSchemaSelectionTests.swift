import Foundation
import Testing

@testable import LeioCore

/// Issue 14 part 1: EOD 2018 schema selection for the leiomyosarcoma family, one row per line of registry-codes §2.
@Suite("EOD 2018 schema selection")
struct EODSchemaSelectionTests {
  struct Row: Sendable, CustomTestStringConvertible {
    let site: String
    let histology: Int
    let year: Int?
    let discriminator: String?
    /// The schema ID, or nil for no sarcoma schema.
    let schema: String?
    var testDescription: String {
      "\(site) \(histology) \(year.map(String.init) ?? "blank") d2=\(discriminator ?? "absent")"
    }
  }

  static func row(_ site: String, _ histology: Int, _ year: Int?, _ d2: String?, _ schema: String?) -> Row {
    Row(site: site, histology: histology, year: year, discriminator: d2, schema: schema)
  }

  /// 8890, diagnosed 2024, no discriminator.
  static func row(_ site: String, _ schema: String?) -> Row { row(site, 8890, 2024, nil, schema) }

  static let rows: [Row] = [
    // Trunk and extremities, breast.
    row("C471", "00410"), row("C472", "00410"), row("C474", "00410"), row("C476", "00410"), row("C479", "00410"),
    row("C491", "00410"), row("C492", "00410"), row("C49.2", "00410"), row("c496", "00410"), row("C499", "00410"),
    row("C500", "00410"), row("C509", "00410"),
    // Schema Discriminator 2 sites.
    row("C473", 8890, 2024, "1", "00410"), row("C475", 8890, 2024, "2", "00421"), row("C493", 8890, 2024, "9", "00459"),
    row("C494", 8890, 2019, "8", "00421"), row("C495", 8890, nil, "8", "00421"), row("C495", 8890, 2022, "8", nil),
    row("C493", 8890, 2024, nil, nil), row("C493", 8890, 2024, "", nil), row("C493", 8890, 2024, "3", nil),
    // Retroperitoneum and peritoneum.
    row("C480", "00440"), row("C481", 8896, 2024, nil, "00440"), row("C488", "00440"),
    // Head and neck.
    row("C000", "00400"), row("C148", "00400"), row("C150", "00400"), row("C153", "00400"), row("C158", "00400"),
    row("C300", "00400"), row("C329", "00400"), row("C739", "00400"), row("C750", "00400"), row("C754", "00400"),
    row("C759", "00400"), row("C470", "00400"), row("C490", "00400"),
    row("C722", 8890, 2024, nil, "00400"), row("C751", 8891, 2022, nil, "00400"), row("C753", 8891, 2023, nil, nil),
    row("C724", 8896, nil, nil, nil),
    // Abdomen and thoracic.
    row("C151", "00421"), row("C155", "00421"), row("C159", "00421"), row("C160", "00421"), row("C220", "00421"),
    row("C269", "00421"), row("C339", "00421"), row("C379", "00421"), row("C510", "00421"), row("C529", "00421"),
    row("C589", "00421"), row("C689", "00421"),
    // Cervix by year.
    row("C530", 8890, 2019, nil, "00421"), row("C539", 8890, 2020, nil, "00421"), row("C530", 8890, 2021, nil, "00528"),
    row("C531", 8890, nil, nil, "00528"),
    // Corpus sarcoma.
    row("C540", "00541"), row("C543", "00541"), row("C548", "00541"), row("C549", "00541"), row("C559", "00541"),
    // Heart, mediastinum, pleura.
    row("C380", "00422"), row("C384", "00422"), row("C388", "00422"),
    // Soft Tissue Other.
    row("C390", "00459"), row("C420", "00459"), row("C441", "00459"), row("C449", "00459"), row("C571", "00459"),
    row("C579", "00459"), row("C740", "00459"), row("C760", "00459"), row("C809", "00459"),
    // Ovary and tube: 8890 goes to its own schema; 8891–8898 to Soft Tissue Other.
    row("C569", 8890, 2024, nil, nil), row("C570", 8890, 2024, nil, nil), row("C569", 8891, 2024, nil, "00459"),
    // Bone, orbit, CNS: not sarcoma soft-tissue schemas.
    row("C400", nil), row("C412", nil), row("C414", nil), row("C690", nil), row("C710", nil),
    row("C710", 8891, 2020, nil, "00459"), row("C710", 8891, 2023, nil, nil),
    // Outside the family, before 2018, not a site.
    row("C492", 8800, 2024, nil, nil), row("C492", 8890, 2017, nil, nil), row("492", nil), row("C4923", nil),
  ]

  @Test("each line of registry-codes §2", arguments: rows)
  func select(_ row: Row) {
    let result = EODSchemaSelection.select(
      primarySite: row.site, histology: row.histology, yearOfDiagnosis: row.year, discriminator2: row.discriminator)
    switch (result, row.schema) {
    case (.schema(let schema), let expected?): #expect(schema.rawValue == expected)
    case (.none(let field, let reason), nil): #expect(!reason.isEmpty && CaseField(name: field) != nil)
    case (.schema(let schema), nil): Issue.record("expected no schema, got \(schema.rawValue)")
    case (.none(_, let reason), let expected?): Issue.record("expected \(expected), got none: \(reason)")
    }
  }

  @Test("leiomyosarcoma never selects Soft Tissue Rare")
  func neverRare() {
    for site in 0...809 {
      for histology in 8890...8898 {
        let result = EODSchemaSelection.select(
          primarySite: String(format: "C%03d", site), histology: histology, yearOfDiagnosis: 2024, discriminator2: "1")
        #expect(result != .schema(.softTissueRare))
      }
    }
  }
}
