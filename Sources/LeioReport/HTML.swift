import Foundation

/// A piece of HTML that is safe by construction: literal markup is written as is, and every interpolated `String`
/// (or other value) is escaped, so user text can never become markup. Interpolating another ``HTML`` inserts it
/// unchanged.
///
/// ```swift
/// let name = "<script>"
/// let item: HTML = "<li>\(name)</li>"   // <li>&lt;script&gt;</li>
/// ```
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
  /// The markup.
  public private(set) var rendered: String

  /// Markup from trusted text (a literal of the code, or the output of another renderer).
  public init(trusted markup: String) { rendered = markup }

  /// A literal: trusted markup.
  public init(stringLiteral value: String) { rendered = value }

  /// An interpolated literal: the literal parts are markup, the interpolated values are escaped.
  public init(stringInterpolation: StringInterpolation) { rendered = stringInterpolation.rendered }

  /// The markup, as text.
  public var description: String { rendered }

  /// Builds ``HTML`` from literal markup and escaped values.
  public struct StringInterpolation: StringInterpolationProtocol {
    var rendered = ""

    /// Starts an interpolation of the given sizes.
    public init(literalCapacity: Int, interpolationCount: Int) {
      rendered.reserveCapacity(literalCapacity + interpolationCount * 16)
    }

    /// Literal markup.
    public mutating func appendLiteral(_ literal: String) { rendered += literal }

    /// Text, escaped.
    public mutating func appendInterpolation(_ text: String) { rendered += HTML.escape(text) }

    /// Any other value, by its description, escaped.
    public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
      rendered += HTML.escape(value.description)
    }

    /// Markup, unchanged.
    public mutating func appendInterpolation(_ html: HTML) { rendered += html.rendered }
  }

  /// Appends markup.
  public static func += (lhs: inout HTML, rhs: HTML) { lhs.rendered += rhs.rendered }

  /// Joins pieces of markup.
  public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.rendered + rhs.rendered) }

  /// Escapes text for HTML element content and attribute values (`&`, `<`, `>`, `"`, `'`).
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}

extension Sequence where Element == HTML {
  /// The pieces, one after another.
  public func joined() -> HTML { HTML(trusted: map(\.rendered).joined()) }
}
