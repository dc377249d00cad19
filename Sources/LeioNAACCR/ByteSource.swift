import CZlib
import Foundation

/// An error of a NAACCR file: what is wrong and where (line 0 when no line applies).
public struct NAACCRError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of failure.
  public enum Kind: Sendable { case data, cannotOpen, cannotWrite }
  /// The line of the document (from 1), or 0.
  public let line: Int
  /// What is wrong.
  public let message: String
  /// What kind of failure.
  public let kind: Kind

  /// An error at `line`.
  public init(line: Int, _ message: String, kind: Kind = .data) {
    self.line = line
    self.message = message
    self.kind = kind
  }

  /// `line 12: …`, or the message alone.
  public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// The bytes of a file, read in chunks, inflated when the file is gzip (magic bytes 1f 8b; several members are read
/// one after another, as `gzip -d` does). A gzip stream that ends before its trailer is an error, never a short
/// document.
final class ByteSource {
  private let handle: FileHandle
  private let gzip: Bool
  /// zlib checks that a stream never moves: it lives at one allocated address.
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var compressed = [UInt8](repeating: 0, count: 1 << 18)
  private var compressedStart = 0
  private var compressedEnd = 0
  private var fileEnded = false
  private var memberEnded = false
  private var streamReady = false
  /// Bytes read from the file so far (compressed bytes for gzip).
  private(set) var bytesRead = 0

  /// Opens `path`.
  ///
  /// - Throws: ``NAACCRError`` when the file cannot be opened.
  init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw NAACCRError(line: 0, "cannot open \(path)", kind: .cannotOpen)
    }
    self.handle = handle
    stream.initialize(to: z_stream())
    let head = try handle.read(upToCount: 2) ?? Data()
    gzip = head.count == 2 && head[head.startIndex] == 0x1f && head[head.startIndex + 1] == 0x8b
    try handle.seek(toOffset: 0)
    if gzip {
      let status = inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else { throw NAACCRError(line: 0, "zlib could not start (\(status))") }
      streamReady = true
    }
  }

  deinit {
    if streamReady { inflateEnd(stream) }
    stream.deallocate()
    try? handle.close()
  }

  private func fillCompressed() throws {
    guard !fileEnded else { return }
    if compressedStart == compressedEnd { (compressedStart, compressedEnd) = (0, 0) }
    let data = try handle.read(upToCount: compressed.count - compressedEnd) ?? Data()
    if data.isEmpty {
      fileEnded = true
      return
    }
    bytesRead += data.count
    compressed.withUnsafeMutableBytes { buffer in
      data.copyBytes(to: UnsafeMutableRawBufferPointer(rebasing: buffer[compressedEnd...]))
    }
    compressedEnd += data.count
  }

  /// Reads up to `count` bytes into `destination`; 0 at the end of the file.
  ///
  /// - Throws: ``NAACCRError`` for a truncated or corrupt gzip stream, or a read error.
  func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
    guard gzip else {
      let data = try handle.read(upToCount: count) ?? Data()
      bytesRead += data.count
      data.copyBytes(to: destination, count: data.count)
      return data.count
    }
    var produced = 0
    while produced == 0 {
      if compressedStart == compressedEnd {
        try fillCompressed()
        if compressedStart == compressedEnd {
          if memberEnded { return 0 }
          throw NAACCRError(
            line: 0, "the gzip stream is truncated: the file ends before the end of its compressed data")
        }
      }
      if memberEnded {
        // Another gzip member follows (concatenated gzip), or trailing bytes that are not gzip.
        guard inflateReset(stream) == Z_OK else { throw NAACCRError(line: 0, "zlib could not reset") }
        memberEnded = false
      }
      let available = compressedEnd - compressedStart
      let status = compressed.withUnsafeMutableBufferPointer { input -> Int32 in
        stream.pointee.next_in = input.baseAddress! + compressedStart
        stream.pointee.avail_in = uInt(available)
        stream.pointee.next_out = destination + produced
        stream.pointee.avail_out = uInt(count - produced)
        return inflate(stream, Z_NO_FLUSH)
      }
      let used = available - Int(stream.pointee.avail_in)
      compressedStart += used
      produced = count - Int(stream.pointee.avail_out)
      switch status {
      case Z_OK: break
      case Z_STREAM_END: memberEnded = true
      case Z_BUF_ERROR where used == 0 && produced == 0:
        try fillCompressed()
        if compressedStart == compressedEnd {
          throw NAACCRError(
            line: 0, "the gzip stream is truncated: the file ends before the end of its compressed data")
        }
      default:
        throw NAACCRError(line: 0, "the gzip stream is corrupt (zlib status \(status))")
      }
      if memberEnded, produced == 0, compressedStart == compressedEnd {
        try fillCompressed()
        if compressedStart == compressedEnd { return 0 }
      }
    }
    return produced
  }
}
