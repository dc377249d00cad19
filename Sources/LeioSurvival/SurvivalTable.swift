import Foundation
public import LeioCSV

/// Why a survival table could not be read.
public enum SurvivalTableError: Error, Equatable, CustomStringConvertible {
  /// Columns asked for that the header does not name.
  case missingColumns([String])
  /// A data row whose field count differs from the header's (its values would land in other columns).
  case raggedRow(line: Int, fields: Int, expected: Int)
  /// A time that is not a number ≥ 0 (`line`: the file's line of the record, the header being line 1).
  case badTime(line: Int, value: String)
  /// An event value that is not 1/0, 1/2 or TRUE/FALSE.
  case badStatus(line: Int, value: String)
  /// A column given for two roles, or a covariate twice.
  case duplicateColumn(String)

  /// The value in words, as messages and pages show it.
  public var description: String {
    switch self {
    case .missingColumns(let names):
      "the file has no column \(names.map { $0.quotedExcerpt }.joined(separator: ", ")); columns are named in the header row."
    case .raggedRow(let line, let fields, let expected):
      "record \(line) has \(fields) field(s) but the header has \(expected); fix the file (a missing or extra comma, or an unquoted comma in a value)."
    case .badTime(let line, let value): "row \(line): time \(value.quotedExcerpt) is not a number ≥ 0."
    case .badStatus(let line, let value): "row \(line): status \(value.quotedExcerpt) is not 0/1, 1/2 or TRUE/FALSE."
    case .duplicateColumn(let name): "column \(name.quotedExcerpt) is given for more than one role."
    }
  }
}

/// The rows of a CSV file that survival analysis uses: a time, an event indicator and other named columns (groups,
/// strata, covariates), read straight from bytes. Rows with a missing value (empty, blank or `NA`, R's missing) in any
/// column used are dropped and counted, as R's `na.omit`; the rest must hold a time ≥ 0 and an event indicator.
///
/// ```swift
/// var reader = SurvivalTable.Reader(time: "months", event: "died", columns: ["stage"])
/// reader.append(chunk)                        // as the file is read
/// let table = try reader.finish()
/// let stage = table.factor("stage")           // levels in R's order, and each row's level
/// ```
public struct SurvivalTable: Sendable {
  /// Follow-up time of each kept row.
  public let time: [Double]
  /// Whether each kept row's time ends in the event.
  public let event: [Bool]
  /// Each kept row's status code: `0` censored; `1` the event (an event table), or the cause `1…k` (a table read
  /// with `causes: true`, for competing risks).
  public let status: [Int]
  /// Data rows in the file.
  public let rowsRead: Int
  /// Rows dropped for a missing value.
  public var dropped: Int { rowsRead - time.count }
  /// The other columns, kept rows only, blanks trimmed.
  private let values: [String: [String]]

  /// The kept rows' values of `column` (one of the columns asked for).
  public func values(_ column: String) -> [String] { values[column] ?? [] }

  /// `column` as a factor: its levels in R's order (numerically when every level is a number, else alphabetically)
  /// and each kept row's level, as an index into them.
  public func factor(_ column: String) -> Factor { Factor(values(column)) }

  /// Reads a whole CSV document.
  ///
  /// With `causes`, the event column holds competing-risks status codes: `0` censored, `1…k` the cause (R's
  /// `cmprsk` convention); any other value is a ``SurvivalTableError/badStatus(line:value:)``.
  public init(
    csv bytes: some Collection<UInt8>, time: String, event: String, columns: [String] = [], causes: Bool = false
  ) throws(SurvivalTableError) {
    var reader = try Reader(time: time, event: event, columns: columns, causes: causes)
    Array(bytes).withUnsafeBytes { reader.append($0) }
    self = try reader.finish()
  }

  init(time: [Double], event: [Bool], status: [Int]? = nil, rowsRead: Int, values: [String: [String]]) {
    (self.time, self.event, self.rowsRead, self.values) = (time, event, rowsRead, values)
    self.status = status ?? event.map { $0 ? 1 : 0 }
  }

  /// Reads a survival table from CSV bytes given in chunks (memory holds one record's bytes plus the kept columns).
  public struct Reader {
    private let wanted: [String]
    private var csv = CSVRecordReader(capacity: 1 << 16)
    private var positions: [Int]?
    private var missing: [String] = []
    private var headerCount = 0
    private var rows = 0
    private var cells: [[String]]
    private var lines: [Int] = []
    private var failure: SurvivalTableError?
    private let causes: Bool

    /// - Parameters: the time and event columns, and the other columns to keep (each once, none for two roles);
    ///   `causes`: the event column holds status codes 0 (censored) and 1…k (the cause).
    public init(time: String, event: String, columns: [String], causes: Bool = false) throws(SurvivalTableError) {
      self.causes = causes
      wanted = [time, event] + columns
      for (index, name) in wanted.enumerated() where wanted[..<index].contains(name) { throw .duplicateColumn(name) }
      cells = Array(repeating: [], count: wanted.count)
    }

    /// Adds bytes of the file.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
      csv.append(bytes)
      drain(isFinal: false)
    }

    private mutating func drain(isFinal: Bool) {
      var records = CSVRecordReader(capacity: 0)
      swap(&records, &csv)  // the records are read from a local, so that taking one may change the reader's state
      defer { swap(&records, &csv) }
      while failure == nil, records.nextRecord(isFinal: isFinal, { _, fields in take(fields) }) {}
    }

    private mutating func take(_ fields: CSVFields) {
      guard let positions else {
        let header = (0..<fields.count).map { fields.string($0).trimmedBlanks }
        missing = wanted.filter { !header.contains($0) }
        positions = wanted.map { header.firstIndex(of: $0) ?? -1 }
        headerCount = header.count
        return
      }
      rows += 1
      guard fields.count == headerCount else {
        failure = .raggedRow(line: rows + 1, fields: fields.count, expected: headerCount)
        return
      }
      guard missing.isEmpty else { return }
      var row: [String] = []
      row.reserveCapacity(positions.count)
      for position in positions {
        let value = fields.string(position).trimmedBlanks
        if value.isEmpty || value == "NA" { return }
        row.append(value)
      }
      for (index, value) in row.enumerated() { cells[index].append(value) }
      lines.append(rows + 1)
    }

    /// The table, once every chunk was appended.
    public mutating func finish() throws(SurvivalTableError) -> SurvivalTable {
      drain(isFinal: true)
      guard missing.isEmpty else { throw .missingColumns(missing) }
      if let failure { throw failure }
      var time: [Double] = []
      time.reserveCapacity(cells[0].count)
      for (index, text) in cells[0].enumerated() {
        guard let value = Double(text), value.isFinite, value >= 0 else {
          throw .badTime(line: lines[index], value: text)
        }
        time.append(value)
      }
      if causes {
        var status: [Int] = []
        status.reserveCapacity(cells[1].count)
        for (index, text) in cells[1].enumerated() {
          guard let code = Int(text), code >= 0 else { throw .badStatus(line: lines[index], value: text) }
          status.append(code)
        }
        var values: [String: [String]] = [:]
        for (index, name) in wanted.enumerated().dropFirst(2) { values[name] = cells[index] }
        return SurvivalTable(
          time: time, event: status.map { $0 != 0 }, status: status, rowsRead: rows, values: values)
      }
      let event: [Bool]
      do { event = try SurvivalStatus.read(cells[1]) } catch {
        let index = cells[1].firstIndex { SurvivalStatus.flag($0) == nil } ?? 0
        throw .badStatus(
          line: lines.indices.contains(index) ? lines[index] : 0,
          value: cells[1].indices.contains(index) ? cells[1][index] : "")
      }
      var values: [String: [String]] = [:]
      for (index, name) in wanted.enumerated().dropFirst(2) { values[name] = cells[index] }
      return SurvivalTable(time: time, event: event, rowsRead: rows, values: values)
    }
  }
}

/// A categorical column: its levels in R's order and each row's level.
public struct Factor: Sendable, Hashable {
  /// The distinct values: numerically ordered when every one is a number, else alphabetically (R's factor levels).
  public let levels: [String]
  /// Each row's level, as an index into ``levels``.
  public let codes: [Int]

  /// The factor of `values`.
  public init(_ values: [String]) {
    let distinct = Array(Set(values))
    let numbers = distinct.compactMap { text in Double(text).map { (text, $0) } }
    levels = numbers.count == distinct.count ? numbers.sorted { $0.1 < $1.1 }.map(\.0) : distinct.sorted()
    let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    codes = values.map { index[$0] ?? 0 }
  }
}
