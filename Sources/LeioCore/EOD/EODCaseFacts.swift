import Foundation

/// Reading a case's registry codes into its facts: the schema is chosen, every code is checked against the schema's
/// tables, and each code's row of ``EODFactTable`` / ``EODGradeTable`` sets the facts it decides — or, where the
/// case also gives that fact, must agree with it (a contradiction is an error on the registry item).
///
/// A code that says "unknown" (N 999, M 99, size 998/999, grade 9) never overrides a fact the case states.
extension CaseFactsParser {
  /// Combines NAACCR 522 and 523 into the histology (`8890` + `3` = `8890/3`); it must agree with `histology`.
  mutating func combineHistology() throws(StagingError) {
    guard histologicType != nil || behavior != nil else { return }
    guard let type = histologicType else {
      throw .missingValue(
        field: "histologicTypeIcdO3", message: "behaviorCodeIcdO3 was given without histologicTypeIcdO3 (e.g. 8890).")
    }
    guard let behavior else {
      throw .missingValue(
        field: "behaviorCodeIcdO3", message: "histologicTypeIcdO3 was given without behaviorCodeIcdO3 (3 = malignant).")
    }
    let combined = try Staging.catalog().histology.histology("\(type)/\(behavior)")
    if let given = facts.histology, given.code != combined.code {
      throw .inconsistent(
        field: "histologicTypeIcdO3",
        message: "\(type)/\(behavior) (histologicTypeIcdO3/behaviorCodeIcdO3) contradicts histology '\(given.code)'.")
    }
    facts.histology = combined
  }

  /// Reads the registry codes into the facts.
  mutating func applyRegistryCodes() throws(StagingError) {
    let schema = try EODCaseStaging.schema(EODCaseInput(facts))
    facts.eod.schema = schema
    let items: [(EODFactItem, EODItem)] = [
      (.primaryTumor, facts.eod.primaryTumor), (.regionalNodes, facts.eod.regionalNodes), (.mets, facts.eod.mets),
      (.tumorSize, facts.eod.tumorSize),
    ]
    for (item, value) in items {
      guard case .code(let code) = value else { continue }
      guard let row = EODFactTable.row(item, code: code, schema: schema) else {
        throw .invalidValue(
          field: item.rawValue, value: value.text(digits: item.digits) ?? "",
          expected: Self.validCodes(item, schema))
      }
      try apply(row, code: code, schema: schema)
    }
    try applyGrades(schema)
  }

  /// Schema Discriminator 2 (1 external, 2 internal, 9 not specific) is the trunk structure location of R-1.4a: it sets
  /// `trunkLocation` when that is not given, and must agree with it when it is (8, "abstracted before 2021", says
  /// nothing about the structure).
  /// - Source: registry-codes §2; reference §1.4 (R-1.4a).
  static let discriminatorSites: Set<String> = ["C47.3", "C47.5", "C49.3", "C49.4", "C49.5"]

  mutating func applyDiscriminator() throws(StagingError) {
    guard let code = facts.eod.discriminator2, code != 8,
      let site = facts.topography?.description, Self.discriminatorSites.contains(site),
      let location = TrunkLocation.parse(String(code))
    else { return }
    if let given = facts.trunkLocation, given != location {
      throw .inconsistent(
        field: "schemaDiscriminator2",
        message: "\(code) (\(location.rawValue)) contradicts trunkLocation '\(given.rawValue)'.")
    }
    facts.trunkLocation = location
  }

  /// The valid codes of `item` in `schema`, as an error lists them.
  static func validCodes(_ item: EODFactItem, _ schema: EODSchema) -> [String] {
    switch item {
    case .primaryTumor: schema.primaryTumor.rows.map(\.code)
    case .regionalNodes: schema.regionalNodes.rows.map(\.code)
    case .mets: schema.mets.rows.map(\.code)
    case .tumorSize:
      EODFactTable.sizeRows.filter { $0.schemas.contains(schema) && $0.effect != .refused }.map {
        $0.codes.count == 1
          ? EODItem.code($0.codes.lowerBound).text(digits: 3)!
          : "\(EODItem.code($0.codes.lowerBound).text(digits: 3)!)–\(EODItem.code($0.codes.upperBound).text(digits: 3)!)"
      }
    }
  }

  private func contradiction(_ row: EODFactRow, _ code: UInt16, _ schema: EODSchema, _ other: String) -> StagingError {
    let text = EODItem.code(code).text(digits: row.item.digits) ?? ""
    return .inconsistent(
      field: row.item.rawValue,
      message: "\(text) in \(schema.title) (\(schema.rawValue)) means: \(row.because); but \(other).")
  }

  private mutating func present(_ row: EODFactRow, _ code: UInt16, _ schema: EODSchema) throws(StagingError) {
    try primary(.present, row, code, schema)
  }

  private mutating func primary(_ value: PrimaryTumor, _ row: EODFactRow, _ code: UInt16, _ schema: EODSchema)
    throws(StagingError)
  {
    if let given = facts.primaryTumor, given != value {
      throw contradiction(row, code, schema, "primaryTumor is '\(given.rawValue)'")
    }
    facts.primaryTumor = value
  }

  private mutating func apply(_ row: EODFactRow, code: UInt16, schema: EODSchema) throws(StagingError) {
    switch row.effect {
    case .nothing, .sizeUnknown: break
    case .primary(let value): try primary(value, row, code, schema)
    case .headAndNeck(let level):
      if level != .notExcluded { try present(row, code, schema) }
      if !facts.headAndNeckInvasion.isEmpty, level != .notExcluded {
        let given = AJCC8Staging.invasion(facts.headAndNeckInvasion)
        if given != level {
          throw contradiction(row, code, schema, "headAndNeckInvasion gives \(given.rawValue)")
        }
      }
      facts.eod.headAndNeckInvasion = level
    case .visceral(let extent):
      guard extent != .notRecorded else { break }
      try present(row, code, schema)
      if let given = facts.visceralExtent, given != extent {
        throw contradiction(row, code, schema, "visceralExtent is '\(given.rawValue)'")
      }
      facts.visceralExtent = extent
    case .multifocal(let foci):
      try present(row, code, schema)
      if let sites = facts.multifocalSites, let given = Multifocality(sites: sites),
        given == .single || (foci != .countUnknown && given != foci)
      {
        throw contradiction(row, code, schema, "multifocalSites is \(sites)")
      }
      facts.eod.multifocality = foci
    case .uterine(let extent, let cervix):
      guard extent != .notRecorded else { break }
      try present(row, code, schema)
      if let given = facts.uterineExtent {
        guard Self.compatible(given, extent) else {
          throw contradiction(row, code, schema, "uterineExtent is '\(given.rawValue)'")
        }
        if given == Self.general(extent) { facts.uterineExtent = extent }
      } else {
        facts.uterineExtent = extent
      }
      if let cervix {
        if let given = facts.cervixInvolved, given != cervix {
          throw contradiction(row, code, schema, "cervixInvolved is \(given)")
        }
        facts.cervixInvolved = cervix
      }
    case .open:
      try present(row, code, schema)
      if facts.uterineExtent == nil { facts.eod.primaryTumorOpen = true }
    case .nodes(let category):
      if category == .nx {
        if facts.nodes == nil { facts.nodes = .nx }
        break
      }
      if let given = facts.nodes, given != category {
        throw contradiction(row, code, schema, "nodes is '\(given.rawValue)'")
      }
      facts.nodes = category
    case .metastasis(let category):
      if let given = facts.metastasis, given != category {
        throw contradiction(row, code, schema, "metastasis is '\(given.rawValue)'")
      }
      facts.metastasis = category
    case .metastasisUnknown:
      if facts.metastasis == nil { facts.eod.metastasisUnknown = true }
    case .sizeMillimetres:
      if facts.primaryTumor == .notFound { throw contradiction(row, code, schema, "no primary tumour was found") }
      let centimetres = Double(code) / 10
      if let given = facts.sizeCm {
        // The registry codes whole millimetres: a stated size within 1 mm is the same size, kept as stated.
        if abs(given * 10 - Double(code)) >= 1 {
          throw contradiction(row, code, schema, "sizeCm is \(given.clinicalText) cm")
        }
      } else {
        facts.sizeCm = centimetres
      }
    case .sizeAtLeast989:
      if facts.primaryTumor == .notFound { throw contradiction(row, code, schema, "no primary tumour was found") }
      if let given = facts.sizeCm, given < 98.9 {
        throw contradiction(row, code, schema, "sizeCm is \(given.clinicalText) cm")
      }
      facts.sizeCm = max(facts.sizeCm ?? 98.9, 98.9)
    case .microscopic:
      if facts.primaryTumor == .notFound { throw contradiction(row, code, schema, "no primary tumour was found") }
      if let given = facts.sizeCm { throw contradiction(row, code, schema, "sizeCm is \(given.clinicalText) cm") }
      // Below every cut-point; shown as "microscopic focus", never as a size.
      facts.sizeCm = 0
    case .refused:
      throw .outOfRange(
        field: row.item.rawValue, value: EODItem.code(code).text(digits: 3) ?? "", message: row.because + ".")
    }
  }

  /// The general extent a specific one refines (FIGO's "substage not recorded" values: IIA/IIB refine II, IIIA/IIIB
  /// refine III, wall or mucosa refine bladder or rectum).
  /// - Source: reference §4.1 (stage definitions), §4.2 (substage unknown).
  static func general(_ extent: UterineExtent) -> UterineExtent {
    switch extent {
    case .adnexa, .pelvicTissue, .culDeSac: .withinPelvis
    case .abdominalOneSite, .abdominalMultipleSites: .abdominal
    case .bladderOrRectumWall, .bladderOrRectumMucosa: .bladderOrRectum
    case .notRecorded, .confined, .withinPelvis, .abdominal, .bladderOrRectum: extent
    }
  }

  /// Whether a stated extent and a coded one describe the same tumour (equal, or one refines the other).
  static func compatible(_ given: UterineExtent, _ coded: UterineExtent) -> Bool {
    given == coded || general(given) == coded || general(coded) == given
  }

  private mutating func applyGrades(_ schema: EODSchema) throws(StagingError) {
    var best: EODGradeRow?
    for (byte, field) in [
      (facts.eod.gradeClinical, "gradeClinical"), (facts.eod.gradePathological, "gradePathological"),
    ] {
      guard let byte else { continue }
      guard let row = EODGradeTable.row(Character(Unicode.Scalar(byte)), schema: schema) else {
        throw .invalidValue(
          field: field, value: String(Character(Unicode.Scalar(byte))), expected: EODGradeTable.codes(schema))
      }
      if best == nil || row.rank > best!.rank { best = row }
    }
    guard let best else { return }
    if let given = facts.grade, given != best.grade {
      let field = facts.eod.gradePathological != nil ? "gradePathological" : "gradeClinical"
      throw .inconsistent(
        field: field,
        message: "grade code \(best.code) in \(schema.title) means: \(best.because); but grade is '\(given.rawValue)'.")
    }
    facts.grade = best.grade
  }
}
