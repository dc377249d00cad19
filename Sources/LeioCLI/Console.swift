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

  /// A note on stderr (`leio: …`): a summary or a warning, not a failure.
  static func note(_ text: String) {
    FileHandle.standardError.write(Data(("leio: " + text + "\n").utf8))
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

extension Console {
  /// Writes `data` to `path` whole or not at all (a temporary file renamed into place).
  /// - Throws: ``OutputFileError`` (exit 73).
  static func write(_ data: Data, to path: String) throws {
    do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
      throw OutputFileError(
        path: path, reason: (error as NSError).localizedFailureReason ?? "the folder does not exist or is not writable")
    }
  }
}

/// A streamed output: standard output, or a temporary file beside `path` that becomes `path` only when the run
/// finishes (``commit()``); on any failure the temporary file is removed, so no half-written output is left.
final class OutputStream {
  let file: UnsafeMutablePointer<FILE>
  private let path: String?
  private let temporary: String?

  /// Opens the output (`nil` or `-`: standard output).
  /// - Throws: ``OutputFileError`` (exit 73) when the file cannot be created.
  init(path: String?) throws {
    guard let path, path != "-" else {
      (self.path, temporary) = (nil, nil)
      guard let out = fdopen(dup(1), "wb") else { throw OutputFileError(path: "standard output") }
      file = out
      return
    }
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).leio-\(getpid()).tmp")
      .path
    guard let out = fopen(temp, "wbx") else {
      throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
    }
    (self.path, temporary, file) = (path, temp, out)
  }

  /// Flushes and moves the file into place.
  func commit() throws {
    let flushed = fflush(file) == 0 && ferror(file) == 0
    guard let path, let temporary else {
      fclose(file)
      if !flushed { throw OutputFileError(path: "standard output") }
      return
    }
    let synced = flushed && fsync(fileno(file)) == 0
    fclose(file)
    guard synced, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw OutputFileError(path: path, reason: reason)
    }
  }

  /// Removes the temporary file (the run failed).
  func abandon() {
    fclose(file)
    if let temporary { unlink(temporary) }
  }

  /// Runs `body` with the file; commits on success, abandons on any error.
  static func writing<T>(to path: String?, _ body: (UnsafeMutablePointer<FILE>) throws -> T) throws -> T {
    let output = try OutputStream(path: path)
    let result: T
    do { result = try body(output.file) } catch {
      output.abandon()
      throw error
    }
    try output.commit()
    return result
  }
}
