import Foundation

extension CaseSchema {
  /// The JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) of a case document, derived from the declaration:
  /// `CaseInput` (the document), `CaseFNCLCC` (its nested `fnclcc` object) and `FNCLCCInput` (the grade calculator's
  /// request: the same members and a `site`). `scripts/openapi.py` writes them into the OpenAPI document, and
  /// LeioServerTests fails when the committed document differs.
  public static func jsonSchemas() -> [String: Any] {
    func properties(_ fields: [CaseField]) -> [String: Any] {
      Dictionary(uniqueKeysWithValues: fields.map { ($0.name, schema($0.spec)) })
    }
    var document = properties(topLevel)
    document["fnclcc"] = ["$ref": "#/components/schemas/CaseFNCLCC"]
    var grade = properties(fnclccMembers)
    grade["site"] = schema(CaseField.site.spec)
    func object(_ properties: [String: Any], _ description: String) -> [String: Any] {
      [
        "type": "object", "required": [String](), "properties": properties, "additionalProperties": false,
        "description": description,
      ]
    }
    return [
      "CaseInput": object(document, "A case document: every field optional, unknown fields refused (`leio fields`)."),
      "CaseFNCLCC": object(properties(fnclccMembers), "The FNCLCC grade components of a case document."),
      "FNCLCCInput": object(grade, "The FNCLCC grade components, and the primary site (uterine LMS is not graded)."),
    ]
  }

  /// The JSON Schema of one field.
  static func schema(_ spec: CaseFieldSpec) -> [String: Any] {
    var schema: [String: Any] = ["description": spec.help]
    switch spec.kind {
    case .code(_, let accepted, let integers):
      schema["type"] = integers ? ["string", "integer"] : "string"
      schema["enum"] = integers ? (accepted as [Any]) + accepted.compactMap(Int.init) : accepted
    case .text(_, let pattern):
      schema["type"] = "string"
      if let pattern { schema["pattern"] = pattern }
    case .number(_, _, let minimum, let exclusive, let maximum):
      schema["type"] = "number"
      schema[exclusive ? "exclusiveMinimum" : "minimum"] = minimum
      if let maximum { schema["maximum"] = maximum }
    case .whole(_, let minimum, let maximum):
      schema["type"] = "integer"
      schema["minimum"] = minimum
      if let maximum { schema["maximum"] = maximum }
    case .date:
      schema["type"] = "string"
      schema["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    case .flag:
      schema["type"] = "boolean"
    case .list(_, let accepted):
      schema["type"] = "array"
      schema["items"] = ["type": "string", "enum": accepted]
    }
    return schema
  }

  /// The fields as a Markdown table (the README's case-document table).
  public static func markdownTable() -> String {
    var lines = ["| Field | Type | CLI flag | Values and meaning | Reference |", "|---|---|---|---|---|"]
    for field in CaseField.allCases {
      let spec = field.spec
      let name = spec.placement == .inFNCLCC ? "`fnclcc.\(spec.name)`" : "`\(spec.name)`"
      let flag = spec.flag.map { "`--\($0)`" } ?? "–"
      var values = spec.help
      switch spec.kind {
      case .code(let choices, _, _), .list(let choices, _):
        values += " Values: " + choices.map { "`\($0)`" }.joined(separator: ", ") + "."
      case .number, .whole, .text, .date, .flag: break
      }
      lines.append("| \(name) | \(typeName(spec.kind)) | \(flag) | \(values) | \(spec.section) |")
    }
    return lines.joined(separator: "\n")
  }

  /// The kind in words: `string`, `number (cm)`, `[string]`, …
  public static func typeName(_ kind: CaseFieldSpec.Kind) -> String {
    switch kind {
    case .code(_, _, let integers): integers ? "string or integer" : "string"
    case .text: "string"
    case .number(let unit, _, _, _, _): "number (\(unit))"
    case .whole: "integer"
    case .date: "date (YYYY-MM-DD)"
    case .flag: "boolean"
    case .list: "[string]"
    }
  }
}
