import ArgumentParser
import Foundation
import LeioCore
import LeioSurvival

extension Console {
  /// The survival table of a CSV file (or `-` for stdin), streamed in 1 MiB chunks into LeioSurvival's reader.
  static func survivalTable(_ path: String, time: String, event: String, columns: [String], causes: Bool = false)
    throws -> SurvivalTable
  {
    var reader = try SurvivalTable.Reader(time: time, event: event, columns: columns, causes: causes)
    guard let source = path == "-" ? fdopen(0, "rb") : fopen(path, "rb") else {
      throw InputFileError(message: "cannot read input file '\(path.excerpt())'.")
    }
    defer { if path != "-" { fclose(source) } }
    let size = 1 << 20
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { chunk.deallocate() }
    while true {
      let count = fread(chunk.baseAddress, 1, size, source)
      reader.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
      if count < size { break }
    }
    guard ferror(source) == 0 else { throw InputFileError(message: "cannot read input file '\(path.excerpt())'.") }
    return try reader.finish()
  }
}

/// The options that model commands (`cox`, `finegray`) share: comma-separated names, a covariate profile and times.
enum ModelOptions {
  /// Comma-separated column names, blanks trimmed, empty names dropped.
  static func names(_ text: String) -> [String] {
    text.split(separator: ",").map { String($0).trimmedBlanks }.filter { !$0.isEmpty }
  }

  /// A covariate profile: "age=60,sex=M" → ["age": "60", "sex": "M"].
  static func profile(_ text: String?) -> [String: String]? {
    text.map { text in
      Dictionary(
        text.split(separator: ",").map { pair -> (String, String) in
          let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmedBlanks }
          return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }, uniquingKeysWith: { $1 })
    }
  }

  /// Times ≥ 0, comma-separated (none when `text` is nil).
  static func times(_ text: String?) throws -> [Double] {
    try (text ?? "").split(separator: ",").map { text -> Double in
      guard let value = Double(String(text).trimmedBlanks), value >= 0 else {
        throw ValidationError("--at takes times ≥ 0, comma-separated.")
      }
      return value
    }
  }
}
