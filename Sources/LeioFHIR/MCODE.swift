import Foundation
import LeioCore

/// The canonical URLs, code systems and codes of mCODE STU4 that Leio writes and reads.
///
/// Every value is read from `fhir-mcode.md` (the mCODE IG source, HEAD `543477b`, and US Core 6.1.0), cited by
/// section; a code the document marks "not mapped" is not here. Displays are given only where the document quotes
/// them.
public enum MCODE {
  /// mCODE's canonical base (§1).
  public static let base = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
  /// A Leio extension: the case document as Leio stores it (JSON text), so that what mCODE has no element for
  /// (depth, extent, FNCLCC components, registry codes) survives a round trip. Not an mCODE element; receivers
  /// ignore it (it is not a modifier extension).
  public static let caseDocumentExtension = "urn:leio:fhir:extension:case-document"
  /// The identifier system of a tumour (a primary cancer condition, its tumour body structure and specimen): the
  /// NAACCR Tumor Record Number, unique per patient. A Leio rule.
  public static let tumourIdentifierSystem = "urn:leio:fhir:identifier:tumour"

  /// The profiles Leio writes (§2), by resource role.
  public enum Profile: String, Sendable, CaseIterable {
    case patientBundle = "mcode-patient-bundle"
    case cancerPatient = "mcode-cancer-patient"
    case primaryCondition = "mcode-primary-cancer-condition"
    case secondaryCondition = "mcode-secondary-cancer-condition"
    case tnmStageGroup = "mcode-tnm-stage-group"
    case tnmPrimaryTumor = "mcode-tnm-primary-tumor-category"
    case tnmRegionalNodes = "mcode-tnm-regional-nodes-category"
    case tnmDistantMetastases = "mcode-tnm-distant-metastases-category"
    case figoStage = "mcode-gynecologic-tumor-figo-stage"
    case tumorSize = "mcode-tumor-size"
    case tumor = "mcode-tumor"
    case humanSpecimen = "mcode-human-specimen"
    case histologicGrade = "mcode-histologic-grade"
    case surgicalProcedure = "mcode-cancer-related-surgical-procedure"
    case radiotherapyCourse = "mcode-radiotherapy-course-summary"
    case medicationAdministration = "mcode-cancer-related-medication-administration"
    case diseaseStatus = "mcode-cancer-disease-status"

    /// The canonical URL.
    public var url: String { MCODE.base + rawValue }

    /// The profiles of a cancer stage (`Condition.stage.assessment` may point only to these; §3).
    static let stages: Set<Profile> = [.tnmStageGroup, .figoStage]
  }

  /// Extensions (§2).
  enum ExtensionURL {
    static let histology = MCODE.base + "mcode-histology-morphology-behavior"
    static let laterality = MCODE.base + "mcode-laterality-qualifier"
    static let relatedCondition = MCODE.base + "mcode-related-condition"
    static let evidenceType = MCODE.base + "mcode-cancer-disease-status-evidence-type"
    static let conditionRelated = "http://hl7.org/fhir/StructureDefinition/condition-related"
  }

  /// Code systems (§1).
  enum System {
    static let snomed = "http://snomed.info/sct"
    static let loinc = "http://loinc.org"
    static let ucum = "http://unitsofmeasure.org"
    static let icdO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3"
    static let ncit = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl"
    static let conditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    static let conditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
    static let conditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category"
    static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    static let dataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
    static let identifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"
    static let specimenType = "http://terminology.hl7.org/CodeSystem/v2-0487"
    static let resourceTypes = "http://hl7.org/fhir/resource-types"
  }

  /// A coding: system, code and (where the shared document quotes one) display.
  struct Code: Sendable, Hashable {
    let system: String
    let code: String
    let display: String?

    init(_ system: String, _ code: String, _ display: String? = nil) {
      (self.system, self.code, self.display) = (system, code, display)
    }

    var json: FHIRJSON { ["system": .string(system), "code": .string(code), "display": .optional(display)] }
    /// A CodeableConcept of this coding (and `text`).
    func concept(text: String? = nil) -> FHIRJSON { ["coding": [json], "text": .optional(text)] }
  }

  // MARK: Fixed codes

  /// ICD-O-3 style primary condition code (§3, "ICD-O-3 (Leio)").
  static let malignantNeoplasm = Code(System.snomed, "363346000", "Malignant neoplastic disease (disorder)")
  static let problemListItem = Code(System.conditionCategory, "problem-list-item", "Problem List Item")
  static let medicalRecordNumber = Code(System.identifierType, "MR", "Medical Record Number")
  /// Observation categories of decision D2 (§6): imaging on TNM observations, laboratory on FIGO and grade.
  static let imagingCategory = Code(System.observationCategory, "imaging", "Imaging")
  static let laboratoryCategory = Code(System.observationCategory, "laboratory", "Laboratory")
  static let dataAbsentUnknown = Code(System.dataAbsentReason, "unknown", "Unknown")
  static let dataAbsentNotApplicable = Code(System.dataAbsentReason, "not-applicable", "Not Applicable")
  /// FIGO stage observation code and the uterine-tumour FIGO method (§3 "FIGO stage"; FIGO 2009 as an edition is
  /// not mapped, so the method carries the text "FIGO 2009").
  static let figoStageCode = Code(
    System.snomed, "385361009",
    "International Federation of Gynecology and Obstetrics stage for gynecological malignancy (observable entity)")
  static let figoUterineMethod = Code(System.snomed, "254385004")
  static let tumorSizeCode = Code(System.loinc, "21889-1", "Size Tumor")
  static let longestDimension = Code(System.loinc, "33728-7", "Size.maximum dimension in Tumor")
  static let histologicGradeCode = Code(System.ncit, "C18000", "Histologic Grade")
  static let surgicalCategory = Code(System.snomed, "387713003", "Surgical procedure (procedure)")
  static let radiotherapyCourse = Code(
    System.snomed, "1217123003", "Radiotherapy course of treatment (regime/therapy)")
  static let diseaseStatusCode = Code(System.loinc, "97509-4", "Cancer Disease Progression")
  static let tumourSpecimen = Code(System.specimenType, "TUMOR", "Tumor")
  static let bodyStructureType = Code(System.resourceTypes, "BodyStructure")
  /// Disease status values of decision D4 (§5, §6): recurrence → worsened, suspicious → undetermined.
  static let worsened = Code(System.snomed, "271299001")
  static let undetermined = Code(System.snomed, "709137006")
  /// Evidence type Imaging (§2).
  static let imagingEvidence = Code(System.snomed, "363679005")

  /// TNMStagingMethodVS: AJCC 7 and AJCC 8 (§3 "Methods"; the 7th edition's display is not quoted).
  static func method(_ system: StagingSystem) -> Code? {
    switch system {
    case .ajcc7: Code(System.snomed, "443830009")
    case .ajcc8:
      Code(
        System.snomed, "897275008",
        "American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system (tumor staging)"
      )
    case .figo2009: nil
    }
  }

  /// The TNM observation codes (§3's code table): row = stage group, T, N, M; column = unspecified, clinical,
  /// pathologic.
  enum Axis: String, Sendable, CaseIterable {
    case group, t, n, m

    func code(_ basis: Basis?) -> Code {
      let row: (String, String, String, String, String, String) =
        switch self {
        case .group:
          (
            "399390009", "TNM stage grouping", "399537006", "Clinical TNM stage grouping", "399588009",
            "Pathologic TNM stage grouping"
          )
        case .t: ("78873005", "T category", "399504009", "cT category", "384625004", "pT category")
        case .n: ("277206009", "N category", "399534004", "cN category", "371494008", "pN category")
        case .m: ("277208005", "M category", "399387003", "cM category", "371497001", "pM category")
        }
      switch basis {
      case nil: return Code(System.snomed, row.0, row.1)
      case .clinical: return Code(System.snomed, row.2, row.3)
      case .pathological: return Code(System.snomed, row.4, row.5)
      }
    }

    /// The basis a code of this axis says (`nil` for the unspecified code; `.some(nil)` is never returned).
    func basis(ofCode code: String) -> Basis?? {
      for basis in [nil, Basis.clinical, .pathological] where self.code(basis).code == code { return .some(basis) }
      return nil
    }

    var profile: Profile {
      switch self {
      case .group: .tnmStageGroup
      case .t: .tnmPrimaryTumor
      case .n: .tnmRegionalNodes
      case .m: .tnmDistantMetastases
      }
    }
  }

  /// The eight SNOMED value codes the IG's examples confirm (§3 "Values"; decision D1: every other value is text
  /// only). Keyed by the prefixed text (`cT3`, `IIB`).
  static let confirmedValues: [String: String] = [
    "IIB": "1222769001", "IIIC": "1222806003", "cT3": "1228938002", "pT3": "1229859000",
    "cN0": "1229967007", "pN0": "1229947003", "cN3": "1229984001", "cM0": "1229901006",
  ]

  /// FIGO 2009 uterine-sarcoma stage values, NCIt (§3 "FIGO stage").
  static let figoValues: [StageGroup: String] = [
    .i: "C96244", .ia: "C96245", .ib: "C96248", .ii: "C96252", .iia: "C96253", .iib: "C96254", .iii: "C96255",
    .iiia: "C96256", .iiib: "C96257", .iiic: "C96258", .iv: "C96261", .iva: "C96262", .ivb: "C96263",
  ]

  /// Laterality qualifier values (§2; required binding). Leio's `unknown` has no code and is not sent.
  static let laterality: [Laterality: Code] = [
    .right: Code(System.snomed, "24028007", "Right"), .left: Code(System.snomed, "7771000", "Left"),
    .bilateral: Code(System.snomed, "51440002", "Right and left"),
    .midline: Code(System.snomed, "399488007", "Midline"),
  ]

  /// Histologic grade values of decision D3 (§6; a term match that needs clinical sign-off): G1 low, G2
  /// intermediate, G3 high. Two-tier `low`/`high`, GX and differentiation-only grades are text or absent.
  static let gradeValues: [ReportedGrade: String] = [.g1: "1155708003", .g2: "1286893008", .g3: "1155707008"]
}
