import Foundation
import LeioCore
import Testing

/// The case schema is declared once (``CaseField``) and everything else is derived from it.
@Suite("Case schema")
struct CaseSchemaTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test("names and flags are unique; the fast reader's bit set has room for every field")
  func uniqueNames() {
    let names = CaseField.allCases.map(\.name)
    #expect(Set(names).count == names.count)
    let flags = CaseField.allCases.compactMap(\.spec.flag)
    #expect(Set(flags).count == flags.count)
    #expect(CaseField.allCases.count <= 64)
    for field in CaseField.allCases { #expect(CaseField(name: field.name) == field) }
    #expect(CaseField(name: "sizecm") == nil && CaseField(name: "fnclcc") == nil)
  }

  @Test("every code field offers choices it accepts, and every choice parses to a fact", arguments: CaseField.allCases)
  func choicesAreAccepted(_ field: CaseField) throws {
    switch field.spec.kind {
    case .code(let choices, let accepted, _), .list(let choices, let accepted):
      #expect(!choices.isEmpty && Set(choices).isSubset(of: Set(accepted)), "\(field.name)")
    case .number, .whole, .text, .date, .flag: break
    }
    #expect(
      !field.spec.label.isEmpty && !field.spec.hint.isEmpty && !field.spec.help.isEmpty && !field.spec.section.isEmpty)
  }

  @Test("every field's section exists in the clinical reference or the shared registry/FHIR notes")
  func sectionsExist() throws {
    let shared = Self.root.deletingLastPathComponent().appendingPathComponent("shared")
    guard
      let reference = try? String(contentsOf: shared.appendingPathComponent("clinical-reference.md"), encoding: .utf8)
    else { return }
    for field in CaseField.allCases {
      let section = field.spec.section
      if let space = section.firstIndex(of: " ") {
        let file = shared.appendingPathComponent(section[..<space] + ".md")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(
          text.contains("## " + section[section.index(after: space)...].dropFirst() + "."), "\(field.name): \(section)")
      } else {
        #expect(reference.contains("# " + section.dropFirst() + " "), "\(field.name): \(section)")
      }
    }
  }

  @Test("a document with every field survives encoding and decoding, and the fast reader agrees")
  func roundTrip() throws {
    var input = CaseInput()
    for field in CaseField.allCases {
      switch field.spec.kind {
      case .code(let choices, _, _): input[field] = .text(choices[0])
      case .list(let choices, _): input[field] = .list(Array(choices.prefix(2)))
      case .number: input[field] = .number(2.5)
      case .whole(_, let minimum, _): input[field] = .whole(minimum)
      case .text(let example, _): input[field] = .text(example)
      case .date: input[field] = .text("2024-03-01")
      case .flag: input[field] = .flag(true)
      }
    }
    let data = try JSONEncoder().encode(input)
    #expect(try JSONDecoder().decode(CaseInput.self, from: data) == input)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == Set(CaseSchema.topLevel.map(\.name) + ["fnclcc"]))
    #expect(Set((object["fnclcc"] as? [String: Any] ?? [:]).keys) == Set(CaseSchema.fnclccMembers.map(\.name)))
    var flat = input
    for field in CaseSchema.fnclccMembers { flat[field] = nil }
    let text = try JSONEncoder().encode(flat)
    #expect(text.withUnsafeBytes { CaseInput.decodeCommonShape($0) } == flat)
  }

  @Test("unknown members of the fnclcc object are refused, naming the member")
  func nestedUnknown() {
    #expect(
      throws: StagingError.invalidValue(
        field: "fnclcc.site", value: "(field)",
        expected: [
          "an object with " + CaseSchema.fnclccMembers.map(\.name).joined(separator: ", ")
        ])
    ) { try JSONDecoder().decode(CaseInput.self, from: Data(#"{"fnclcc":{"site":"uterus"}}"#.utf8)) }
  }

  @Test("the README's case-document table is leio fields --markdown")
  func readmeTable() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(
      readme.contains("<!-- leio fields --markdown -->\n" + CaseSchema.markdownTable() + "\n<!-- end leio fields -->"))
  }
}
