import Foundation

/// The JSON form of a rule table, before compilation.
struct TableDocument: Decodable {
  struct ColumnSpec: Decodable {
    var key: String
    var domain: [String]?
    var numeric: Bool?
    /// Codes that only a registry code sets, never a fact a person states: not a completion of an unknown fact.
    var registryOnly: [String]?
  }

  enum CellSpec: Decodable {
    case any
    case codes([String])
    case numeric(NumericCell)

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let text = try? container.decode(String.self) {
        guard text == "*" else {
          throw DecodingError.dataCorruptedError(in: container, debugDescription: "a text cell must be \"*\"")
        }
        self = .any
      } else if let codes = try? container.decode([String].self) {
        self = .codes(codes)
      } else {
        self = .numeric(try container.decode(NumericCell.self))
      }
    }
  }

  struct OutcomeSpec: Decodable {
    var value: String?
    var qualifier: String?
    var error: String?

    init(from decoder: any Decoder) throws {
      if let text = try? decoder.singleValueContainer().decode(String.self) {
        value = text
        return
      }
      let container = try decoder.container(keyedBy: CodingKeys.self)
      value = try container.decodeIfPresent(String.self, forKey: .value)
      qualifier = try container.decodeIfPresent(String.self, forKey: .qualifier)
      error = try container.decodeIfPresent(String.self, forKey: .error)
    }

    enum CodingKeys: String, CodingKey { case value, qualifier, error }
  }

  struct RowSpec: Decodable {
    var when: [String: CellSpec]
    var then: OutcomeSpec
    var because: String
    var section: String?
    var decisions: [String]?
  }

  var id: String
  var version: Int
  var title: String
  var section: String
  var sources: [String]
  var inputs: [ColumnSpec]
  var output: ColumnSpec
  var rows: [RowSpec]
}
