import Foundation

/// A case as written in JSON, a CSV row or a form: every field optional, before validation. ``CaseFacts/init(_:)``
/// turns it into typed facts.
///
/// The fields and their JSON names are ``CaseField``'s; the FNCLCC components are written inside a nested `fnclcc`
/// object. Unknown fields are rejected, so a misspelt field is never silently ignored.
public struct CaseInput: Sendable, Hashable, Codable {
  private var values = [CaseValue?](repeating: nil, count: CaseField.allCases.count)
  /// An empty `fnclcc` object was given: the grade is then worked out from its (missing) components, as with any.
  var fnclccGiven = false

  /// An empty case.
  public init() {}

  /// A case with the given values.
  public init(_ values: KeyValuePairs<CaseField, CaseValue>) {
    for (field, value) in values { self[field] = value }
  }

  /// The value of `field`; setting `nil` removes it.
  public subscript(field: CaseField) -> CaseValue? {
    get { values[field.rawValue] }
    set { values[field.rawValue] = newValue }
  }

  /// The value of a text field (a code, an ICD-O-3 code, a date), or `nil`.
  public func text(_ field: CaseField) -> String? { self[text: field] }

  /// A text value (a code, an ICD-O-3 code, a date); `nil` when absent or of another kind.
  public subscript(text field: CaseField) -> String? {
    get { if case .text(let text) = self[field] { text } else { nil } }
    set { self[field] = newValue.map(CaseValue.text) }
  }

  /// A decimal value (a whole number reads as one).
  public subscript(number field: CaseField) -> Double? {
    get {
      switch self[field] {
      case .number(let number): number
      case .whole(let whole): Double(whole)
      case .text, .flag, .list, nil: nil
      }
    }
    set { self[field] = newValue.map(CaseValue.number) }
  }

  /// A whole-number value.
  public subscript(whole field: CaseField) -> Int? {
    get { if case .whole(let whole) = self[field] { whole } else { nil } }
    set { self[field] = newValue.map(CaseValue.whole) }
  }

  /// A yes/no value.
  public subscript(flag field: CaseField) -> Bool? {
    get { if case .flag(let flag) = self[field] { flag } else { nil } }
    set { self[field] = newValue.map(CaseValue.flag) }
  }

  /// A list value.
  public subscript(list field: CaseField) -> [String]? {
    get { if case .list(let items) = self[field] { items } else { nil } }
    set { self[field] = newValue.map(CaseValue.list) }
  }

  /// The fields given, in declaration order.
  public var given: [(field: CaseField, value: CaseValue)] {
    CaseField.allCases.compactMap { field in self[field].map { (field, $0) } }
  }

  /// `true` when no field is given.
  public var isEmpty: Bool { !fnclccGiven && values.allSatisfy { $0 == nil } }

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  private static let fnclccKey = Key(stringValue: "fnclcc")
  private static let documented = CaseSchema.topLevel.map(\.name) + ["fnclcc"]

  /// Reads the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    // The first unknown field by name (a decoder's key order is not stable from one run to the next).
    if let key = container.allKeys.map(\.stringValue).filter({ !Self.documented.contains($0) }).min() {
      throw StagingError.invalidValue(
        field: key, value: "(field)",
        expected: ["one of the documented fields: " + Self.documented.joined(separator: ", ")])
    }
    for field in CaseSchema.topLevel { self[field] = try Self.decode(field, in: container, strictText: false) }
    guard container.contains(Self.fnclccKey), try !container.decodeNil(forKey: Self.fnclccKey) else { return }
    let members = CaseSchema.fnclccMembers.map(\.name)
    let described = "an object with " + members.joined(separator: ", ")
    let nested: KeyedDecodingContainer<Key>
    do { nested = try container.nestedContainer(keyedBy: Key.self, forKey: Self.fnclccKey) } catch {
      throw StagingError.invalidValue(field: "fnclcc", value: "(wrong type)", expected: [described])
    }
    if let key = nested.allKeys.map(\.stringValue).filter({ !members.contains($0) }).min() {
      throw StagingError.invalidValue(field: "fnclcc." + key, value: "(field)", expected: [described])
    }
    for field in CaseSchema.fnclccMembers {
      do { self[field] = try Self.decode(field, in: nested, strictText: true) } catch {
        throw StagingError.invalidValue(field: "fnclcc", value: "(wrong type)", expected: [described])
      }
    }
    fnclccGiven = CaseSchema.fnclccMembers.allSatisfy { self[$0] == nil }
  }

  /// Decodes one field by its kind; a value of the wrong JSON type is a field error naming what was expected.
  private static func decode(_ field: CaseField, in container: KeyedDecodingContainer<Key>, strictText: Bool) throws
    -> CaseValue?
  {
    let key = Key(stringValue: field.name)
    guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
    let spec = field.spec
    func typed<V: Decodable>(_ type: V.Type) throws -> V {
      do { return try container.decode(V.self, forKey: key) } catch {
        throw StagingError.invalidValue(field: field.name, value: "(wrong type)", expected: [spec.expected])
      }
    }
    switch spec.kind {
    case .code, .text, .date:
      if let string = try? container.decode(String.self, forKey: key) { return string.isEmpty ? nil : .text(string) }
      if !strictText, let number = try? container.decode(Int.self, forKey: key) { return .text(String(number)) }
      throw StagingError.invalidValue(field: field.name, value: "(not text)", expected: ["a text value"])
    case .number: return .number(try typed(Double.self))
    case .whole: return .whole(try typed(Int.self))
    case .flag: return .flag(try typed(Bool.self))
    case .list: return .list(try typed([String].self))
    }
  }

  /// Writes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    func put(_ value: CaseValue, _ key: Key, in container: inout KeyedEncodingContainer<Key>) throws {
      switch value {
      case .text(let text): try container.encode(text, forKey: key)
      case .number(let number): try container.encode(number, forKey: key)
      case .whole(let whole): try container.encode(whole, forKey: key)
      case .flag(let flag): try container.encode(flag, forKey: key)
      case .list(let items): try container.encode(items, forKey: key)
      }
    }
    for field in CaseSchema.topLevel {
      if let value = self[field] { try put(value, Key(stringValue: field.name), in: &container) }
    }
    let members = CaseSchema.fnclccMembers.compactMap { field in self[field].map { (field, $0) } }
    guard fnclccGiven || !members.isEmpty else { return }
    var nested = container.nestedContainer(keyedBy: Key.self, forKey: Self.fnclccKey)
    for (field, value) in members { try put(value, Key(stringValue: field.name), in: &nested) }
  }
}
