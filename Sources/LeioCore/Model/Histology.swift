import Foundation

/// An ICD-O-3 morphology code (`8890/3`) and what Leio does with it.
/// - Source: reference §1.2, §4.3.
public struct Histology: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How the code relates to LMS staging.
  public enum Scope: String, Sendable, Hashable, Codable {
    /// Leiomyosarcoma (8890/3, 8891/3, 8896/3): staged.
    case lms
    /// LMS-family but unconfirmed (8894/3, 8895/3): staged with a warning (D-03).
    case lmsFamilyUnconfirmed
    /// Benign or uncertain behaviour: accepted, never staged.
    case nonMalignant
    /// Adenosarcoma or carcinosarcoma: another staging system (§4.3).
    case differentSystem
    /// GIST: a different disease; LMS staging is refused (R-1.2b).
    case gist
  }

  /// The code as written, e.g. `8890/3`.
  public let code: String
  /// The ICD-O-3 term.
  public let term: String
  /// What Leio does with it.
  public let scope: Scope
  /// Status tag of the reference for the code.
  public let status: String
  /// A note to show with the code, if any.
  public let note: String?

  /// The value in words, as messages and pages show it.
  public var description: String { "\(code) \(term)" }
}

/// The histology codes of `histology.json`.
struct HistologyCatalog: Sendable {
  let version: Int
  let codes: [String: Histology]

  init(json data: Data) throws {
    struct Document: Decodable {
      var version: Int
      var codes: [Histology]
    }
    let document = try JSONDecoder().decode(Document.self, from: data)
    version = document.version
    codes = Dictionary(document.codes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The entry for `text` (`8890/3`, blanks ignored).
  ///
  /// - Throws: ``StagingError/invalidValue(field:value:expected:)`` for a code
  ///   that is not an LMS-family, related or out-of-scope code of §1.2.
  func histology(_ text: String) throws(StagingError) -> Histology {
    let key = String(decoding: text.utf8.trimmingASCIISpaces, as: UTF8.self)
    if let entry = codes[key] { return entry }
    let wellFormed =
      key.utf8.count == 6
      && key.utf8.enumerated().allSatisfy { index, byte in
        index == 4 ? byte == UInt8(ascii: "/") : (byte >= 48 && byte <= 57)
      }
    let expected =
      wellFormed
      ? [
        "a leiomyosarcoma-family code: 8890/3, 8891/3, 8896/3 (also 8894/3, 8895/3; benign 889x/0–1 are accepted but not staged)"
      ]
      : ["an ICD-O-3 morphology code such as 8890/3"]
    throw StagingError.invalidValue(field: "histology", value: text, expected: expected)
  }
}
