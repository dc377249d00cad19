import Foundation

/// A field of a case: the single declaration of the case schema.
///
/// Each case's ``spec`` says how the field is written, what it accepts, how it is explained and how it becomes a
/// typed fact of ``CaseFacts``. Everything that reads or shows case fields derives from it: ``CaseInput``'s JSON
/// decoding and encoding, the fast flat JSON reader, CSV headers (``BatchRowStager``), the calculator form in both
/// directions, the CLI's case flags and `leio fields`, and the OpenAPI request schema (``CaseSchema``).
///
/// To add a field: add a case here with its spec, add the typed property to ``CaseFacts`` that its `apply` sets, and
/// use it. The declaration order is the order of the form and of `leio fields`.
public enum CaseField: Int, CaseIterable, Sendable {
  case site, topography, primarySite, trunkLocation, diagnosisYear, dateOfDiagnosis, histology, histologicTypeIcdO3
  case behaviorCodeIcdO3, primaryTumor, laterality, sizeCm
  case depth, grade, nodes, metastasis, basis, `extension`, uterineExtent, cervixInvolved, peritonealCytology
  case visceralExtent, multifocalSites, headAndNeckInvasion, invadedOrgans, discontinuousTumours
  case eodPrimaryTumor, eodRegionalNodes, eodMets, tumorSizeSummary, gradeClinical, gradePathological
  case schemaDiscriminator2, system, t, n, m
  case subtype, differentiationScore, mitoticCount, mitoticAreaMm2, necrosis, necrosisPercent

  /// The field's spec.
  public var spec: CaseFieldSpec { CaseSchema.specs[rawValue] }

  /// The JSON member and CSV column name.
  public var name: String { CaseSchema.specs[rawValue].name }

  /// The field written `name` (JSON member or CSV header, exact case), or `nil`.
  public init?(name: some StringProtocol) {
    guard let field = CaseSchema.byName[String(name)] else { return nil }
    self = field
  }

  var declaration: CaseFieldSpec {
    switch self {
    case .site:
      return .code(
        Site.self, "Primary site", hint: "Where the tumour started.",
        help: "Primary site; or give an ICD-O-3 topography instead.", section: "§1.4", form: .tumour
      ) { parser, value throws(StagingError) in parser.facts.site = try value.code(Site.self) }
    case .topography:
      return .field(
        .text(example: "C49.2", pattern: "^[Cc][0-9]{2}\\.?[0-9]$"), "ICD-O-3 topography (optional)",
        hint: "For example C49.2; used instead of the site when given.",
        help: "ICD-O-3 topography such as C49.2; mapped to a site and checked against site.", section: "§1.5",
        form: .tumour
      ) {
        parser, value throws(StagingError) in parser.facts.topography = try TopographyCode(parsing: value.text)
      }
    case .primarySite: return Self.primarySiteSpec
    case .histologicTypeIcdO3: return Self.histologicTypeSpec
    case .behaviorCodeIcdO3: return Self.behaviorSpec
    case .tumorSizeSummary: return Self.tumorSizeSummarySpec
    case .gradeClinical: return Self.gradeClinicalSpec
    case .gradePathological: return Self.gradePathologicalSpec
    case .trunkLocation:
      return .code(
        TrunkLocation.self, "Trunk structure location", hint: "Only for C47.3, C47.5, C49.3–C49.5.",
        help: "For C47.3/C47.5/C49.3–C49.5: external, internal or notSpecific (R-1.4a).", section: "§1.4", form: .tumour
      ) { parser, value throws(StagingError) in parser.facts.trunkLocation = try value.code(TrunkLocation.self) }
    case .diagnosisYear:
      return .field(
        .whole(example: "2024", minimum: 1900, maximum: 2100), "Year of diagnosis",
        hint: "Decides the cervix schema (2021 or later: cervix; earlier: visceral).",
        help:
          "Year of diagnosis; needed for cervix C53 (2021 or later: cervix schema; earlier: visceral). Must agree with dateOfDiagnosis when both are given.",
        section: "§1.5", form: nil, expected: "a whole year such as 2024"
      ) { parser, value throws(StagingError) in
        try parser.setDiagnosisYear(try value.whole())
      }
    case .dateOfDiagnosis:
      return .field(
        .date, "Date of diagnosis", hint: "YYYY-MM-DD; its year is the diagnosis year.",
        help:
          "Date of diagnosis, YYYY-MM-DD (NAACCR item 390); its year is the diagnosis year, and a different diagnosisYear is an error.",
        section: "registry-codes §6", form: nil
      ) { parser, value throws(StagingError) in
        try parser.setDateOfDiagnosis(try value.date())
      }
    case .histology:
      return .field(
        .text(example: "8890/3", pattern: nil), "ICD-O-3 histology (optional)", hint: "For example 8890/3.",
        help:
          "ICD-O-3 morphology with behaviour: 8890/3, 8891/3, 8896/3 (LMS); 8894/3, 8895/3 (staged with a warning); benign or uncertain 889x/0–1 (not staged); 8933/3, 8980/3 (other systems); 8935/8936 GIST (refused).",
        section: "§1.2", form: .tumour
      ) {
        parser, value throws(StagingError) in
        parser.facts.histology = try Staging.catalog().histology.histology(value.text)
      }
    case .primaryTumor:
      return .code(
        PrimaryTumor.self, "Primary tumour", hint: "Leave empty when a primary tumour is present.",
        help: "present (default), notFound (T0) or notAssessable (TX).", section: "§2.1", form: .tumour
      ) { parser, value throws(StagingError) in parser.facts.primaryTumor = try value.code(PrimaryTumor.self) }
    case .laterality:
      return .code(
        Laterality.self, "Laterality", hint: "Side of a paired site; not used for staging.",
        help: "Side of the body: left, right, bilateral, midline or unknown (the mCODE laterality qualifier).",
        section: "fhir-mcode §2", form: .tumour
      ) { parser, value throws(StagingError) in parser.facts.laterality = try value.code(Laterality.self) }
    case .sizeCm:
      return .field(
        .number(unit: "cm", example: "7.5", minimum: 0, exclusive: true, maximum: CaseFacts.maximumSizeCm),
        "Greatest dimension (cm)", hint: "Leave empty if unknown (T becomes TX).",
        help:
          "Greatest dimension in cm, > 0 and ≤ 100; omit when unknown (TX). Compared exactly with the cut-points (D-01), warned within 0.5 mm of one (D-02).",
        section: "§0.3", form: .tumour, flag: "size",
        expected: "a number of centimetres such as 7.5"
      ) { parser, value throws(StagingError) in try parser.setSize(try value.number()) }
    case .depth:
      return .code(
        Depth.self, "Depth", hint: "Relative to the superficial fascia.",
        help: "superficial, deep or unknown (retroperitoneal and intrathoracic tumours are always deep).",
        section: "§2.1", form: .tumour
      ) { parser, value throws(StagingError) in parser.facts.depth = try value.code(Depth.self) }
    case .grade:
      return .code(
        ReportedGrade.self, "Grade",
        hint: "FNCLCC grade, or low/high when only that is reported. Empty = not assessable (GX).",
        help: "FNCLCC grade, or low/high when only that is reported (omit when not assessable: GX).", section: "§2.1",
        form: .tumour, choices: [.g1, .g2, .g3, .gx, .low, .high], integers: true
      ) { parser, value throws(StagingError) in parser.facts.grade = try value.code(ReportedGrade.self) }
    case .nodes:
      return .code(
        NCategory.self, "Regional lymph nodes", hint: "Empty = not recorded (NX, with a prompt).",
        help: "Regional nodes: N0, N1 or NX (missing ⇒ NX with a prompt).", section: "§2.3", form: .spread
      ) { parser, value throws(StagingError) in parser.nodesFact = try value.code(NCategory.self) }
    case .metastasis:
      return .code(
        MCategory.self, "Distant metastasis", hint: "Empty = M0 assumed, with a warning.",
        help: "Distant metastasis: M0 or M1 (missing ⇒ M0 with a warning, SEER convention).", section: "§2.3",
        form: .spread
      ) { parser, value throws(StagingError) in parser.metastasisFact = try value.code(MCategory.self) }
    case .basis:
      return .code(
        Basis.self, "Basis", hint: "clinical or pathological (matters for T0 N0 M0).",
        help: "clinical (default) or pathological; decides T0 N0 M0. A p prefix on t sets it.", section: "§2.1",
        form: nil
      ) { parser, value throws(StagingError) in parser.facts.basis = try value.code(Basis.self) }
    case .extension:
      return .code(
        Extension.self, "Extension (for summary stage)", hint: "Beyond the site of origin.",
        help: "Extension for summary stage: confined, adjacent, majorVessel or furtherContiguous.", section: "§6.3",
        form: .spread, choices: Extension.allCases.filter { $0 != .notRecorded }
      ) { parser, value throws(StagingError) in parser.facts.extension = try value.code(Extension.self) }
    case .uterineExtent:
      return .code(
        UterineExtent.self, "Uterine extent", hint: "Uterus only.", help: "Uterus: extent of the tumour (FIGO 2009).",
        section: "§4.1", form: .siteSpecific, choices: UterineExtent.allCases.filter { $0 != .notRecorded }
      ) { parser, value throws(StagingError) in parser.facts.uterineExtent = try value.code(UterineExtent.self) }
    case .cervixInvolved:
      return .field(
        .flag, "Cervical involvement", hint: "Uterus only.",
        help: "Uterus: cervical stromal or glandular involvement.", section: "§4.1", form: .siteSpecific,
        expected: "true or false"
      ) { parser, value throws(StagingError) in parser.facts.cervixInvolved = try value.flag() }
    case .peritonealCytology:
      return .code(
        PeritonealCytology.self, "Peritoneal cytology", hint: "Uterus only.",
        help:
          "Uterus: malignant, negative, atypical, suspicious, unsatisfactory, notDone, orderedNoResult or notDocumented; or the NAACCR 3911 code 0, 1, 2, 3, 7, 8, 9.",
        section: "§6.4",
        form: .siteSpecific
      ) { parser, value throws(StagingError) in
        parser.facts.peritonealCytology = try value.code(PeritonealCytology.self)
      }
    case .visceralExtent:
      return .code(
        VisceralExtent.self, "Visceral extent", hint: "Visceral organs only.",
        help: "Visceral organs: confined, beyondOrgan, serosa, beyondSerosa or anotherOrgan.", section: "§3.4",
        form: .siteSpecific, choices: VisceralExtent.allCases.filter { $0 != .notRecorded }
      ) { parser, value throws(StagingError) in parser.facts.visceralExtent = try value.code(VisceralExtent.self) }
    case .multifocalSites:
      return .field(
        .whole(example: "1", minimum: 1, maximum: nil), "Number of tumour sites",
        hint: "Visceral organs: 1 if not multifocal.",
        help: "Visceral organs: number of tumour sites (1 = not multifocal; 2 ⇒ T4a, 3–5 ⇒ T4b, > 5 ⇒ T4c).",
        section: "§3.4", form: .siteSpecific, expected: "a whole number of tumour sites"
      ) { parser, value throws(StagingError) in
        try parser.setMultifocalSites(try value.whole())
      }
    case .headAndNeckInvasion:
      return .list(
        HeadAndNeckStructure.self, "Head and neck structures invaded", hint: "Hold Ctrl or Cmd to choose several.",
        help:
          "Head and neck: the structures invaded (orbit … pterygoidMuscle: T4a; brainParenchyma … perineuralCNS: T4b). CSV: ;-separated.",
        section: "§3.3", form: .siteSpecific,
        expected: "a list of structure names"
      ) { parser, value throws(StagingError) in
        parser.facts.headAndNeckInvasion = try value.codes(HeadAndNeckStructure.self)
      }
    case .invadedOrgans:
      return .list(
        RetroperitonealOrgan.self, "Organs invaded (retroperitoneum/peritoneum)",
        hint: "Hold Ctrl or Cmd to choose several.",
        help: "Retroperitoneum/peritoneum: the organs invaded. CSV: ;-separated.", section: "§6.3", form: .siteSpecific,
        flag: "invaded-organ",
        expected: "a list of organ names"
      ) { parser, value throws(StagingError) in parser.facts.invadedOrgans = try value.codes(RetroperitonealOrgan.self)
      }
    case .discontinuousTumours:
      return .field(
        .flag, "Discontinuous tumours", hint: "Bone: discontinuous tumours in the primary bone.",
        help: "Bone: discontinuous tumours in the primary bone (T3).", section: "§3.6", form: nil,
        flag: "discontinuous",
        expected: "true or false"
      ) { parser, value throws(StagingError) in parser.facts.discontinuousTumours = try value.flag() }
    case .eodPrimaryTumor:
      return .field(
        .text(example: "200", pattern: "^([0-9]{3})?$"), "EOD Primary Tumor (NAACCR 772)",
        hint: "Three digits, as the registry codes it.",
        help:
          "SEER EOD 2018 Primary Tumor code (NAACCR 772), e.g. 200; checked against the schema chosen from topography, histology, diagnosisYear and schemaDiscriminator2. With any EOD code the summary stage is derived from the codes as SEER does.",
        section: "registry-codes §4", form: nil
      ) { parser, value throws(StagingError) in
        parser.facts.eod.primaryTumor = try CaseFactsParser.eodItem(value.text, digits: 3, field: "eodPrimaryTumor")
      }
    case .eodRegionalNodes:
      return .field(
        .text(example: "000", pattern: "^([0-9]{3})?$"), "EOD Regional Nodes (NAACCR 774)",
        hint: "Three digits, as the registry codes it.",
        help: "SEER EOD 2018 Regional Nodes code (NAACCR 774), e.g. 000; absent means SEER's default 999.",
        section: "registry-codes §4", form: nil
      ) { parser, value throws(StagingError) in
        parser.facts.eod.regionalNodes = try CaseFactsParser.eodItem(value.text, digits: 3, field: "eodRegionalNodes")
      }
    case .eodMets:
      return .field(
        .text(example: "00", pattern: "^([0-9]{2})?$"), "EOD Mets (NAACCR 776)",
        hint: "Two digits, as the registry codes it.",
        help:
          "SEER EOD 2018 Mets code (NAACCR 776): 00, 10, 70 or 99; not given means SEER's default 00.",
        section: "registry-codes §4", form: nil
      ) { parser, value throws(StagingError) in
        parser.facts.eod.mets = try CaseFactsParser.eodItem(value.text, digits: 2, field: "eodMets")
      }
    case .schemaDiscriminator2:
      return .field(
        .text(example: "1", pattern: "^[1289]$"), "Schema Discriminator 2 (NAACCR 3927)",
        hint: "C47.3, C47.5, C49.3–C49.5: 1 external, 2 internal, 9 not specific.",
        help:
          "SEER Schema Discriminator 2 (NAACCR 3927) for C47.3, C47.5, C49.3–C49.5: 1 external (trunk and extremities), 2 internal (abdomen and thoracic), 8 abstracted before 2021 (dx 2018–2020), 9 not specific (soft tissue other).",
        section: "registry-codes §2", form: nil
      ) { parser, value throws(StagingError) in
        let text = value.text.trimmingCharacters(in: .whitespaces)
        guard ["1", "2", "8", "9"].contains(text), let code = UInt8(text) else {
          throw .invalidValue(field: "schemaDiscriminator2", value: text, expected: ["1", "2", "8", "9"])
        }
        parser.facts.eod.discriminator2 = code
      }
    case .system:
      return .code(
        StagingSystem.self, "Staging system", hint: "ajcc7, ajcc8 or figo2009 (required with t).",
        help: "Staging system: ajcc7, ajcc8 or figo2009; with it, that system's result only.", section: "§1.4",
        form: nil
      ) { parser, value throws(StagingError) in parser.facts.system = try value.code(StagingSystem.self) }
    case .t:
      return .field(
        .codes(TCategory.self), "T category",
        hint: "T category as recorded, e.g. T2b.",
        help:
          "T category as recorded (T2b, pT2b); needs system unless the site is the uterus. Every part that the facts given decide (size cut, depth, extent, invasion, multifocality, discontinuity) must agree, whichever other facts are missing; a contradiction is an error on t naming the fact.",
        section: "§4.1", form: nil
      ) {
        parser, value throws(StagingError) in
        parser.facts.t = try value.code(TCategory.self)
        parser.tIsPathological = value.startsWithP
      }
    case .n:
      return .code(
        NCategory.self, "N category", hint: "N category as recorded (same as nodes).",
        help: "N category as recorded; must agree with nodes.", section: "§2.3", form: nil
      ) { parser, value throws(StagingError) in parser.nCategory = try value.code(NCategory.self) }
    case .m:
      return .code(
        MCategory.self, "M category", hint: "M category as recorded (same as metastasis).",
        help: "M category as recorded; must agree with metastasis.", section: "§2.3", form: nil
      ) { parser, value throws(StagingError) in parser.mCategory = try value.code(MCategory.self) }
    case .subtype: return Self.subtypeSpec
    case .differentiationScore: return Self.differentiationScoreSpec
    case .mitoticCount: return Self.mitoticCountSpec
    case .mitoticAreaMm2: return Self.mitoticAreaMm2Spec
    case .necrosis: return Self.necrosisSpec
    case .necrosisPercent: return Self.necrosisPercentSpec
    }
  }
}
