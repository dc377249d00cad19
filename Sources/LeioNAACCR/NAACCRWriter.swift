import Foundation

/// Writes a NAACCR XML 1.x document (base dictionary 260 by default, Leio's user dictionary declared): patients with
/// their items and tumours, values escaped, blank values left out.
public struct NAACCRWriter {
  private let output: AtomicOutput
  /// The base dictionary version written.
  public let version: Int

  /// Starts the document.
  ///
  /// - Throws: what the output throws.
  public init(output: AtomicOutput, version: Int = 260, recordType: String = "A") throws {
    self.output = output
    self.version = version
    try output.write(
      Array(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <NaaccrData baseDictionaryUri="\(NAACCRDictionary.uri(version))" userDictionaryUri="\(NAACCRStageRun.userDictionaryURI)"
                    recordType="\(recordType)" specificationVersion="1.6" xmlns="\(NAACCRDictionary.namespace)">

        """.utf8))
  }

  /// `value` escaped for XML text.
  public static func escaped(_ value: String) -> String {
    var text = ""
    text.reserveCapacity(value.utf8.count)
    for character in value {
      switch character {
      case "&": text += "&amp;"
      case "<": text += "&lt;"
      case ">": text += "&gt;"
      default: text.append(character)
      }
    }
    return text
  }

  private func items(_ items: [(String, String?)], indent: String) -> String {
    var text = ""
    for (id, value) in items {
      guard let value, !value.isEmpty else { continue }
      text += "\(indent)<Item naaccrId=\"\(id)\">\(Self.escaped(value))</Item>\n"
    }
    return text
  }

  /// One patient: its items (naaccrId, value) and its tumours' items.
  ///
  /// - Throws: what the output throws.
  public func patient(_ patientItems: [(String, String?)], tumours: [[(String, String?)]]) throws {
    var text = "    <Patient>\n" + items(patientItems, indent: "        ")
    for tumour in tumours { text += "        <Tumor>\n" + items(tumour, indent: "            ") + "        </Tumor>\n" }
    try output.write(Array((text + "    </Patient>\n").utf8))
  }

  /// Ends the document (the caller commits the output).
  ///
  /// - Throws: what the output throws.
  public func finish() throws { try output.write(Array("</NaaccrData>\n".utf8)) }
}
