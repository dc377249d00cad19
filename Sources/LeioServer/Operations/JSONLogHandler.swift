import Foundation
public import Logging
import NIOConcurrencyHelpers

/// `leio serve --log-format json`: one JSON object per line on standard error — time (UTC, ISO 8601 with
/// milliseconds), level, logger label, message and the metadata as fields — for log collectors.
///
/// It writes what it is given and nothing more: Leio's request log carries the request id, method, route template,
/// status and duration, never a body, a query string or patient data (``ProblemMiddleware``), and the store never
/// logs statements.
public struct JSONLogHandler: LogHandler {
  public var logLevel: Logger.Level = .info
  public var metadata: Logger.Metadata = [:]
  public var metadataProvider: Logger.MetadataProvider?
  private let label: String
  private let write: @Sendable (String) -> Void

  /// A handler for `label` writing to standard error.
  public init(label: String) {
    self.init(label: label, write: JSONLogHandler.standardError)
  }

  /// A handler for `label` handing each line to `write` (tests).
  public init(label: String, write: @escaping @Sendable (String) -> Void) {
    self.label = label
    self.write = write
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var fields = metadata
    if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
    if let extra = event.metadata { fields.merge(extra) { $1 } }
    var line = "{\"time\":\"\(Self.timestamp())\",\"level\":\"\(event.level.rawValue)\",\"logger\":"
    line += Self.quoted(label) + ",\"message\":" + Self.quoted(event.message.description)
    for key in fields.keys.sorted() where !["time", "level", "logger", "message"].contains(key) {
      line += "," + Self.quoted(key) + ":" + Self.json(fields[key]!)
    }
    write(line + "}\n")
  }

  static func json(_ value: Logger.Metadata.Value) -> String {
    switch value {
    case .string(let text): quoted(text)
    case .stringConvertible(let convertible): quoted(convertible.description)
    case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
    case .dictionary(let entries):
      "{" + entries.keys.sorted().map { quoted($0) + ":" + json(entries[$0]!) }.joined(separator: ",") + "}"
    }
  }

  /// A JSON string: quotes, backslashes and control characters escaped (RFC 8259 §7).
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func timestamp() -> String {
    Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  private static let lock = NIOLock()
  @Sendable static func standardError(_ line: String) {
    lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
  }
}
