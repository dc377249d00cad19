import Foundation

/// Why named columns could not be read.
public enum CSVColumnsError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case missingColumns([String])

  public var description: String {
    switch self {
    case .unreadable(let path): "cannot read input file '\(path)'."
    case .missingColumns(let names): "the file has no column \(names.map { "'\($0)'" }.joined(separator: ", ")); columns are named in the header row."
    }
  }
}

/// Named columns of a CSV file, as text (the header row names them). Streams the file; keeps only the columns asked for.
public enum CSVColumns {
  public static func read(_ path: String, columns wanted: [String]) throws -> (columns: [String: [String]], rows: Int) {
    guard let source = path == "-" ? fdopen(0, "rb") : fopen(path, "rb") else { throw CSVColumnsError.unreadable(path: path) }
    defer { if path != "-" { fclose(source) } }
    var reader = CSVRecordReader()
    var indices: [Int]?
    var columns = Dictionary(uniqueKeysWithValues: wanted.map { ($0, [String]()) })
    var rows = 0
    let size = 1 << 20
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1)
    defer { chunk.deallocate() }
    var finished = false
    var missing: [String] = []
    while !finished {
      let count = fread(chunk.baseAddress, 1, size, source)
      finished = count < size
      reader.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
      while reader.nextRecord(isFinal: finished, { _, fields in
        guard let positions = indices else {
          let header = (0..<fields.count).map { fields.string($0).trimmingCharacters(in: .whitespaces) }
          missing = wanted.filter { !header.contains($0) }
          indices = wanted.map { header.firstIndex(of: $0) ?? -1 }
          return
        }
        rows += 1
        for (name, position) in zip(wanted, positions) where position >= 0 { columns[name]!.append(fields.string(position)) }
      }) {}
    }
    guard missing.isEmpty else {
      throw CSVColumnsError.missingColumns(missing)
    }
    return (columns, rows)
  }

  /// Levels in order: numerically when every level is a number, else alphabetically (as R's factor levels).
  public static func levels(_ values: [String]) -> [String] {
    let distinct = Array(Set(values))
    if distinct.allSatisfy({ Double($0) != nil }) { return distinct.sorted { Double($0)! < Double($1)! } }
    return distinct.sorted()
  }

  /// Empty, blank or `NA` (R's missing value), without allocating for the usual non-blank cell.
  public static func isMissing(_ text: String) -> Bool {
    var utf8 = text.utf8[...]
    while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
    while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
    return utf8.isEmpty || utf8.elementsEqual("NA".utf8)
  }
}

