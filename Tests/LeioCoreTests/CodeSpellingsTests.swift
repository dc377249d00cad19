import Foundation
import Testing

@testable import LeioCore

/// ``CodeSpellings``: the byte table that parses codes must accept exactly the spellings a reader is told about
/// (raw values and aliases, ASCII case folded, blanks around ignored) and nothing else.
@Suite("Code spellings")
struct CodeSpellingsTests {
  /// Every accepted spelling, written as is, upper-cased, lower-cased and padded, parses to its code.
  func roundTrip<C: ClinicalCode>(_ type: C.Type) {
    let spellings = C.allCases.map { ($0.rawValue, $0) } + C.aliases
    for (spelling, code) in spellings {
      // The first spelling wins when two are the same after folding (declaration order).
      let expected = spellings.first { $0.0.lowercased() == spelling.lowercased() }?.1
      for written in [spelling, spelling.uppercased(), spelling.lowercased(), " \(spelling)\t"] {
        #expect(C.parse(written) == expected, "\(C.self): \(written)")
      }
      #expect(expected == code || spellings.filter { $0.0.lowercased() == spelling.lowercased() }.count > 1)
    }
  }

  @Test("every spelling of the staging codes parses, in any ASCII case")
  func spellingsParse() {
    roundTrip(Site.self)
    roundTrip(Depth.self)
    roundTrip(ReportedGrade.self)
    roundTrip(TCategory.self)
    roundTrip(NCategory.self)
    roundTrip(MCategory.self)
    roundTrip(UterineExtent.self)
    roundTrip(VisceralExtent.self)
    roundTrip(StagingSystem.self)
    roundTrip(TrunkLocation.self)
    roundTrip(Laterality.self)
    roundTrip(NecrosisExtent.self)
  }

  @Test(
    "near misses are refused",
    arguments: [
      "", " ", "extremit", "extremityy", "extremity,", "ext remity", "G 3", "g4", "N2", "M1x", "deep\u{0}",
      // '@' and '`' differ only in bit 0x20 but are not letters: case folding must not join them.
      "@", "`", "dee`", "DEE@",
    ])
  func nearMisses(_ text: String) {
    #expect(Site.parse(text) == nil)
    #expect(Depth.parse(text) == nil)
    #expect(ReportedGrade.parse(text) == nil)
    #expect(NCategory.parse(text) == nil)
    #expect(MCategory.parse(text) == nil)
  }

  @Test("non-ASCII letters are not folded")
  func nonASCII() {
    #expect(Depth.parse("DEEP") == .deep)
    #expect(Depth.parse("DEÉP") == nil)
    #expect(Depth.parse("déep") == nil)
  }
}
