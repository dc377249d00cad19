import Foundation

/// An `application/x-www-form-urlencoded` body (or query string), decoded: the values of a form.
public struct FormValues: Sendable {
  /// Every value of every name, as sent.
  public private(set) var values: [String: [String]] = [:]

  /// Decodes `text` (`a=1&b=x+y`).
  public init(_ text: String) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let key = parts.first.map({ Self.decode(String($0)) }), !key.isEmpty else { continue }
      values[key, default: []].append(parts.count > 1 ? Self.decode(String(parts[1])) : "")
    }
  }

  /// A form with these values (for prefilling an edit form).
  public init(values: [String: [String]]) { self.values = values }

  /// The first non-blank value of `key`.
  public subscript(_ key: String) -> String? {
    values[key]?.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.trimmingCharacters(in: .whitespaces)
  }

  /// Every non-blank value of `key`.
  public func all(_ key: String) -> [String] { (values[key] ?? []).filter { !$0.isEmpty } }

  /// Decodes one `+`/percent-encoded part.
  public static func decode(_ text: String) -> String {
    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
  }
}
