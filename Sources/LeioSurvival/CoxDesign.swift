import Foundation

/// A Cox model's design matrix built from named columns of text, as R's `model.matrix` does with treatment
/// contrasts: a numeric column enters as is; any other becomes indicators of its levels but the first (levels in
/// alphabetical order, so the reference is the first — R's default for character columns), named column + level.
/// Rows with a missing value (empty, `NA`) in any used column, or in time or status, are dropped and counted.
public struct CoxDesign: Sendable {
  /// Column names of the design (a categorical term: name + level).
  public var names: [String]
  /// The design matrix, one row per kept row.
  public var rows: [[Double]]
  /// Times.
  public var time: [Double]
  /// Whether each time ends in the event.
  public var event: [Bool]
  /// Rows dropped for a missing value.
  public var dropped: Int
  /// For each categorical column, its reference level.
  public var references: [String: String]
  /// The model's terms (one per covariate) and their columns in `names`: a categorical term has one column per
  /// non-reference level (R's `assign`).
  public var terms: [(name: String, columns: [Int])] = []

  /// The design row of a covariate profile (`["age": "60", "celltype": "large"]`): numbers as given; a categorical
  /// term as indicators of its non-reference levels. Every term must be given.
  public func row(for profile: [String: String]) throws -> [Double] {
    var row = Array(repeating: 0.0, count: names.count)
    for term in terms {
      guard let value = profile[term.name]?.trimmedBlanks, !value.isEmpty else {
        throw CoxError.dimension("the profile has no value for '\(term.name)'.")
      }
      if let reference = references[term.name] {
        let levelColumns = term.columns.map { (names[$0].dropFirst(term.name.count), $0) }
        if let match = levelColumns.first(where: { $0.0 == value }) {
          row[match.1] = 1
        } else if value != reference {
          throw CoxError.dimension(
            "\(value.quotedExcerpt) is not a level of '\(term.name)' (levels: \(([reference] + levelColumns.map { String($0.0) }).joined(separator: ", ")))."
          )
        }
      } else {
        guard let number = Double(value) else {
          throw CoxError.dimension("'\(term.name)' needs a number, not \(value.quotedExcerpt).")
        }
        row[term.columns[0]] = number
      }
    }
    return row
  }

  /// The design of `covariates` (columns of `table`) in model order.
  public init(table: SurvivalTable, covariates: [String]) throws {
    var columns: [String: [String]] = [:]
    for name in covariates { columns[name] = table.values(name) }
    try self.init(time: table.time, event: table.event, columns: columns, order: covariates, dropped: table.dropped)
  }

  /// The design of text columns, dropping rows with a missing value.
  ///
  /// - Parameters:
  ///   - time: follow-up times, one per row.
  ///   - status: status values: 1/0, TRUE/FALSE, or 1/2 (R's `Surv`: when the values are 1 and 2, 2 is the event).
  ///   - columns: covariate name → one text value per row.
  ///   - order: the covariates in model order.
  public init(time: [String], status: [String], columns: [String: [String]], order: [String]) throws {
    let n = time.count
    func missing(_ text: String) -> Bool {
      let t = text.trimmedBlanks
      return t.isEmpty || t == "NA"
    }
    var keep = (0..<n).filter { !missing(time[$0]) && !missing(status[$0]) }
    for name in order {
      guard let values = columns[name], values.count == n else {
        throw CoxError.dimension("no column '\(name)' with one value per row.")
      }
      keep = keep.filter { !missing(values[$0]) }
    }
    let times = try keep.map { index in
      guard let value = Double(time[index].trimmedBlanks), value.isFinite, value >= 0 else {
        throw CoxError.dimension("row \(index + 1): time \(time[index].quotedExcerpt) is not a number ≥ 0.")
      }
      return value
    }
    var kept: [String: [String]] = [:]
    for name in order { kept[name] = keep.map { columns[name]?[$0] ?? "" } }
    try self.init(
      time: times, event: try SurvivalStatus.read(keep.map { status[$0] }), columns: kept, order: order,
      dropped: n - keep.count)
  }

  /// The design of complete rows: `columns` holds one value per row of `time` for every name of `order`.
  init(time: [Double], event: [Bool], columns: [String: [String]], order: [String], dropped: Int) throws {
    (self.time, self.event, self.dropped) = (time, event, dropped)
    var columnNames: [String] = []
    var levelsReference: [String: String] = [:]
    var matrix = Array(repeating: [Double](), count: time.count)
    var termList: [(name: String, columns: [Int])] = []
    for name in order {
      guard let values = columns[name]?.map(\.trimmedBlanks), values.count == time.count else {
        throw CoxError.dimension("no column '\(name)' with one value per row.")
      }
      let numbers = values.compactMap { Double($0) }
      let first = columnNames.count
      defer { termList.append((name, Array(first..<columnNames.count))) }
      if numbers.count == values.count {
        columnNames.append(name)
        for row in matrix.indices { matrix[row].append(numbers[row]) }
      } else {
        let levels = Array(Set(values)).sorted()
        levelsReference[name] = levels.first
        for level in levels.dropFirst() {
          columnNames.append(name + level)
          for row in matrix.indices { matrix[row].append(values[row] == level ? 1 : 0) }
        }
      }
    }
    names = columnNames
    references = levelsReference
    rows = matrix
    terms = termList
  }
}

/// Reading an event column as R's `Surv(time, status)` does.
public enum SurvivalStatus {
  /// 1/0 or TRUE/FALSE (1, TRUE: event); when every value is 1 or 2, 2 is the event and 1 a censoring.
  public static func read(_ values: [String]) throws -> [Bool] {
    let trimmed = values.map(\.trimmedBlanks)
    if !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "1" || $0 == "2" }), trimmed.contains("2") {
      return trimmed.map { $0 == "2" }
    }
    return try trimmed.enumerated().map { index, value in
      guard let flag = flag(value) else {
        throw CoxError.dimension(
          "row \(index + 1): status \(values[index].quotedExcerpt) is not 0/1, 1/2 or TRUE/FALSE.")
      }
      return flag
    }
  }

  /// One value read as 1/0 or TRUE/FALSE (and their words); `nil` for anything else.
  public static func flag(_ value: String) -> Bool? {
    switch value.trimmedBlanks {
    case "1": return true
    case "0": return false
    default:
      switch value.trimmedBlanks.lowercased() {
      case "true", "t", "yes", "dead", "event": return true
      case "false", "f", "no", "alive", "censored": return false
      default: return nil
      }
    }
  }
}

extension String {
  /// The text without surrounding spaces or tabs; free when there are none (the usual case for a CSV cell), unlike
  /// Foundation's `trimmingCharacters`, which bridges through NSString on Linux.
  public var trimmedBlanks: String {
    guard let first = utf8.first, let last = utf8.last else { return self }
    guard first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return self }
    var slice = Substring(self)
    while let head = slice.first, head == " " || head == "\t" { slice = slice.dropFirst() }
    while let tail = slice.last, tail == " " || tail == "\t" { slice = slice.dropLast() }
    return String(slice)
  }
}
