import ArgumentParser
import Foundation
import LeioCSV
import LeioCore

/// `leio batch`: registry-scale commands.
struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Registry-scale batch commands.",
    subcommands: [Stage.self]
  )

  /// `leio batch stage FILE.csv`: stage every row of a registry file.
  struct Stage: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "stage",
      abstract: "Stage every row of a CSV file; adds stageGroup, summaryStage, summaryStageCode and error columns.",
      discussion: """
        The header uses the JSON field names of 'leio stage' (site, topography, sizeCm, depth, grade, nodes,
        metastasis, system, t, n, m, …); other columns pass through unchanged. A row without 'system' is
        staged with the current standard for its site (AJCC 8, or FIGO 2009 for the uterus). A bad row gets
        its message in 'error' and the run goes on. Memory stays flat whatever the file size.

          leio batch stage registry.csv --output staged.csv
          leio batch stage registry.csv > staged.csv
        """
    )

    @Argument(help: "Input CSV file ('-' for stdin).") var file: String
    @Option(name: .shortAndLong, help: "Output CSV file (default: stdout).") var output: String?

    func run() throws {
      guard let source = file == "-" ? fdopen(0, "rb") : fopen(file, "rb") else {
        throw Exit.translated(InputFileError(message: "cannot read input file '\(file.excerpt(limit: 200))'."))
      }
      defer { if file != "-" { fclose(source) } }
      // The output appears only when the whole file was read: a bad file leaves no half-written output.
      let counts = try reportingErrors {
        try OutputStream.writing(to: output) { sink in
          try BatchRun(source: source, sink: sink, progress: Console.stderrIsTerminal).run()
        }
      }
      FileHandle.standardError.write(Data("leio: staged \(counts.rows) rows, \(counts.errors) with errors.\n".utf8))
    }
  }
}

/// The streaming loop of `leio batch stage`: read chunks, stage records, write
/// rows through a fixed-size buffer.
struct BatchRun {
  let source: UnsafeMutablePointer<FILE>
  let sink: UnsafeMutablePointer<FILE>
  let progress: Bool
  static let chunkSize = 1 << 20

  func run() throws -> (rows: Int, errors: Int) {
    var reader = CSVRecordReader()
    var out = OutputBuffer(capacity: Self.chunkSize * 2, sink: sink)
    var stager: BatchRowStager?
    var rows = 0
    var errors = 0
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 1)
    defer { chunk.deallocate() }
    var finished = false
    while !finished {
      let count = fread(chunk.baseAddress, 1, Self.chunkSize, source)
      finished = count < Self.chunkSize
      reader.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
      while try reader.nextRecord(
        isFinal: finished,
        { line, fields in
          out.append(line)
          guard let rowStager = stager else {
            stager = try BatchRowStager(header: (0..<fields.count).map(fields.string))
            for column in BatchRowStager.outputColumns {
              out.append(0x2C)
              out.append(column)
            }
            out.append(0x0A)
            return
          }
          switch rowStager.outcome(fields) {
          case .staged(let group, let summary, let code):
            out.append(0x2C)
            out.append(group.rawValue)
            out.append(0x2C)
            out.append(summary.rawValue)
            out.append(0x2C)
            if let code { out.append(code.rawValue) }
            out.append(0x2C)
          case .failed(let message):
            out.append(0x2C)
            out.append(0x2C)
            out.append(0x2C)
            out.append(0x2C)
            out.appendQuoted(message)
            errors += 1
          }
          out.append(0x0A)
          rows += 1
          if progress, rows % 100_000 == 0 {
            FileHandle.standardError.write(Data("\rleio: \(rows) rows staged".utf8))
          }
        })
      {}
    }
    out.flush()
    if progress, rows >= 100_000 { FileHandle.standardError.write(Data("\n".utf8)) }
    if stager == nil {
      throw StagingError.missingValue(field: "header", message: "the input file is empty: a header row is required.")
    }
    if reader.hasIncompleteRecord {
      throw StagingError.inconsistent(
        field: "file", message: "the last record has an unclosed quote; nothing was written.")
    }
    return (rows, errors)
  }
}

/// A fixed-capacity byte buffer in front of a `FILE`: appends are a bounds check and a copy (no array growth, no
/// uniqueness check per byte); a full buffer is written out.
struct OutputBuffer: ~Copyable {
  private let base: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private var count = 0
  private let sink: UnsafeMutablePointer<FILE>

  init(capacity: Int, sink: UnsafeMutablePointer<FILE>) {
    base = .allocate(capacity: capacity)
    self.capacity = capacity
    self.sink = sink
  }

  deinit { base.deallocate() }

  mutating func append(_ byte: UInt8) {
    if count == capacity { flush() }
    base[count] = byte
    count += 1
  }

  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.count > capacity - count {
      flush()
      if bytes.count > capacity {
        _ = fwrite(bytes.baseAddress, 1, bytes.count, sink)
        return
      }
    }
    guard let source = bytes.baseAddress else { return }
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Appends a CSV field in double quotes, doubling inner quotes.
  mutating func appendQuoted(_ text: String) {
    append(0x22)
    for byte in text.utf8 {
      if byte == 0x22 { append(0x22) }
      append(byte)
    }
    append(0x22)
  }

  /// Writes what is buffered.
  mutating func flush() {
    if count > 0 { _ = fwrite(base, 1, count, sink) }
    count = 0
  }
}
