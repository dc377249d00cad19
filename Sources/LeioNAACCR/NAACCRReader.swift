import Foundation

/// One tumour of a NAACCR file with its patient's items (inherited), valid only inside the reader's callback.
public struct NAACCRRecord: ~Copyable {
  /// The values, one after another: the patient's, then the tumour's.
  fileprivate var bytes: [UInt8] = []
  /// Each item's range in `bytes`, or `nil` when absent.
  fileprivate var slots = [Range<Int>?](repeating: nil, count: NAACCRItem.allCases.count)
  /// Where the patient's values end in `bytes`.
  fileprivate var patientEnd = 0
  /// The line of the tumour's start tag.
  public fileprivate(set) var line = 0
  /// The base dictionary version of the file.
  public fileprivate(set) var version = 0

  init() { bytes.reserveCapacity(4096) }

  /// Whether the item is present (a present item may be blank).
  public func has(_ item: NAACCRItem) -> Bool { slots[item.rawValue] != nil }

  /// The item's value, with surrounding spaces removed, as bytes (empty when blank); `nil` when absent.
  public func withValue<R>(_ item: NAACCRItem, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
    guard let range = slots[item.rawValue] else { return nil }
    return try bytes.withUnsafeBufferPointer { all in
      var lower = range.lowerBound
      var upper = range.upperBound
      while lower < upper, all[lower] == 0x20 { lower += 1 }
      while upper > lower, all[upper - 1] == 0x20 { upper -= 1 }
      return try body(UnsafeBufferPointer(rebasing: all[lower..<upper]))
    }
  }

  /// The item's value as text (spaces trimmed); `nil` when absent.
  public func text(_ item: NAACCRItem) -> String? { withValue(item) { String(decoding: $0, as: UTF8.self) } }

  /// The item's value, `nil` when absent or blank.
  public func nonBlank(_ item: NAACCRItem) -> String? {
    guard let text = text(item), !text.isEmpty else { return nil }
    return text
  }

  fileprivate mutating func startPatient() {
    bytes.removeAll(keepingCapacity: true)
    for index in slots.indices { slots[index] = nil }
    patientEnd = 0
  }

  fileprivate mutating func startTumour(line: Int) {
    bytes.removeSubrange(patientEnd...)
    for item in NAACCRItem.allCases where item.level == .tumor { slots[item.rawValue] = nil }
    self.line = line
  }
}

/// Streams a NAACCR XML 1.x file (`NaaccrData` → `Patient` → `Tumor` → `Item naaccrId`, base dictionaries 180–260,
/// plain or gzip): each tumour is handed to a callback with its patient's items; the rest of the document is checked
/// but not kept. With an output, the document is copied through unchanged except for the bytes the callback adds
/// before each `</Tumor>` and the user dictionary added to the root's `userDictionaryUri`.
///
/// Errors (not well-formed XML, not NAACCR XML, an unknown base dictionary, an item outside its level, a truncated or
/// corrupt gzip stream) stop the read with the line.
public final class NAACCRReader {
  private var scanner: XMLScanner
  private let source: ByteSource
  /// The base dictionary version, once the root element was read.
  public private(set) var version = 0
  /// The namespace prefix of the file's elements (`""`, or `p:` for `<p:NaaccrData xmlns:p=…>`).
  public private(set) var elementPrefix = ""
  /// Tumours read so far.
  public private(set) var tumours = 0
  /// `naaccrId`, the attribute that names an item (compared as bytes, built once).
  static let naaccrIdName = Array("naaccrId".utf8)
  /// The longest value accepted for an item.
  public static let maximumValue = 4000

  /// Opens `path`.
  ///
  /// - Throws: ``NAACCRError`` when the file cannot be opened.
  public convenience init(path: String) throws { try self.init(path: path, bufferCapacity: 1 << 20) }

  /// Opens `path` with a scanner buffer of `bufferCapacity` bytes (tests and the fuzz target use tiny buffers, so that
  /// every construct is split across refills).
  ///
  /// - Throws: ``NAACCRError`` when the file cannot be opened.
  public init(path: String, bufferCapacity: Int) throws {
    source = try ByteSource(path: path)
    scanner = XMLScanner(source: source, capacity: bufferCapacity)
  }

  /// Bytes read from the file so far (compressed bytes of a gzip file), for progress.
  public var bytesRead: Int { source.bytesRead }

  private enum Kind { case root, patient, tumour, item, other }

  /// Reads the whole file, calling `body` for each tumour; `body` may append bytes to insert before `</Tumor>` (only
  /// used with `output`).
  ///
  /// - Parameters:
  ///   - output: receives the document, rewritten; `nil` to only read.
  ///   - userDictionary: the URI added to the root's `userDictionaryUri` (with `output`).
  /// - Throws: ``NAACCRError``, or what `body` or `output` throw.
  public func read(
    output: ((UnsafeBufferPointer<UInt8>) throws -> Void)? = nil, userDictionary: String = "",
    _ body: (borrowing NAACCRRecord, inout [UInt8]) throws -> Void
  ) throws {
    scanner.sink = output
    var record = NAACCRRecord()
    var kinds: [Kind] = []
    kinds.reserveCapacity(16)
    var prefix: [UInt8] = []
    var names: (patient: [UInt8], tumour: [UInt8], item: [UInt8]) = ([], [], [])
    var currentItem: NAACCRItem?
    var itemStart = 0
    var sawTumour = false
    var tumourStart = 0
    var tumourSelfClosing = false
    var insertion: [UInt8] = []
    insertion.reserveCapacity(1024)

    func fail(_ message: String) -> NAACCRError { NAACCRError(line: scanner.eventLine, message) }

    while true {
      switch try scanner.next() {
      case .start(let name, let selfClosing):
        guard let parent = kinds.last else {
          (prefix, version) = try root(name, selfClosing: selfClosing, userDictionary: userDictionary)
          record.version = version
          elementPrefix = String(decoding: prefix, as: UTF8.self)
          names = (prefix + Array("Patient".utf8), prefix + Array("Tumor".utf8), prefix + Array("Item".utf8))
          kinds.append(.root)
          continue
        }
        switch parent {
        case .item:
          throw fail("an Item holds a value only, not the element <\(scanner.text(name))>")
        case .other:
          kinds.append(.other)
        case .root, .patient, .tumour:
          if scanner.equal(name, names.item) {
            currentItem = try startItem(parent: parent, record: record, sawTumour: sawTumour)
            itemStart = record.bytes.count
            kinds.append(.item)
          } else if parent == .root, scanner.equal(name, names.patient) {
            record.startPatient()
            sawTumour = false
            kinds.append(.patient)
          } else if parent == .patient, scanner.equal(name, names.tumour) {
            if !sawTumour { record.patientEnd = record.bytes.count }
            sawTumour = true
            record.startTumour(line: scanner.eventLine)
            (tumourStart, tumourSelfClosing) = (scanner.eventStart, selfClosing)
            kinds.append(.tumour)
          } else if scanner.equal(name, names.patient) || scanner.equal(name, names.tumour) {
            throw fail("<\(scanner.text(name))> is not allowed inside \(parent == .tumour ? "a Tumor" : "NaaccrData")")
          } else {
            kinds.append(.other)  // an extension element: read, not kept
          }
        }
      case .text(let range, let entities):
        guard kinds.last == .item, currentItem != nil else { continue }
        scanner.decode(range, entities: entities, into: &record.bytes)
        if record.bytes.count - itemStart > Self.maximumValue {
          throw fail("an Item value longer than \(Self.maximumValue) bytes")
        }
      case .end:
        switch kinds.removeLast() {
        case .item:
          if let item = currentItem { record.slots[item.rawValue] = itemStart..<record.bytes.count }
          currentItem = nil
        case .tumour:
          tumours += 1
          insertion.removeAll(keepingCapacity: true)
          try body(record, &insertion)
          if scanner.sink != nil, !insertion.isEmpty {
            try insert(insertion, tumourStart: tumourStart, selfClosing: tumourSelfClosing, name: names.tumour)
          }
        case .root, .patient, .other:
          break
        }
      case .endOfDocument:
        if scanner.sink != nil { try scanner.copyRest() }
        return
      }
    }
  }

  /// Checks the root element and returns the namespace prefix (`""` or `p:`) and the base dictionary version; with an
  /// output, writes the root tag with the user dictionary added.
  private func root(_ name: Range<Int>, selfClosing: Bool, userDictionary: String) throws -> ([UInt8], Int) {
    let line = scanner.eventLine
    let text = scanner.text(name)
    let colon = text.firstIndex(of: ":")
    let prefix = colon.map { String(text[...$0]) } ?? ""
    let local = colon.map { String(text[text.index(after: $0)...]) } ?? text
    guard local == "NaaccrData" else {
      throw NAACCRError(line: line, "the root element is <\(text)>, not <NaaccrData>: this is not a NAACCR XML file")
    }
    var namespace: String?
    var base: String?
    var userURI: XMLAttribute?
    let declaration = prefix.isEmpty ? "xmlns" : "xmlns:" + prefix.dropLast()
    for attribute in scanner.attributes {
      switch scanner.text(attribute.name) {
      case declaration: namespace = scanner.text(attribute.value)
      case "baseDictionaryUri": base = scanner.text(attribute.value)
      case "userDictionaryUri": userURI = attribute
      default: break
      }
    }
    guard namespace == NAACCRDictionary.namespace else {
      throw NAACCRError(
        line: line,
        namespace.map { "the namespace of <\(text)> is \($0), not \(NAACCRDictionary.namespace)" }
          ?? "<\(text)> has no NAACCR namespace (\(declaration)=\"\(NAACCRDictionary.namespace)\")")
    }
    guard let base else { throw NAACCRError(line: line, "<\(text)> has no baseDictionaryUri") }
    guard let version = NAACCRDictionary.version(ofURI: base) else {
      throw NAACCRError(
        line: line,
        "unknown base dictionary \(base): Leio reads NAACCR XML base dictionaries \(NAACCRDictionary.versions.map(String.init).joined(separator: ", "))"
      )
    }
    if scanner.sink != nil, !userDictionary.isEmpty {
      try scanner.copyThrough(upTo: scanner.eventStart)
      var tag = Array(
        UnsafeBufferPointer(start: scanner.buffer + scanner.eventStart, count: scanner.eventEnd - scanner.eventStart))
      if let userURI {
        tag.insert(contentsOf: Array((" " + userDictionary).utf8), at: userURI.value.upperBound - scanner.eventStart)
      } else {
        let close = tag.count - (selfClosing ? 2 : 1)
        tag.insert(contentsOf: Array(" userDictionaryUri=\"\(userDictionary)\"".utf8), at: close)
      }
      try tag.withUnsafeBufferPointer { try scanner.sink?($0) }
      scanner.skipCopy(upTo: scanner.eventEnd)
    }
    return (Array(prefix.utf8), version)
  }

  /// Checks an Item's place; returns the item when Leio reads it.
  private func startItem(parent: Kind, record: borrowing NAACCRRecord, sawTumour: Bool) throws -> NAACCRItem? {
    guard let attribute = scanner.attributes.first(where: { scanner.equal($0.name, Self.naaccrIdName) }) else {
      throw NAACCRError(line: scanner.eventLine, "an Item without a naaccrId")
    }
    let item = UnsafeBufferPointer(start: scanner.buffer + attribute.value.lowerBound, count: attribute.value.count)
    guard let known = NAACCRItem.lookUp(item) else { return nil }
    let place: NAACCRLevel? = parent == .tumour ? .tumor : parent == .patient ? .patient : nil
    guard place == known.level else {
      throw NAACCRError(
        line: scanner.eventLine,
        "item \(known.id) is a \(known.level.rawValue) item but appears in \(place.map { "a \($0.rawValue)" } ?? "NaaccrData"), outside its \(known.level == .tumor ? "tumour" : "patient")"
      )
    }
    if known.level == .patient, sawTumour {
      throw NAACCRError(
        line: scanner.eventLine, "Patient item \(known.id) after a Tumor: a Patient's items come before its tumours")
    }
    guard record.slots[known.rawValue] == nil else {
      throw NAACCRError(line: scanner.eventLine, "item \(known.id) appears twice")
    }
    return known
  }

  private func insert(_ bytes: [UInt8], tumourStart: Int, selfClosing: Bool, name: [UInt8]) throws {
    if selfClosing {
      try scanner.copyThrough(upTo: tumourStart)
      let rewritten = [UInt8(ascii: "<")] + name + [UInt8(ascii: ">")] + bytes + Array("</".utf8) + name + [0x3e]
      try rewritten.withUnsafeBufferPointer { try scanner.sink?($0) }
      scanner.skipCopy(upTo: scanner.eventEnd)
    } else {
      try scanner.copyThrough(upTo: scanner.eventStart)
      try bytes.withUnsafeBufferPointer { try scanner.sink?($0) }
    }
  }
}
