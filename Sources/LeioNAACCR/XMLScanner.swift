import Foundation

/// One event of ``XMLScanner``. Ranges index the scanner's buffer and are valid until the next call of
/// ``XMLScanner/next()``.
enum XMLEvent {
  /// A start tag (`selfClosing` for `<a/>`); its attributes are in ``XMLScanner/attributes``.
  case start(name: Range<Int>, selfClosing: Bool)
  /// An end tag (also reported after a self-closing start tag).
  case end(name: Range<Int>)
  /// Character data (text or CDATA) between tags; `entities` when it holds `&` references to decode.
  case text(Range<Int>, entities: Bool)
  /// The end of the document.
  case endOfDocument
}

/// An attribute of the last start tag: name and value ranges in the buffer, and whether the value holds references.
struct XMLAttribute {
  var name: Range<Int>
  var value: Range<Int>
  var entities: Bool
}

/// A streaming, non-validating XML 1.0 scanner over bytes: what a NAACCR file needs, checked for well-formedness
/// (one root element, matching end tags, quoted and unique attributes, valid references, terminated comments, CDATA
/// and processing instructions), with the line of every event. Document type declarations are refused (no entity
/// expansion, so no entity attacks). Memory is one buffer that grows only for a single construct longer than it, up to
/// ``maximumConstruct``.
///
/// Bytes that have been scanned can be copied through unchanged (``copyThrough(upTo:)``) before the buffer moves on:
/// the XML output of `leio naaccr stage` is the input with items inserted.
struct XMLScanner: ~Copyable {
  static let commentEnd = Array("-->".utf8)
  static let cdataStart = Array("<![CDATA[".utf8)
  static let cdataEnd = Array("]]>".utf8)
  static let doctype = Array("<!DOCTYPE".utf8)

  /// The longest single construct (tag, text run, comment) accepted.
  static let maximumConstruct = 16 << 20

  private let source: ByteSource
  private(set) var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// Next byte to scan.
  private var position = 0
  /// End of the bytes read.
  private var end = 0
  private var sourceEnded = false
  /// Line of `position`.
  private(set) var line = 1
  /// Line where the last event started.
  private(set) var eventLine = 1
  /// Offset where the last event started (its `<` for tags).
  private(set) var eventStart = 0
  /// Attributes of the last start tag.
  private(set) var attributes: [XMLAttribute] = []
  /// The names of the open elements, one after another (no allocation per element once grown).
  private var openNames: [UInt8] = []
  /// Open elements: where each name starts in `openNames`, its length, and the line it opened on.
  private var open: [(start: Int, count: Int, line: Int)] = []
  private var rootSeen = false
  private var pendingEnd: Range<Int>?
  /// Bytes before this offset have been handed to `sink` (when copying through).
  private var copied = 0
  /// Receives bytes copied through, when the document is being rewritten.
  var sink: ((UnsafeBufferPointer<UInt8>) throws -> Void)?

  init(source: ByteSource, capacity: Int = 1 << 20) {
    self.source = source
    self.capacity = capacity
    buffer = .allocate(capacity: capacity)
    attributes.reserveCapacity(8)
  }

  deinit { buffer.deallocate() }

  /// Depth of the element being read (1 inside the root).
  var depth: Int { open.count }

  /// Copies the unsent bytes before `offset` to the sink.
  mutating func copyThrough(upTo offset: Int) throws {
    guard let sink, offset > copied else { return }
    try sink(UnsafeBufferPointer(start: buffer + copied, count: offset - copied))
    copied = offset
  }

  /// Marks the bytes before `offset` as sent without sending them (the caller wrote its own version).
  mutating func skipCopy(upTo offset: Int) { copied = max(copied, offset) }

  /// Reads more bytes, keeping the bytes from `keep` on (and any not yet copied through); `false` when the input has
  /// ended. Offsets into the buffer shift: callers recompute them from `position`.
  private mutating func refill(keeping keep: Int) throws -> Bool {
    guard !sourceEnded else { return false }
    if sink != nil { try copyThrough(upTo: keep) }
    let keepFrom = sink != nil ? min(keep, copied) : keep
    let kept = end - keepFrom
    if keepFrom > 0 {
      buffer.update(from: buffer + keepFrom, count: kept)
    } else if kept == capacity {
      guard capacity < Self.maximumConstruct else {
        throw NAACCRError(line: line, "a single tag, text or comment is longer than 16 MiB")
      }
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      larger.update(from: buffer, count: kept)
      buffer.deallocate()
      buffer = larger
      capacity *= 2
    }
    position -= keepFrom
    copied = max(0, copied - keepFrom)
    eventStart = max(0, eventStart - keepFrom)
    end = kept
    let count = try source.read(into: buffer + end, count: capacity - end)
    guard count > 0 else {
      sourceEnded = true
      return false
    }
    end += count
    return true
  }

  /// Ensures `count` bytes from `position` are in the buffer; `false` at the end of the input.
  private mutating func ensure(_ count: Int) throws -> Bool {
    while end - position < count {
      guard try refill(keeping: position) else { return end - position >= count }
    }
    return true
  }

  /// Copies every byte not yet sent (at the end of the document).
  mutating func copyRest() throws { try copyThrough(upTo: end) }

  /// The offset just after the last start or end tag.
  var eventEnd: Int { position }

  /// The next event.
  ///
  /// - Throws: ``NAACCRError`` for a document that is not well-formed XML, with its line.
  mutating func next() throws -> XMLEvent {
    if let name = pendingEnd {
      pendingEnd = nil
      return .end(name: name)
    }
    while true {
      eventLine = line
      eventStart = position
      guard try ensure(1) else {
        if let last = open.last {
          throw NAACCRError(
            line: line, "the document ends inside <\(openName(last))> (opened on line \(last.line))")
        }
        guard rootSeen else { throw NAACCRError(line: line, "the document has no root element") }
        return .endOfDocument
      }
      if buffer[position] != UInt8(ascii: "<") {
        let (range, entities, sawText) = try scanText()
        if open.isEmpty {
          guard !sawText else { throw NAACCRError(line: eventLine, "text outside the root element") }
          continue
        }
        return .text(range, entities: entities)
      }
      guard try ensure(2) else { throw NAACCRError(line: line, "the document ends inside a tag") }
      switch buffer[position + 1] {
      case UInt8(ascii: "/"): return try scanEndTag()
      case UInt8(ascii: "?"): try skip(until: [UInt8(ascii: "?"), UInt8(ascii: ">")], what: "processing instruction")
      case UInt8(ascii: "!"):
        if let text = try scanBang() { return text }
      default: return try scanStartTag()
      }
    }
  }

  /// Text up to the next `<`: its range, whether it holds references (checked), whether any is not whitespace.
  private mutating func scanText() throws -> (Range<Int>, Bool, Bool) {
    var index = position
    var entities = false
    var nonSpace = false
    while true {
      while index < end {
        let byte = buffer[index]
        if byte == UInt8(ascii: "<") { break }
        if byte == UInt8(ascii: "\n") {
          line += 1
        } else if byte == UInt8(ascii: "&") {
          entities = true
          nonSpace = true
        } else if byte > 0x20 {
          nonSpace = true
        } else if byte != 0x20, byte != 0x09, byte != 0x0d {
          throw NAACCRError(line: line, "control character 0x\(String(byte, radix: 16)) in text")
        }
        index += 1
      }
      if index < end || sourceEnded { break }
      let offset = index - position
      let more = try refill(keeping: position)
      index = offset + position
      if !more { break }
    }
    let range = position..<index
    position = index
    if entities { try checkReferences(range) }
    return (range, entities, nonSpace)
  }

  /// Checks every `&` reference of `range`: `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;`.
  private func checkReferences(_ range: Range<Int>) throws {
    var index = range.lowerBound
    while index < range.upperBound {
      if buffer[index] == UInt8(ascii: "&") {
        guard let (_, next) = Self.reference(buffer, index, range.upperBound) else {
          throw NAACCRError(line: line, "an '&' that does not start a character or predefined entity reference")
        }
        index = next
      } else {
        index += 1
      }
    }
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".") || byte >= 0x80
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0a || byte == 0x09 || byte == 0x0d }

  /// Finds the `>` that ends the tag starting at `position` (outside quoted values), reading more as needed.
  private mutating func tagEnd() throws -> Int {
    var index = position + 1
    var quote: UInt8 = 0
    while true {
      while index < end {
        let byte = buffer[index]
        if quote != 0 {
          if byte == quote {
            quote = 0
          } else if byte == UInt8(ascii: "<") {
            throw NAACCRError(line: line, "'<' in an attribute value")
          }
        } else if byte == UInt8(ascii: ">") {
          return index
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: "<") {
          throw NAACCRError(line: line, "a tag is not closed before the next '<'")
        }
        index += 1
      }
      let offset = index - position
      let more = try refill(keeping: position)
      index = position + offset
      guard more else { throw NAACCRError(line: line, "the document ends inside a tag") }
    }
  }

  private mutating func countLines(_ range: Range<Int>) {
    var index = range.lowerBound
    while index < range.upperBound {
      if buffer[index] == UInt8(ascii: "\n") { line += 1 }
      index += 1
    }
  }

  private mutating func scanStartTag() throws -> XMLEvent {
    let close = try tagEnd()
    let tagStart = position
    eventStart = tagStart
    var index = tagStart + 1
    let nameStart = index
    while index < close, Self.isNameByte(buffer[index]) { index += 1 }
    guard index > nameStart else { throw NAACCRError(line: line, "a '<' that does not start a tag name") }
    let name = nameStart..<index
    attributes.removeAll(keepingCapacity: true)
    var selfClosing = false
    while index < close {
      let byte = buffer[index]
      if Self.isSpace(byte) {
        if byte == UInt8(ascii: "\n") { line += 1 }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "/") {
        guard index + 1 == close else { throw NAACCRError(line: line, "'/' inside a start tag") }
        selfClosing = true
        index += 1
        continue
      }
      guard Self.isNameByte(byte), index > nameStart, Self.isSpace(buffer[index - 1]) else {
        throw NAACCRError(line: line, "malformed attribute in <\(text(name))>")
      }
      let attributeStart = index
      while index < close, Self.isNameByte(buffer[index]) { index += 1 }
      let attributeName = attributeStart..<index
      while index < close, Self.isSpace(buffer[index]) { index += 1 }
      guard index < close, buffer[index] == UInt8(ascii: "=") else {
        throw NAACCRError(line: line, "attribute \(text(attributeName)) has no value")
      }
      index += 1
      while index < close, Self.isSpace(buffer[index]) { index += 1 }
      guard index < close, buffer[index] == UInt8(ascii: "\"") || buffer[index] == UInt8(ascii: "'") else {
        throw NAACCRError(line: line, "the value of attribute \(text(attributeName)) is not quoted")
      }
      let quote = buffer[index]
      let valueStart = index + 1
      index = valueStart
      var entities = false
      while index < close, buffer[index] != quote {
        if buffer[index] == UInt8(ascii: "&") { entities = true }
        if buffer[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
      }
      let value = valueStart..<index
      index += 1
      if entities { try checkReferences(value) }
      for other in attributes where equal(other.name, attributeName) {
        throw NAACCRError(line: line, "attribute \(text(attributeName)) appears twice in <\(text(name))>")
      }
      attributes.append(XMLAttribute(name: attributeName, value: value, entities: entities))
    }
    position = close + 1
    if open.isEmpty {
      guard !rootSeen else { throw NAACCRError(line: eventLine, "a second root element <\(text(name))>") }
      rootSeen = true
    }
    if selfClosing {
      pendingEnd = name
    } else {
      open.append((openNames.count, name.count, eventLine))
      openNames.append(contentsOf: UnsafeBufferPointer(start: buffer + name.lowerBound, count: name.count))
    }
    return .start(name: name, selfClosing: selfClosing)
  }

  private mutating func scanEndTag() throws -> XMLEvent {
    let close = try tagEnd()
    var index = position + 2
    let nameStart = index
    while index < close, Self.isNameByte(buffer[index]) { index += 1 }
    let name = nameStart..<index
    while index < close, Self.isSpace(buffer[index]) {
      if buffer[index] == UInt8(ascii: "\n") { line += 1 }
      index += 1
    }
    guard index == close, !name.isEmpty else { throw NAACCRError(line: line, "malformed end tag") }
    guard let last = open.last else {
      throw NAACCRError(line: line, "end tag </\(text(name))> without a start tag")
    }
    let matches =
      last.count == name.count
      && openNames.withUnsafeBufferPointer {
        memcmp($0.baseAddress! + last.start, buffer + name.lowerBound, name.count) == 0
      }
    guard matches else {
      throw NAACCRError(
        line: line, "end tag </\(text(name))> does not match <\(openName(last))> opened on line \(last.line)")
    }
    open.removeLast()
    openNames.removeLast(last.count)
    position = close + 1
    return .end(name: name)
  }

  /// `<!--…-->`, `<![CDATA[…]]>` (returned as text) or a refused `<!DOCTYPE`.
  private mutating func scanBang() throws -> XMLEvent? {
    guard try ensure(4) else { throw NAACCRError(line: line, "the document ends inside a markup declaration") }
    if buffer[position + 2] == UInt8(ascii: "-"), buffer[position + 3] == UInt8(ascii: "-") {
      try skip(until: Self.commentEnd, what: "comment", from: 4)
      return nil
    }
    guard try ensure(9) else { throw NAACCRError(line: line, "the document ends inside a markup declaration") }
    if (0..<9).allSatisfy({ buffer[position + $0] == Self.cdataStart[$0] }) {
      guard !open.isEmpty else { throw NAACCRError(line: line, "CDATA outside the root element") }
      try skip(until: Self.cdataEnd, what: "CDATA section", from: 9)
      return .text((eventStart + 9)..<(position - 3), entities: false)
    }
    if (2..<9).allSatisfy({ buffer[position + $0] == Self.doctype[$0] }) {
      throw NAACCRError(line: line, "a document type declaration (<!DOCTYPE>) is not accepted in a NAACCR file")
    }
    throw NAACCRError(line: line, "malformed markup declaration")
  }

  /// Skips from `position` past `terminator`, counting lines.
  private mutating func skip(until terminator: [UInt8], what: String, from offset: Int = 2) throws {
    var index = position + offset
    while true {
      while index + terminator.count <= end {
        if buffer[index] == UInt8(ascii: "\n") { line += 1 }
        if buffer[index] == terminator[0],
          (1..<terminator.count).allSatisfy({ buffer[index + $0] == terminator[$0] })
        {
          position = index + terminator.count
          return
        }
        index += 1
      }
      let relative = index - position
      let more = try refill(keeping: position)
      index = position + relative
      guard more else { throw NAACCRError(line: line, "the document ends inside a \(what)") }
    }
  }

  private func openName(_ element: (start: Int, count: Int, line: Int)) -> String {
    String(decoding: openNames[element.start..<(element.start + element.count)], as: UTF8.self)
  }
}
