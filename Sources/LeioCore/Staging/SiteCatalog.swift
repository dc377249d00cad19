import Foundation

/// The ordered topography → site rules of `topography-sites.json`.
///
/// The first rule whose code ranges contain the topography wins, as in the
/// reference's §1.5 algorithm; two rules need one more fact (diagnosis year for
/// the cervix, trunk location for trunk structures).
/// - Source: reference §1.4–§1.5 `[SEER-EOD]`.
struct SiteCatalog: Sendable {
  enum Target: Sendable {
    case site(Site)
    case byDiagnosisYear(from: Int, onOrAfter: Site, before: Site)
    case byTrunkLocation(external: Site, internal: Site, notSpecific: Site)
  }

  struct Rule: Sendable {
    let ranges: [ClosedRange<Int>]
    let target: Target
  }

  let version: Int
  let rules: [Rule]
  let fallback: Site

  /// The rule that applies to `code`, or `nil` for the fallback.
  func rule(for code: TopographyCode) -> Rule? {
    rules.first { rule in rule.ranges.contains { $0.contains(code.value) } }
  }
}

extension SiteCatalog {
  private struct Document: Decodable {
    struct RuleSpec: Decodable {
      struct ByYear: Decodable {
        var from: Int
        var onOrAfter: String
        var before: String
      }
      struct ByLocation: Decodable {
        var external: String
        var `internal`: String
        var notSpecific: String
      }
      var codes: [String]
      var site: String?
      var byDiagnosisYear: ByYear?
      var byTrunkLocation: ByLocation?
    }
    var id: String
    var version: Int
    var rules: [RuleSpec]
    var fallback: String
  }

  init(json data: Data) throws {
    let document = try JSONDecoder().decode(Document.self, from: data)
    func site(_ name: String) throws -> Site {
      guard let site = Site(rawValue: name) else {
        throw RuleTableError.unknownCode(table: document.id, column: "site", code: name)
      }
      return site
    }
    var rules: [Rule] = []
    for spec in document.rules {
      let ranges = try spec.codes.map { text -> ClosedRange<Int> in
        let bounds = try text.split(separator: "-").map { try TopographyCode(parsing: String($0)).value }
        guard let low = bounds.first, let high = bounds.last, low <= high else {
          throw RuleTableError.malformed(table: document.id, detail: "bad range '\(text)'")
        }
        return low...high
      }
      let target: Target
      if let name = spec.site {
        target = .site(try site(name))
      } else if let year = spec.byDiagnosisYear {
        target = .byDiagnosisYear(from: year.from, onOrAfter: try site(year.onOrAfter), before: try site(year.before))
      } else if let location = spec.byTrunkLocation {
        target = .byTrunkLocation(
          external: try site(location.external), internal: try site(location.internal),
          notSpecific: try site(location.notSpecific))
      } else {
        throw RuleTableError.malformed(table: document.id, detail: "a rule needs a target")
      }
      rules.append(Rule(ranges: ranges, target: target))
    }
    self.init(version: document.version, rules: rules, fallback: try site(document.fallback))
  }
}
