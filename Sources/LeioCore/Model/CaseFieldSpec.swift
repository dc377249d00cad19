import Foundation

/// Everything Leio knows about one case field: how it is written, what it accepts, how it is explained, and how its
/// value becomes a typed fact.
///
/// Each field has exactly one spec, in ``CaseField``'s declaration. JSON decoding (``CaseInput``'s `Decodable` and
/// the fast flat reader), CSV headers, the calculator form, the CLI's case flags and `leio fields`, and the OpenAPI
/// request schema (``CaseSchema/jsonSchemas()``) are all derived from the specs.
public struct CaseFieldSpec: Sendable {
  /// The kind of value a field holds, with what it accepts.
  public enum Kind: Sendable {
    /// A code: the spellings offered in forms (`choices`) and every spelling accepted (`accepted`, case-insensitive);
    /// `integers`: a JSON integer is read as its digits (a grade of `3`).
    case code(choices: [String], accepted: [String], integers: Bool)
    /// Free text checked by the core (an ICD-O-3 code); `pattern` is the shape the OpenAPI document declares.
    case text(example: String, pattern: String?)
    /// A decimal number: `unit`, and the bounds the core enforces.
    case number(unit: String, example: String, minimum: Double, exclusive: Bool, maximum: Double?)
    /// A whole number with its bounds.
    case whole(example: String, minimum: Int, maximum: Int?)
    /// A calendar date written `YYYY-MM-DD`.
    case date
    /// `true` or `false` (CSV also `yes`/`no`/`1`/`0`); a CLI switch, a form checkbox.
    case flag
    /// A list of codes (CSV: `;`-separated; CLI: a repeatable flag; form: a multiple choice).
    case list(choices: [String], accepted: [String])
  }

  /// Where a field is written.
  public enum Placement: Sendable {
    /// A member of the JSON document and a CSV column.
    case topLevel
    /// Inside the `fnclcc` object of a JSON document; a CSV column of its own.
    case inFNCLCC
  }

  /// The fieldsets of the staging calculator, in page order.
  public enum FormGroup: Int, Sendable, CaseIterable {
    case tumour, fnclcc, spread, siteSpecific

    /// The fieldset's legend.
    public var legend: String {
      switch self {
      case .tumour: "Tumour"
      case .fnclcc: "FNCLCC components (instead of the grade)"
      case .spread: "Spread"
      case .siteSpecific: "Site-specific extent"
      }
    }
  }

  /// The JSON member and CSV column name.
  public internal(set) var name = ""
  /// What the field holds.
  public let kind: Kind
  /// Where it is written.
  public let placement: Placement
  /// The label of the form control.
  public let label: String
  /// One line shown under the form control and in the CLI help.
  public let hint: String
  /// The longer description of `leio fields`, the README and the OpenAPI document.
  public let help: String
  /// The section of the clinical reference (or of the shared registry/FHIR notes) the field serves.
  public let section: String
  /// The calculator fieldset that shows it; `nil`: not on the form (kept as stored when a record is edited).
  public let form: FormGroup?
  /// The CLI flag without its dashes (`size` for `--size`); `nil`: no flag.
  public internal(set) var flag: String?
  /// How a value of the wrong JSON type is described in the error.
  public let expected: String
  /// Turns a value into typed facts (and checks it).
  let apply: Apply

  /// How a spec turns a value into typed facts: a plain function (`@convention(thin)`: no captures, no context), so
  /// that calling it per CSV cell costs one indirect call — no reference counting and no conversion thunk, which a
  /// stored closure costs (a tenth of the batch path's speed when measured).
  typealias Apply = @convention(thin) (inout CaseFactsParser, FieldValue) throws(StagingError) -> Void

  /// `true` for fields whose value is text in every format (codes, free text, dates).
  public var isText: Bool {
    switch kind {
    case .code, .text, .date: true
    case .number, .whole, .flag, .list: false
    }
  }
}

extension CaseFieldSpec.Kind {
  /// The kind of a code field of type `C`.
  static func codes<C: ClinicalCode>(_ type: C.Type, choices: [C]? = nil, integers: Bool = false) -> Self {
    .code(choices: (choices ?? Array(C.allCases)).map(\.rawValue), accepted: C.acceptedSpellings, integers: integers)
  }
}

extension CaseFieldSpec {
  /// A code field of type `C`; `apply` reads it with `value.code(C.self)` and sets the fact.
  static func code<C: ClinicalCode>(
    _ type: C.Type, _ label: String, hint: String, help: String, section: String, form: FormGroup?, flag: String? = "",
    choices: [C]? = nil, integers: Bool = false, apply: Apply
  ) -> CaseFieldSpec {
    CaseFieldSpec(
      kind: .codes(C.self, choices: choices, integers: integers),
      placement: .topLevel, label: label, hint: hint, help: help, section: section, form: form, flag: flag,
      expected: "a text value", apply: apply)
  }

  /// A list-of-codes field of type `C`.
  static func list<C: ClinicalCode>(
    _ type: C.Type, _ label: String, hint: String, help: String, section: String, form: FormGroup?, flag: String? = "",
    expected: String, apply: Apply
  ) -> CaseFieldSpec {
    CaseFieldSpec(
      kind: .list(choices: C.allCases.map(\.rawValue), accepted: C.acceptedSpellings), placement: .topLevel,
      label: label,
      hint: hint, help: help, section: section, form: form, flag: flag, expected: expected, apply: apply)
  }

  /// A field of any other kind; `apply` reads the value with the parser's typed readers.
  static func field(
    _ kind: Kind, _ label: String, hint: String, help: String, section: String, form: FormGroup?, flag: String? = "",
    placement: Placement = .topLevel, expected: String = "a text value",
    apply: Apply
  ) -> CaseFieldSpec {
    CaseFieldSpec(
      kind: kind, placement: placement, label: label, hint: hint, help: help, section: section, form: form, flag: flag,
      expected: expected, apply: apply)
  }
}
