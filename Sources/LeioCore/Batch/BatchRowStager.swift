import Foundation

/// Stages registry rows: maps a CSV header to case fields once, then turns
/// each row into `stageGroup`, `summaryStage` and `error` cells.
///
/// The header uses the JSON field names of `leio stage` (`site, topography,
/// sizeCm, depth, grade, nodes, metastasis, system, t, n, m, …`), plus the
/// FNCLCC component names. List-valued fields (`invadedOrgans`,
/// `headAndNeckInvasion`) separate items with `;`. Other columns pass through.
/// A row without `system` is staged with the current standard for its site.
public struct BatchRowStager: Sendable {
  enum Field: String, CaseIterable {
    case site, topography, trunkLocation, diagnosisYear, histology, primaryTumor, sizeCm, depth, grade
    case nodes, metastasis, basis, `extension`, invadedOrgans, headAndNeckInvasion, visceralExtent
    case multifocalSites, uterineExtent, cervixInvolved, peritonealCytology, discontinuousTumours, system, t, n, m
    case differentiationScore, subtype, mitoticCount, mitoticAreaMm2, necrosis, necrosisPercent
  }

  /// The columns added to every row.
  public static let outputColumns = ["stageGroup", "summaryStage", "error"]

  private let columns: [(Field, Int)]

  /// Maps the header's column names (exact, case-sensitive JSON names).
  ///
  /// - Throws: ``StagingError/missingValue(field:message:)`` when no column is
  ///   a case field.
  public init(header: [String]) throws {
    var columns: [(Field, Int)] = []
    for (index, name) in header.enumerated() {
      if let field = Field(rawValue: name.trimmingCharacters(in: .whitespaces)) { columns.append((field, index)) }
    }
    guard !columns.isEmpty else {
      throw StagingError.missingValue(field: "header", message: "no column is a case field; expected names such as site, sizeCm, depth, grade, nodes, metastasis, system, t, n, m.")
    }
    self.columns = columns
  }

  /// The output cells for one row: (stageGroup, summaryStage, error).
  public func stage(_ fields: CSVFields) -> (stageGroup: String, summaryStage: String, error: String) {
    do {
      let report = try Staging.stageWithCurrentStandard(try CaseFacts(input(fields)), explain: false)
      guard let result = report.results.first else { return ("notApplicable", report.summaryStage.category, "") }
      return (result.stageGroup.rawValue, report.summaryStage.category, "")
    } catch let error as StagingError {
      return ("", "", error.description)
    } catch {
      return ("", "", String(describing: error))
    }
  }

  /// The row as a ``CaseInput``.
  ///
  /// - Throws: ``StagingError`` for a cell that is not a number or boolean where one is needed.
  func input(_ fields: CSVFields) throws -> CaseInput {
    var input = CaseInput()
    var fnclcc = FNCLCCInput()
    var hasFNCLCC = false
    for (field, index) in columns where !fields.isEmpty(index) {
      let text = fields.string(index)
      switch field {
      case .site: input.site = text
      case .topography: input.topography = text
      case .trunkLocation: input.trunkLocation = text
      case .diagnosisYear: input.diagnosisYear = try Self.whole(text, field.rawValue)
      case .histology: input.histology = text
      case .primaryTumor: input.primaryTumor = text
      case .sizeCm: input.sizeCm = try Self.number(text, field.rawValue)
      case .depth: input.depth = text
      case .grade: input.grade = text
      case .nodes: input.nodes = text
      case .metastasis: input.metastasis = text
      case .basis: input.basis = text
      case .extension: input.extension = text
      case .invadedOrgans: input.invadedOrgans = text.split(separator: ";").map(String.init)
      case .headAndNeckInvasion: input.headAndNeckInvasion = text.split(separator: ";").map(String.init)
      case .visceralExtent: input.visceralExtent = text
      case .multifocalSites: input.multifocalSites = try Self.whole(text, field.rawValue)
      case .uterineExtent: input.uterineExtent = text
      case .cervixInvolved: input.cervixInvolved = try Self.flag(text, field.rawValue)
      case .peritonealCytology: input.peritonealCytology = text
      case .discontinuousTumours: input.discontinuousTumours = try Self.flag(text, field.rawValue)
      case .system: input.system = text
      case .t: input.t = text
      case .n: input.n = text
      case .m: input.m = text
      case .differentiationScore: fnclcc.differentiationScore = try Self.whole(text, field.rawValue); hasFNCLCC = true
      case .subtype: fnclcc.subtype = text; hasFNCLCC = true
      case .mitoticCount: fnclcc.mitoticCount = try Self.number(text, field.rawValue); hasFNCLCC = true
      case .mitoticAreaMm2: fnclcc.mitoticAreaMm2 = try Self.number(text, field.rawValue); hasFNCLCC = true
      case .necrosis: fnclcc.necrosis = text; hasFNCLCC = true
      case .necrosisPercent: fnclcc.necrosisPercent = try Self.number(text, field.rawValue); hasFNCLCC = true
      }
    }
    if hasFNCLCC { input.fnclcc = fnclcc }
    return input
  }

  private static func number(_ text: String, _ field: String) throws -> Double {
    guard let value = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
      throw StagingError.invalidValue(field: field, value: text, expected: ["a number"])
    }
    return value
  }

  private static func whole(_ text: String, _ field: String) throws -> Int {
    guard let value = Int(exactly: try number(text, field)) else {
      throw StagingError.invalidValue(field: field, value: text, expected: ["a whole number"])
    }
    return value
  }

  private static func flag(_ text: String, _ field: String) throws -> Bool {
    switch text.lowercased() {
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    default: throw StagingError.invalidValue(field: field, value: text, expected: ["true", "false"])
    }
  }
}
