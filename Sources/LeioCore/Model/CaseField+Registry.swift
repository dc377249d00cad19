import Foundation

/// The registry fields as NAACCR names and codes them (registry-codes §5, §6): a registrar's record is staged as it
/// is, and each code is read into Leio's facts by ``EODFactTable`` and ``EODGradeTable``.
extension CaseField {
  static let primarySiteSpec: CaseFieldSpec =
    .field(
      .text(example: "C492", pattern: "^[Cc][0-9]{2}\\.?[0-9]$"), "Primary Site (NAACCR 400)",
      hint: "As NAACCR writes it, C492; the same as topography.",
      help:
        "ICD-O-3 topography as NAACCR item 400 writes it (C492) or with its dot (C49.2); the same fact as topography, which it must agree with.",
      section: "registry-codes §6", form: nil
    ) { parser, value throws(StagingError) in
      let code = try TopographyCode(parsing: value.text, field: "primarySite")
      if let given = parser.facts.topography, given != code {
        throw .inconsistent(field: "primarySite", message: "'\(code)' contradicts topography '\(given)'.")
      }
      parser.facts.topography = code
    }

  static let histologicTypeSpec: CaseFieldSpec =
    .field(
      .text(example: "8890", pattern: "^[0-9]{4}$"), "Histologic Type ICD-O-3 (NAACCR 522)",
      hint: "Four digits; with behaviorCodeIcdO3.",
      help:
        "ICD-O-3 histologic type, four digits (NAACCR 522); with behaviorCodeIcdO3 it is the histology (8890 + 3 = 8890/3), which it must agree with when both are given.",
      section: "registry-codes §6", form: nil
    ) { parser, value throws(StagingError) in
      let text = value.text.trimmingCharacters(in: .whitespaces)
      guard text.utf8.count == 4, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
        throw .invalidValue(field: "histologicTypeIcdO3", value: text, expected: ["four digits such as 8890"])
      }
      parser.histologicType = text
    }

  static let behaviorSpec: CaseFieldSpec =
    .field(
      .text(example: "3", pattern: "^[0-3]$"), "Behavior Code ICD-O-3 (NAACCR 523)",
      hint: "0 benign, 1 uncertain, 2 in situ, 3 malignant.",
      help: "ICD-O-3 behaviour code (NAACCR 523): 0, 1, 2 or 3; with histologicTypeIcdO3.",
      section: "registry-codes §6", form: nil
    ) { parser, value throws(StagingError) in
      let text = value.text.trimmingCharacters(in: .whitespaces)
      guard ["0", "1", "2", "3"].contains(text) else {
        throw .invalidValue(field: "behaviorCodeIcdO3", value: text, expected: ["0", "1", "2", "3"])
      }
      parser.behavior = text
    }

  static let tumorSizeSummarySpec: CaseFieldSpec =
    .field(
      .text(example: "075", pattern: "^([0-9]{3})?$"), "Tumor Size Summary (NAACCR 756)",
      hint: "Millimetres, three digits; 999 unknown.",
      help:
        "SEER Tumor Size Summary (NAACCR 756): 001–988 the size in mm, 989 for 989 mm or more, 990 a microscopic focus, 000 no tumour found, 998/999 unknown; the Collaborative Stage codes 991–995 are refused. It must agree with sizeCm when both are given.",
      section: "registry-codes §5", form: nil
    ) { parser, value throws(StagingError) in
      parser.facts.eod.tumorSize = try CaseFactsParser.eodItem(value.text, digits: 3, field: "tumorSizeSummary")
    }

  static let gradeClinicalSpec = gradeCodeSpec(clinical: true) { parser, value throws(StagingError) in
    parser.facts.eod.gradeClinical = try gradeByte(value, field: "gradeClinical")
  }
  static let gradePathologicalSpec = gradeCodeSpec(clinical: false) { parser, value throws(StagingError) in
    parser.facts.eod.gradePathological = try gradeByte(value, field: "gradePathological")
  }

  static func gradeByte(_ value: FieldValue, field: String) throws(StagingError) -> UInt8 {
    let text = value.text.trimmingCharacters(in: .whitespaces).uppercased()
    let codes = EODGradeTable.rows.map { String($0.code) }
    guard codes.contains(text), let byte = text.utf8.first else {
      throw .invalidValue(field: field, value: text, expected: codes)
    }
    return byte
  }

  static func gradeCodeSpec(clinical: Bool, _ apply: CaseFieldSpec.Apply) -> CaseFieldSpec {
    .field(
      .text(example: "3", pattern: "^[123ABCDH9]$"),
      clinical ? "Grade Clinical (NAACCR 3843)" : "Grade Pathological (NAACCR 3844)",
      hint: "1–3 FNCLCC, A–D generic, H high grade, 9 unknown.",
      help:
        "SEER grade code (NAACCR \(clinical ? "3843" : "3844")): 1, 2, 3 (FNCLCC), A–D (generic differentiation: GX for grouping, D-07), H (high grade only), 9 (unknown); corpus and cervix sarcoma take 1, 2, 3, 9 only. With both grades, the higher in SEER's order is used; it must agree with grade when both are given.",
      section: "registry-codes §5", form: nil, apply: apply
    )
  }
}
