import CZlib
import Foundation
public import LeioCore

/// A file written to a temporary name beside its destination and renamed at ``commit()``: a failed run never leaves
/// a half-written file. Names ending in `.gz` are gzip-compressed.
public final class AtomicOutput {
  private let destination: String?
  private let temporary: String
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  /// zlib checks that a stream never moves: it lives at one allocated address.
  private var deflating: UnsafeMutablePointer<z_stream>?
  private var compressed = [UInt8](repeating: 0, count: 1 << 17)
  private var done = false

  /// Creates the temporary file for `path`.
  ///
  /// - Throws: ``NAACCRError`` when it cannot be created.
  public init(path: String) throws {
    destination = path
    let url = URL(fileURLWithPath: path)
    temporary =
      url.deletingLastPathComponent().appendingPathComponent(
        ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial"
      ).path
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary)
    else { throw NAACCRError(line: 0, "cannot write \(path)", kind: .cannotWrite) }
    self.handle = handle
    buffer.reserveCapacity(1 << 20)
    if path.hasSuffix(".gz") {
      let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      stream.initialize(to: z_stream())
      let status = deflateInit2_(
        stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        stream.deallocate()
        throw NAACCRError(line: 0, "zlib could not start (\(status))")
      }
      deflating = stream
    }
  }

  /// Standard output, written as it comes (it cannot be renamed; a failed run prints its error after the rows).
  public init(standardOutput: Void) {
    destination = nil
    temporary = ""
    handle = FileHandle.standardOutput
    buffer.reserveCapacity(1 << 20)
  }

  deinit {
    if !done { discard() }
  }

  /// Appends bytes.
  public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 20 { try flush(finishing: false) }
  }

  /// Appends bytes.
  public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBufferPointer { try write($0) } }

  private func flush(finishing: Bool) throws {
    guard deflating != nil else {
      try handle.write(contentsOf: buffer)
      buffer.removeAll(keepingCapacity: true)
      return
    }
    try buffer.withUnsafeMutableBufferPointer { input in
      deflating!.pointee.next_in = input.baseAddress
      deflating!.pointee.avail_in = uInt(input.count)
      repeat {
        let status = compressed.withUnsafeMutableBufferPointer { output -> Int32 in
          deflating!.pointee.next_out = output.baseAddress
          deflating!.pointee.avail_out = uInt(output.count)
          return deflate(deflating!, finishing ? Z_FINISH : Z_NO_FLUSH)
        }
        guard status != Z_STREAM_ERROR else { throw NAACCRError(line: 0, "zlib failed while compressing") }
        let produced = compressed.count - Int(deflating!.pointee.avail_out)
        try handle.write(contentsOf: compressed[0..<produced])
        if finishing, status == Z_STREAM_END { break }
      } while deflating!.pointee.avail_out == 0 || (finishing && deflating!.pointee.avail_in > 0)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes what is buffered and renames the file to its destination.
  public func commit() throws {
    try flush(finishing: true)
    if let stream = deflating {
      deflateEnd(stream)
      stream.deallocate()
      deflating = nil
    }
    guard let destination else {
      done = true
      return
    }
    try handle.synchronize()
    try handle.close()
    guard rename(temporary, destination) == 0 else {
      throw NAACCRError(line: 0, "cannot rename the output to \(destination)", kind: .cannotWrite)
    }
    done = true
  }

  /// Removes the temporary file.
  public func discard() {
    guard !done else { return }
    done = true
    if let stream = deflating {
      deflateEnd(stream)
      stream.deallocate()
      deflating = nil
    }
    guard destination != nil else { return }
    try? handle.close()
    try? FileManager.default.removeItem(atPath: temporary)
  }
}

/// The counts of a `leio naaccr stage` run.
public struct NAACCRStageCounts: Sendable, Equatable {
  /// Tumours read.
  public var tumours = 0
  /// In scope (staged or in error).
  public var inScope = 0
  /// Staged.
  public var staged = 0
  /// GIST, refused.
  public var refused = 0
  /// Other histologies.
  public var outOfScope = 0
  /// In scope, not staged: a code is invalid or contradicts another.
  public var errors = 0
  /// Staged with a Summary Stage 2018 (764) in the file to compare with.
  public var compared = 0
  /// Of those, how many differ from Leio's.
  public var disagreements = 0

  /// The closing line.
  public var summary: String {
    "\(tumours) tumours read: \(inScope) in scope, \(staged) staged, \(disagreements) of \(compared) disagree with the file's Summary Stage 2018, \(errors) errors; \(refused) GIST refused, \(outOfScope) out of scope"
  }
}

/// `leio naaccr stage`: reads a NAACCR file once, stages each tumour, writes the CSV report and (optionally) the file
/// with Leio's results added as items of Leio's NAACCR user dictionary.
public enum NAACCRStageRun {
  /// The report's columns.
  public static let header = [
    "patientIdNumber", "tumorRecordNumber", "primarySite", "histology", "schema", "summaryStage", "summaryStage2018",
    "agree", "ajcc7", "ajcc8", "figo2009", "status", "error",
  ]

  /// Leio's NAACCR user dictionary: its URI (declared in the output's `userDictionaryUri`).
  public static let userDictionaryURI = "urn:leio:naaccr:user-dictionary:1"

  /// The items Leio adds to each tumour: `naaccrId`, number (the range NAACCR leaves to user dictionaries), length.
  public static let userItems: [(id: String, number: Int, length: Int)] = [
    ("leioStatus", 9500, 10), ("leioSchemaId", 9501, 5), ("leioSummaryStage2018", 9502, 1),
    ("leioAjcc7StageGroup", 9503, 15), ("leioAjcc8StageGroup", 9504, 15), ("leioFigo2009Stage", 9505, 15),
    ("leioRulesVersion", 9506, 40), ("leioMessage", 9507, 1000),
  ]

  /// The item `leio export naaccr` adds: the tumour's whole case document, so that an import gives the same record.
  public static let exportItems: [(id: String, number: Int, length: Int)] = [("leioCaseDocument", 9508, 4000)]

  /// Leio's user dictionary document (shipped as `docs/naaccr/leio-user-dictionary-1.xml`).
  public static var userDictionary: String {
    var text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <NaaccrDictionary dictionaryUri="\(userDictionaryURI)" specificationVersion="1.3"
          description="Leio's results for each tumour (leio naaccr stage --xml-output)" xmlns="http://naaccr.org/naaccrxml">
          <ItemDefs>

      """
    for item in userItems + exportItems {
      text +=
        "        <ItemDef naaccrId=\"\(item.id)\" naaccrNum=\"\(item.number)\" naaccrName=\"Leio \(item.id.dropFirst(4))\" length=\"\(item.length)\" recordTypes=\"A,M,C,I\" parentXmlElement=\"Tumor\" dataType=\"text\"/>\n"
    }
    return text + "    </ItemDefs>\n</NaaccrDictionary>\n"
  }

  /// Stages `input`, writing the report to `report` and the rewritten file to `xml`.
  ///
  /// - Parameter progress: called about every 50,000 tumours with the tumours read and the bytes read.
  /// - Throws: ``NAACCRError`` (the outputs are then discarded by the caller).
  public static func run(
    input: String, report: AtomicOutput?, xml: AtomicOutput?, progress: ((Int, Int) -> Void)? = nil
  ) throws -> NAACCRStageCounts {
    let reader = try NAACCRReader(path: input)
    var counts = NAACCRStageCounts()
    var row: [UInt8] = []
    row.reserveCapacity(512)
    try report?.write(Array((header.joined(separator: ",") + "\n").utf8))
    let rules = Staging.rulesVersion
    try reader.read(output: xml.map { output in { try output.write($0) } }, userDictionary: userDictionaryURI) {
      record, insertion in
      let result = NAACCRStaging.stage(record)
      count(result, into: &counts)
      if let report {
        row.removeAll(keepingCapacity: true)
        appendRow(record, result, to: &row)
        try report.write(row)
      }
      if xml != nil { appendItems(result, rules: rules, prefix: reader.elementPrefix, to: &insertion) }
      if let progress, counts.tumours % 50_000 == 0 { progress(counts.tumours, reader.bytesRead) }
    }
    return counts
  }

  static func count(_ result: NAACCRTumourResult, into counts: inout NAACCRStageCounts) {
    counts.tumours += 1
    switch result.status {
    case .staged:
      counts.inScope += 1
      counts.staged += 1
      if let agrees = result.agrees {
        counts.compared += 1
        if !agrees { counts.disagreements += 1 }
      }
    case .error:
      counts.inScope += 1
      counts.errors += 1
    case .refused: counts.refused += 1
    case .outOfScope: counts.outOfScope += 1
    }
  }

  /// One CSV cell (RFC 4180 quoting when needed).
  static func appendCell(_ bytes: UnsafeBufferPointer<UInt8>, to row: inout [UInt8]) {
    let needsQuotes = bytes.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0a || $0 == 0x0d
    }
    guard needsQuotes else {
      row.append(contentsOf: bytes)
      return
    }
    row.append(UInt8(ascii: "\""))
    for byte in bytes {
      if byte == UInt8(ascii: "\"") { row.append(byte) }
      row.append(byte)
    }
    row.append(UInt8(ascii: "\""))
  }

  static func appendCell(_ text: String, to row: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendCell($0, to: &row) }
  }

  static func appendRow(_ record: borrowing NAACCRRecord, _ result: NAACCRTumourResult, to row: inout [UInt8]) {
    func cell(_ text: String) {
      appendCell(text, to: &row)
      row.append(UInt8(ascii: ","))
    }
    func item(_ item: NAACCRItem) {
      record.withValue(item) { appendCell($0, to: &row) }
      row.append(UInt8(ascii: ","))
    }
    item(.patientIdNumber)
    item(.tumorRecordNumber)
    item(.primarySite)
    cell(record.nonBlank(.histologicTypeIcdO3).map { $0 + "/" + (record.nonBlank(.behaviorCodeIcdO3) ?? "") } ?? "")
    let codes = result.codes
    cell(codes?.schema?.rawValue ?? "")
    cell(codes?.summaryStage?.rawValue ?? "")
    item(.summaryStage2018)
    cell(result.agrees.map { $0 ? "yes" : "no" } ?? "")
    cell(codes?.ajcc7.rawValue ?? "")
    cell(codes?.ajcc8.rawValue ?? "")
    cell(codes?.figo2009.rawValue ?? "")
    cell(result.status.rawValue)
    appendCell(result.message ?? "", to: &row)
    row.append(0x0a)
  }

  /// Leio's items for one tumour (only those with a value).
  static func appendItems(_ result: NAACCRTumourResult, rules: String, prefix: String, to insertion: inout [UInt8]) {
    let codes = result.codes
    let values: [String?] = [
      result.status.rawValue, codes?.schema?.rawValue, codes?.summaryStage?.rawValue, codes?.ajcc7.rawValue,
      codes?.ajcc8.rawValue, codes?.figo2009.rawValue, codes == nil ? nil : rules, result.message,
    ]
    for (item, value) in zip(userItems, values) {
      guard let value, !value.isEmpty else { continue }
      insertion.append(contentsOf: "<\(prefix)Item naaccrId=\"\(item.id)\">".utf8)
      insertion.append(contentsOf: NAACCRWriter.escaped(String(value.prefix(item.length))).utf8)
      insertion.append(contentsOf: "</\(prefix)Item>".utf8)
    }
  }
}
