import Foundation

/// The FNCLCC components: members of the nested `fnclcc` object in JSON, columns of their own in CSV (§5.1).
extension CaseField {
  static let subtypeSpec: CaseFieldSpec =
    .field(
      .codes(LMSSubtype.self), "LMS subtype",
      hint: "Gives the differentiation score (myxoid and NOS need the pathologist's score).",
      help: "LMS subtype, from which the differentiation score follows.", section: "§5.1.1", form: .fnclcc, flag: nil,
      placement: .inFNCLCC
    ) { parser, value throws(StagingError) in parser.setFNCLCC { $0.subtype = value.text } }

  static let differentiationScoreSpec: CaseFieldSpec =
    .field(
      .whole(example: "2", minimum: 1, maximum: 3), "Differentiation score (1–3)",
      hint: "From the pathology report, if given.",
      help: "Differentiation score 1–3 given by the pathologist.", section: "§5.1", form: .fnclcc, flag: nil,
      placement: .inFNCLCC, expected: "a whole number 1, 2 or 3"
    ) { parser, value throws(StagingError) in
      let score = try value.whole()
      parser.setFNCLCC { $0.differentiationScore = score }
    }

  static let mitoticCountSpec: CaseFieldSpec =
    .field(
      .number(unit: "mitoses", example: "12", minimum: 0, exclusive: false, maximum: nil), "Mitoses counted",
      hint: "Per 10 high-power fields, or in the area below.",
      help: "Mitoses counted (per 10 HPF, or per mitoticAreaMm2).",
      section: "§5.1.2", form: .fnclcc, flag: nil, placement: .inFNCLCC, expected: "a number of mitoses"
    ) {
      parser, value throws(StagingError) in
      let count = try value.number()
      parser.setFNCLCC { $0.mitoticCount = count }
    }

  static let mitoticAreaMm2Spec: CaseFieldSpec =
    .field(
      .number(unit: "mm²", example: "1.734", minimum: 0, exclusive: true, maximum: nil), "Counting area (mm²)",
      hint: "Optional; the count is normalised to 1.734 mm².",
      help: "Area in mm² the count was made in; without it, per 10 HPF.",
      section: "§5.1.2", form: .fnclcc, flag: nil, placement: .inFNCLCC, expected: "an area in mm²"
    ) {
      parser, value throws(StagingError) in
      let area = try value.number()
      parser.setFNCLCC { $0.mitoticAreaMm2 = area }
    }

  static let necrosisSpec: CaseFieldSpec =
    .field(
      .codes(NecrosisExtent.self), "Necrosis",
      hint: "Or give the percentage below.", help: "Tumour necrosis: none, lessThanHalf or atLeastHalf.",
      section: "§5.1",
      form: .fnclcc, flag: nil, placement: .inFNCLCC
    ) { parser, value throws(StagingError) in
      parser.setFNCLCC { $0.necrosis = value.text }
    }

  static let necrosisPercentSpec: CaseFieldSpec =
    .field(
      .number(unit: "%", example: "30", minimum: 0, exclusive: false, maximum: 100), "Necrosis (% of tumour)",
      hint: "0 to 100.", help: "Tumour necrosis as a percentage of the tumour.", section: "§5.1", form: .fnclcc,
      flag: nil,
      placement: .inFNCLCC, expected: "a percentage 0 to 100"
    ) { parser, value throws(StagingError) in
      let percent = try value.number()
      parser.setFNCLCC { $0.necrosisPercent = percent }
    }
}
