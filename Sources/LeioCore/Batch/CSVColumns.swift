import Foundation

/// Why named columns could not be read.
public enum CSVColumnsError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case missingColumns([String])
  /// A data row whose field count differs from the header's (its values would land in other columns).
  case raggedRow(line: Int, fields: Int, expected: Int)

  public var description: String {
    switch self {
    case .unreadable(let path): "cannot read input file '\(path)'."
    case .missingColumns(let names): "the file has no column \(names.map { "'\($0.excerpt())'" }.joined(separator: ", ")); columns are named in the header row."
    case .raggedRow(let line, let fields, let expected):
      "record \(line) has \(fields) field(s) but the header has \(expected); fix the file (a missing or extra comma, or an unquoted comma in a value)."
    }
  }
}

/// Named columns of a CSV file, as text (the header row names them). Streams the file; keeps only the columns asked for.
public enum CSVColumns {
  /// Reads the columns named in `wanted` (each once; a name asked for twice is read once). A data row whose field
  /// count differs from the header's is refused (``CSVColumnsError/raggedRow(line:fields:expected:)``).
  public static func read(_ path: String, columns requested: [String]) throws -> (columns: [String: [String]], rows: Int) {
    var wanted: [String] = []
    for name in requested where !wanted.contains(name) { wanted.append(name) }
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
    var headerCount = 0
    var ragged: CSVColumnsError?
    while !finished, ragged == nil {
      let count = fread(chunk.baseAddress, 1, size, source)
      finished = count < size
      reader.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
      while reader.nextRecord(isFinal: finished, { _, fields in
        guard let positions = indices else {
          let header = (0..<fields.count).map { fields.string($0).trimmingCharacters(in: .whitespaces) }
          missing = wanted.filter { !header.contains($0) }
          indices = wanted.map { header.firstIndex(of: $0) ?? -1 }
          headerCount = header.count
          return
        }
        guard ragged == nil else { return }
        guard fields.count == headerCount else {
          ragged = .raggedRow(line: rows + 2, fields: fields.count, expected: headerCount)
          return
        }
        rows += 1
        for (name, position) in zip(wanted, positions) where position >= 0 { columns[name]!.append(fields.string(position)) }
      }) {}
    }
    guard missing.isEmpty else {
      throw CSVColumnsError.missingColumns(missing)
    }
    if let ragged { throw ragged }
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

