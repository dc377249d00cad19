import Foundation

/// Every rule table of `Resources/Tables`, loaded once and bound to types.
///
/// - Note: an immutable `final class`, not a struct: it holds about a hundred
///   reference-counted arrays, and staging reads it several times per case.
///   Sharing one instance avoids copying (and retaining) all of them per call;
///   every property is a `let` of a `Sendable` value, so it is safely `Sendable`.
final class StagingCatalog: Sendable {
  let tables: [String: RuleTable]
  let histology: HistologyCatalog
  let sites: SiteCatalog
  let ajcc7: AJCC7Tables
  let ajcc8: AJCC8Tables
  let figo: FIGO2009Tables
  let summary: SummaryTables

  init(
    tables: [String: RuleTable], histology: HistologyCatalog, sites: SiteCatalog, ajcc7: AJCC7Tables,
    ajcc8: AJCC8Tables, figo: FIGO2009Tables, summary: SummaryTables
  ) {
    (self.tables, self.histology, self.sites, self.ajcc7, self.ajcc8, self.figo, self.summary) =
      (tables, histology, sites, ajcc7, ajcc8, figo, summary)
  }

  /// Identifiers of the rule tables shipped in the bundle.
  static let tableIDs = [
    "ajcc7-sts-t", "ajcc7-grade", "ajcc7-sts-stage",
    "ajcc8-size-t", "ajcc8-grade", "ajcc8-nodes", "ajcc8-te-stage", "ajcc8-rp-stage", "ajcc8-hn-t",
    "ajcc8-visceral-t", "ajcc8-bone-t",
    "figo2009-t", "figo2009-stage",
    "ss2018-matrix", "ss2018-nodes", "ss2018-mets", "ss2018-soft-tissue-primary",
    "ss2018-retroperitoneum-primary", "ss2018-head-and-neck-primary", "ss2018-visceral-primary",
    "ss2018-corpus-sarcoma-primary",
  ]

  static func resource(_ name: String) throws -> Data {
    guard
      let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Tables")
        ?? Bundle.module.url(forResource: name, withExtension: "json")
    else { throw RuleTableError.missingResource(name + ".json") }
    return try Data(contentsOf: url)
  }

  static func load() throws -> StagingCatalog {
    var tables: [String: RuleTable] = [:]
    for id in tableIDs {
      let table = try RuleTable(json: try resource(id))
      guard table.id == id else { throw RuleTableError.malformed(table: id, detail: "file declares id '\(table.id)'") }
      tables[id] = table
    }
    let lookup: (String) throws -> RuleTable = { id in
      guard let table = tables[id] else { throw RuleTableError.missingResource(id) }
      return table
    }
    return StagingCatalog(
      tables: tables,
      histology: try HistologyCatalog(json: try resource("histology")),
      sites: try SiteCatalog(json: try resource("topography-sites")),
      ajcc7: try AJCC7Tables(lookup), ajcc8: try AJCC8Tables(lookup),
      figo: try FIGO2009Tables(lookup), summary: try SummaryTables(lookup))
  }
}

/// Entry points of LeioCore staging.
public enum Staging {
  private static let loaded: Result<StagingCatalog, StagingError> = {
    do { return .success(try StagingCatalog.load()) } catch let error as RuleTableError {
      return .failure(.ruleTable(error))
    } catch {
      return .failure(.ruleTable(.malformed(table: "?", detail: String(describing: error))))
    }
  }()

  static func catalog() throws(StagingError) -> StagingCatalog { try loaded.get() }

  /// Every loaded rule table, by identifier.
  ///
  /// - Throws: ``StagingError/ruleTable(_:)`` if the shipped tables are broken.
  public static func ruleTables() throws -> [String: RuleTable] { try catalog().tables }
}
