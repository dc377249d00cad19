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
