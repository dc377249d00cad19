import Foundation

/// The case schema as a whole: the specs of every ``CaseField``, built once.
public enum CaseSchema {
  /// Every field's spec, indexed by ``CaseField/rawValue``.
  static let specs: [CaseFieldSpec] = CaseField.allCases.map { field in
    var spec = field.declaration
    spec.name = String(describing: field)
    if spec.flag == "" { spec.flag = kebab(spec.name) }
    return spec
  }

  static let byName: [String: CaseField] = Dictionary(
    uniqueKeysWithValues: CaseField.allCases.map { (String(describing: $0), $0) })

  /// Every field in validation order: text fields first (codes, ICD-O-3 codes, dates), then numbers, flags and
  /// lists, so that the first error reported is the first invalid text field.
  static let validationOrder =
    CaseField.allCases.filter { $0.spec.isText } + CaseField.allCases.filter { !$0.spec.isText }

  /// The fields of a JSON document's top level, in order.
  public static let topLevel = CaseField.allCases.filter { $0.spec.placement == .topLevel }
  /// The members of the nested `fnclcc` object, in order.
  public static let fnclccMembers = CaseField.allCases.filter { $0.spec.placement == .inFNCLCC }

  static func kebab(_ name: String) -> String {
    var out = ""
    for character in name {
      if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
    }
    return out
  }
}
