import Foundation
import LeioCore

/// Writing to stdout and stderr, and reading input files.
enum Console {
  static func print(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data(("leio: error: " + text + "\n").utf8))
  }

  /// Whether stderr is a terminal (progress lines are shown only then).
  static var stderrIsTerminal: Bool { isatty(2) == 1 }

  /// Encodes `value` as pretty, key-sorted JSON.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// The bytes of `path`, or of standard input for `-`.
  static func read(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputFileError(message: "cannot read input file '\(path)'.")
    }
    return data
  }

  /// Decodes a JSON document of type `T` from `path`.
  static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
    try JSONDecoder().decode(T.self, from: try read(path))
  }
}

/// An input file that cannot be opened.
struct InputFileError: Error {
  let message: String
}
