public import Foundation

extension RuleTable {
  /// Decodes and compiles a table document.
  ///
  /// - Throws: ``RuleTableError`` for unknown codes, overlapping rows, more than
  ///   64 categorical codes or more than one numeric column.
  public convenience init(json data: Data) throws {
    let document: TableDocument
    do {
      document = try JSONDecoder().decode(TableDocument.self, from: data)
    } catch {
      throw RuleTableError.malformed(table: "?", detail: String(describing: error))
    }
    try self.init(document: document)
  }

  convenience init(document: TableDocument) throws {
    let id = document.id
    var offset = 0
    var columns: [Column] = []
    for spec in document.inputs {
      let numeric = spec.numeric ?? false
      columns.append(
        Column(
          key: spec.key, domain: spec.domain ?? [], isNumeric: numeric, bitOffset: offset,
          registryOnly: spec.registryOnly ?? []))
      if !numeric { offset += spec.domain?.count ?? 0 }
    }
    guard offset <= 64 else {
      throw RuleTableError.malformed(table: id, detail: "more than 64 categorical codes")
    }
    let numericColumns = columns.indices.filter { columns[$0].isNumeric }
    guard numericColumns.count <= 1 else {
      throw RuleTableError.malformed(table: id, detail: "more than one numeric column")
    }
    let output = Column(key: document.output.key, domain: document.output.domain ?? [], isNumeric: false, bitOffset: 0)

    var rows: [Row] = []
    var masks: [UInt64] = []
    var numbers: [NumericCell] = []
    for (position, spec) in document.rows.enumerated() {
      for key in spec.when.keys where !columns.contains(where: { $0.key == key }) {
        throw RuleTableError.malformed(table: id, detail: "row \(position + 1) names unknown column '\(key)'")
      }
      var mask: UInt64 = 0
      var number = NumericCell()
      var cells: [String: String] = [:]
      for column in columns {
        let cell = spec.when[column.key] ?? .any
        if column.isNumeric {
          switch cell {
          case .any: break
          case .numeric(let range):
            number = range
            cells[column.key] = range.summary
          case .codes:
            throw RuleTableError.malformed(table: id, detail: "row \(position + 1): '\(column.key)' is numeric")
          }
          continue
        }
        switch cell {
        case .any:
          for bit in 0..<column.domain.count { mask |= 1 << UInt64(column.bitOffset + bit) }
        case .codes(let codes):
          for code in codes {
            guard let bit = column.domain.firstIndex(of: code) else {
              throw RuleTableError.unknownCode(table: id, column: column.key, code: code)
            }
            mask |= 1 << UInt64(column.bitOffset + bit)
          }
          cells[column.key] = codes.joined(separator: ", ")
        case .numeric:
          throw RuleTableError.malformed(table: id, detail: "row \(position + 1): '\(column.key)' is categorical")
        }
      }
      let outcome: Outcome
      if let message = spec.then.error {
        outcome = .error(message)
      } else if let value = spec.then.value, output.domain.contains(value) {
        outcome = .value(value, qualifier: spec.then.qualifier)
      } else {
        throw RuleTableError.unknownCode(table: id, column: output.key, code: spec.then.value ?? "(none)")
      }
      rows.append(
        Row(
          number: position + 1, cells: cells, outcome: outcome, because: spec.because,
          section: spec.section ?? document.section, decisions: spec.decisions ?? []))
      masks.append(mask)
      numbers.append(number)
    }

    let categorical = columns.filter { !$0.isNumeric }.count
    for first in masks.indices {
      for second in masks.indices where second > first {
        let sharedColumns = columns.filter { !$0.isNumeric }.allSatisfy { column in
          let width = UInt64(column.domain.count)
          let columnMask: UInt64 = width == 64 ? ~0 : ((1 << width) - 1) << UInt64(column.bitOffset)
          return masks[first] & masks[second] & columnMask != 0
        }
        let sharedNumber = numericColumns.isEmpty || numbers[first].overlaps(numbers[second])
        if sharedColumns && sharedNumber {
          throw RuleTableError.overlappingRows(table: id, first: first + 1, second: second + 1)
        }
      }
    }

    self.init(
      id: id, version: document.version, title: document.title, section: document.section,
      sources: document.sources, inputs: columns, output: output, rows: rows, rowMasks: masks,
      rowNumbers: numbers, numericIndex: numericColumns.first, categoricalCount: categorical)
  }

}
