import Foundation

/// Splits CSV bytes (RFC 4180: commas, double quotes, `""` escapes, CRLF or
/// LF line ends, newlines inside quoted fields) into records, incrementally.
///
/// Feed it chunks with ``append(_:)``; take complete records with
/// ``nextRecord()``. It keeps one record's worth of bytes across chunks, so
/// memory stays flat whatever the file size.
public struct CSVRecordReader: Sendable {
  @usableFromInline var buffer: [UInt8] = []
  @usableFromInline var start = 0
  /// Field boundaries of the current record: (start, end, quoted) into `buffer`.
  @usableFromInline var fieldRanges: [(Int, Int, Bool)] = []
  /// Whether the start of the input was looked at for a UTF-8 byte-order mark (skipped: spreadsheet programs
  /// write one, and it must not become part of the first column's name).
  @usableFromInline var checkedByteOrderMark = false

  /// - Parameter capacity: bytes to reserve up front (the batch reader's 1 MiB chunks; small for small inputs).
  public init(capacity: Int = 1 << 20) {
    buffer.reserveCapacity(capacity)
    fieldRanges.reserveCapacity(64)
  }

  /// Adds bytes read from the file.
  @inlinable
  public mutating func append(_ bytes: UnsafeRawBufferPointer) {
    if start > 0 {
      buffer.removeSubrange(0..<start)
      start = 0
    }
    buffer.append(contentsOf: bytes)
  }

  /// Parses the next complete record, calling `body` with its raw line bytes
  /// (without the line end) and its fields.
  ///
  /// - Parameter isFinal: true after the last chunk, so a last line without a
  ///   line end still counts.
  /// - Returns: false when no complete record is buffered.
  @inlinable
  public mutating func nextRecord(isFinal: Bool, _ body: (UnsafeBufferPointer<UInt8>, CSVFields) throws -> Void)
    rethrows -> Bool
  {
    if !checkedByteOrderMark {
      guard buffer.count - start >= 3 || isFinal else { return false }
      if buffer.count - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
        start += 3
      }
      checkedByteOrderMark = true
    }
    let count = buffer.count
    guard start < count else { return false }
    fieldRanges.removeAll(keepingCapacity: true)
    var index = start
    var fieldStart = start
    var inQuotes = false
    var quoted = false
    var lineEnd = -1
    var next = -1
    buffer.withUnsafeBufferPointer { bytes in
      while index < count {
        let byte = bytes[index]
        if inQuotes {
          if byte == 0x22 {
            if index + 1 < count, bytes[index + 1] == 0x22 {
              index += 2
              continue
            }
            if index + 1 >= count, !isFinal { return }
            inQuotes = false
          }
          index += 1
          continue
        }
        switch byte {
        case 0x22:
          inQuotes = true
          quoted = true
        case 0x2C:
          fieldRanges.append((fieldStart, index, quoted))
          fieldStart = index + 1
          quoted = false
        case 0x0A:
          let end = index > fieldStart && bytes[index - 1] == 0x0D ? index - 1 : index
          fieldRanges.append((fieldStart, end, quoted))
          lineEnd = end
          next = index + 1
          return
        default: break
        }
        index += 1
      }
      if isFinal, !inQuotes {
        let end = count > fieldStart && bytes[count - 1] == 0x0D ? count - 1 : count
        fieldRanges.append((fieldStart, end, quoted))
        lineEnd = end
        next = count
      }
    }
    guard lineEnd >= 0 else { return false }
    let recordStart = start
    start = next
    try buffer.withUnsafeBufferPointer { bytes in
      let line = UnsafeBufferPointer(rebasing: bytes[recordStart..<lineEnd])
      try body(line, CSVFields(bytes: bytes, ranges: fieldRanges))
    }
    return true
  }

  /// Whether bytes remain that do not form a complete record (an unclosed quote).
  public var hasIncompleteRecord: Bool { start < buffer.count }
}

/// The fields of one CSV record, valid only inside ``CSVRecordReader/nextRecord(isFinal:_:)``.
public struct CSVFields {
  @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
  @usableFromInline let ranges: [(Int, Int, Bool)]

  @usableFromInline init(bytes: UnsafeBufferPointer<UInt8>, ranges: [(Int, Int, Bool)]) {
    (self.bytes, self.ranges) = (bytes, ranges)
  }

  /// Number of fields.
  @inlinable public var count: Int { ranges.count }

  /// Field `index` as text, unquoted; empty when the record is shorter.
  @inlinable
  public func string(_ index: Int) -> String {
    guard index < ranges.count else { return "" }
    let (low, high, quoted) = ranges[index]
    guard quoted else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self) }
    var value: [UInt8] = []
    var position = low
    var inQuotes = false
    while position < high {
      let byte = bytes[position]
      if byte == 0x22 {
        if inQuotes, position + 1 < high, bytes[position + 1] == 0x22 {
          value.append(0x22)
          position += 2
          continue
        }
        inQuotes.toggle()
      } else {
        value.append(byte)
      }
      position += 1
    }
    return String(decoding: value, as: UTF8.self)
  }

  /// Runs `body` with field `index`'s unquoted bytes (copied only when quoted).
  @inlinable
  public func withBytes<R, E: Error>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
    let (low, high, quoted) = ranges[index]
    guard quoted else { return try body(UnsafeBufferPointer(rebasing: bytes[low..<high])) }
    var copy = string(index)
    let result = copy.withUTF8 { bytes in Result { () throws(E) -> R in try body(bytes) } }
    return try result.get()
  }

  /// Whether field `index` is empty or absent.
  @inlinable
  public func isEmpty(_ index: Int) -> Bool {
    guard index < ranges.count else { return true }
    return ranges[index].0 == ranges[index].1
  }
}
