import Foundation
import LeioCore
import LeioStore

/// Primary cancer conditions and the observations about them: tumours with their case documents and the sender's
/// stages (`fhir-mcode.md` §3, §5).
extension BundleReader.Reader {
  /// What an Observation is, by its code.
  enum ObservationKind { case group(Basis?), category(MCODE.Axis), figo, size, grade, diseaseStatus, other }

  static func kind(_ resource: FHIRJSON) -> ObservationKind {
    let codes = resource["code"]?["coding"]?.items.compactMap { $0["code"]?.text } ?? []
    for code in codes {
      if let basis = MCODE.Axis.group.basis(ofCode: code) { return .group(basis) }
      for axis in [MCODE.Axis.t, .n, .m] where axis.basis(ofCode: code) != nil { return .category(axis) }
      switch code {
      case MCODE.figoStageCode.code: return .figo
      case MCODE.tumorSizeCode.code: return .size
      case MCODE.histologicGradeCode.code: return .grade
      case MCODE.diseaseStatusCode.code: return .diseaseStatus
      default: continue
      }
    }
    return .other
  }

  /// Whether a Condition is a secondary (metastatic) cancer condition.
  static func isSecondary(_ entry: BundleReader.Entry) -> Bool {
    entry.has(.secondaryCondition)
      || entry.resource["extension"]?.items.contains { $0["url"]?.text == MCODE.ExtensionURL.conditionRelated } == true
  }

  /// Whether a Condition is a primary cancer condition: by profile, or (without one) by Leio's coding style.
  static func isPrimary(_ entry: BundleReader.Entry) -> Bool {
    if entry.has(.primaryCondition) { return true }
    if isSecondary(entry) || entry.profiles.contains(where: { $0.hasPrefix(MCODE.base) }) { return false }
    return entry.resource["extension"]?.items.contains { $0["url"]?.text == MCODE.ExtensionURL.histology } == true
  }

  mutating func readConditions() {
    let primaries = entries.filter { $0.type == "Condition" && Self.isPrimary($0) }
    if primaries.isEmpty {
      warn("Bundle.entry", "no primary cancer condition: the patient is imported without tumours")
    }
    for entry in primaries {
      used.insert(entry.index)
      if let tumour = readTumour(entry, single: primaries.count == 1) {
        tumourIndex[entry.url ?? entry.path()] = patient?.tumours.count
        patient?.tumours.append(tumour)
      }
    }
  }

  /// Whether `observation` is about `condition`: its focus, its related-condition extension, the tumour body
  /// structure or specimen it measures (by Leio's tumour identifier), or — with no link at all — the bundle's only
  /// primary condition.
  func isAbout(_ observation: BundleReader.Entry, _ condition: BundleReader.Entry, single: Bool) -> Bool {
    var targets = observation.resource["focus"]?.items ?? []
    targets +=
      observation.resource["extension"]?.items.filter { $0["url"]?.text == MCODE.ExtensionURL.relatedCondition }
      .compactMap { $0["valueReference"] } ?? []
    if let specimen = observation.resource["specimen"] { targets.append(specimen) }
    if targets.isEmpty { return single }
    let number = condition.resource["identifier"]?.items.first { $0["system"]?.text == MCODE.tumourIdentifierSystem }?[
      "value"]?.text
    for target in targets {
      guard let entry = resolve(target) else { continue }
      if entry.index == condition.index { return true }
      if entry.type == "BodyStructure" || entry.type == "Specimen" {
        let related = entry.resource["extension"]?.items.first {
          $0["url"]?.text == MCODE.ExtensionURL.relatedCondition
        }
        if let linked = resolve(related?["valueReference"]) { return linked.index == condition.index }
        let id = entry.resource["identifier"]?.items.first { $0["system"]?.text == MCODE.tumourIdentifierSystem }?[
          "value"]?.text
        if let id { return id == number }
        return single
      }
    }
    return false
  }

  mutating func readTumour(_ entry: BundleReader.Entry, single: Bool) -> ImportedTumour? {
    let resource = entry.resource
    let before = problems.count
    var input = CaseInput()
    var locations: [String: String] = [:]
    let extensions = resource["extension"]?.items ?? []
    let documentIndex = extensions.firstIndex { $0["url"]?.text == MCODE.caseDocumentExtension }
    if let k = documentIndex {
      let location = entry.path("extension[\(k)].valueString")
      do {
        input = try JSONDecoder().decode(CaseInput.self, from: Data((extensions[k]["valueString"]?.text ?? "").utf8))
      } catch {
        problem(location, "Leio's case document cannot be read (\(BundleReader.reason(error)))")
      }
      for field in CaseField.allCases { locations[field.name] = location }
    }
    let document = try? CaseFacts(input)

    // Site: ICD-O-3 topography in bodySite (or a site group in its text), laterality.
    for (b, site) in (resource["bodySite"]?.items ?? []).enumerated() {
      let location = entry.path("bodySite[\(b)]")
      if let coding = site["coding"]?.items.first(where: { $0["system"]?.text == MCODE.System.icdO3 }) {
        guard let code = coding["code"]?.text, let topography = try? TopographyCode(parsing: code) else {
          problem(
            location + ".coding",
            "'\((coding["code"]?.text ?? "").excerpt())' is not an ICD-O-3 topography code (C00.0–C80.9)")
          continue
        }
        if document?.topography != topography {
          (input[text: .topography], input[.primarySite]) = (topography.description, nil)
          locations[CaseField.topography.name] = location
        }
      } else if let text = site["text"]?.text, document?.site == nil, document?.topography == nil {
        input[text: .site] = text
        locations[CaseField.site.name] = location + ".text"
      }
      let lateral = site["extension"]?.items.first { $0["url"]?.text == MCODE.ExtensionURL.laterality }
      if let lateral {
        let code = lateral["valueCodeableConcept"]?["coding"]?.items.first?["code"]?.text
        if let laterality = MCODE.laterality.first(where: { $0.value.code == code })?.key {
          if document?.laterality != laterality {
            input[text: .laterality] = laterality.rawValue
            locations[CaseField.laterality.name] = location + ".extension"
          }
        } else {
          problem(location + ".extension", "'\((code ?? "").excerpt())' is not a laterality qualifier Leio knows")
        }
      }
      break
    }
    if input[.topography] == nil, input[.primarySite] == nil, input[.site] == nil {
      problem(
        entry.path("bodySite"),
        "Leio needs the primary site: an ICD-O-3 topography code (\(MCODE.System.icdO3)) in bodySite")
    }

    // Histology: ICD-O-3 morphology in the histology-morphology-behavior extension.
    if let k = extensions.firstIndex(where: { $0["url"]?.text == MCODE.ExtensionURL.histology }) {
      let location = entry.path("extension[\(k)].valueCodeableConcept")
      let coding = extensions[k]["valueCodeableConcept"]?["coding"]?.items.first {
        $0["system"]?.text == MCODE.System.icdO3
      }
      if let code = coding?["code"]?.text?.split(separator: " ").first.map(String.init) {
        if document?.histology?.code != code {
          (input[text: .histology], input[.histologicTypeIcdO3], input[.behaviorCodeIcdO3]) = (code, nil, nil)
          locations[CaseField.histology.name] = location
        }
      } else {
        problem(location, "the histology needs an ICD-O-3 morphology code (\(MCODE.System.icdO3), e.g. 8890/3)")
      }
    } else if input[.histology] == nil, input[.histologicTypeIcdO3] == nil {
      problem(
        entry.path("extension"),
        "Leio needs the histology: the ICD-O-3 morphology in the \(MCODE.ExtensionURL.histology) extension")
    }

    let diagnosisDate = Self.day(resource["onsetDateTime"])
    if resource["onsetDateTime"] != nil, diagnosisDate == nil {
      warn(entry.path("onsetDateTime"), "a partial date of diagnosis is not stored")
    }
    let number = resource["identifier"]?.items.first { $0["system"]?.text == MCODE.tumourIdentifierSystem }?["value"]?
      .text

    // Observations about this condition.
    var reported: [(ReportedStage, String)] = []
    for observation in entries where observation.type == "Observation" && isAbout(observation, entry, single: single) {
      switch Self.kind(observation.resource) {
      case .group(let basis):
        used.insert(observation.index)
        if let stage = readTNM(observation) {
          reported.append((stage, observation.path()))
          if let basis, document?.basis != basis {
            input[text: .basis] = basis.rawValue
            locations[CaseField.basis.name] = observation.path("code")
          }
          if documentIndex == nil { applyCategories(stage, observation, &input, &locations) }
        }
      case .figo:
        used.insert(observation.index)
        reported.append((readFIGO(observation), observation.path()))
      case .size:
        used.insert(observation.index)
        for key in ["focus", "specimen"] {
          for target in observation.resource[key].map({ $0.items.isEmpty ? [$0] : $0.items }) ?? [] {
            if let measured = resolve(target) { used.insert(measured.index) }
          }
        }
        readSize(observation, document, &input, &locations)
      case .grade:
        used.insert(observation.index)
        readGrade(observation, document, &input, &locations)
      default: continue
      }
    }
    guard problems.count == before else { return nil }

    // Leio's stage for each reported system: kept beside Leio's where it differs.
    let facts: CaseFacts
    do { facts = try CaseFacts(input) } catch let error as StagingError {
      problem(locations[error.field] ?? entry.path(), error.description)
      return nil
    } catch {
      problem(entry.path(), "\(error)")
      return nil
    }
    var differing: [ReportedStage] = []
    for (var stage, location) in reported {
      do {
        let result = try Staging.stage(facts, systems: [stage.system], explain: false).results.first
        let group = result.flatMap { PatientBundle.Builder.groupText($0) }
        stage.leioStageGroup = result?.stageGroup.rawValue ?? StageGroup.unknown.rawValue
        // A category the sender did not send (or sent as unknown) is not a difference.
        let categories: [(String?, String?)] = [
          (stage.t, result?.t?.rawValue), (stage.n, result?.n?.rawValue), (stage.m, result?.m?.rawValue),
        ]
        let same = group == stage.stageGroup && categories.allSatisfy { $0.0 == nil || Self.bare($0.0) == $0.1 }
        if !same { differing.append(stage) }
      } catch let error as StagingError {
        problem(locations[error.field] ?? location, error.description)
      } catch {
        problem(location, "\(error)")
      }
    }
    var tumour = ImportedTumour(line: entry.index, recordNumber: number, diagnosisDate: diagnosisDate, facts: input)
    tumour.reportedStages = differing
    return tumour
  }

  /// `cT2` → `T2`.
  static func bare(_ value: String?) -> String? {
    guard let value, let first = value.first, first == "c" || first == "p" else { return value }
    return String(value.dropFirst())
  }
}
