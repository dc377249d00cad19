import Foundation
import LeioFHIR
import Testing

/// The JSON value FHIR bundles are built and read with: RFC 8259 syntax, member order, escapes, errors with the
/// position, and the writer's rules (absent values left out).
@Suite("FHIR JSON")
struct FHIRJSONTests {
  @Test(
    "valid documents parse to the value, members in order",
    arguments: [
      (#"{"b":1,"a":[true,false,null],"c":"x"}"#, ["b": 1, "a": [true, false, nil], "c": "x"] as FHIRJSON),
      (#" [ -0.5e2 , 0 , 12.25 ] "#, [-50.0, 0, 12.25] as FHIRJSON),
      (#""\u00e9\ud83d\ude00\n\"\\\/""#, FHIRJSON.string("é😀\n\"\\/")),
      (#"{}"#, [:] as FHIRJSON),
      ("[]", [] as FHIRJSON),
    ] as [(String, FHIRJSON)])
  func valid(_ text: String, _ expected: FHIRJSON) throws {
    #expect(try FHIRJSON.parse(Data(text.utf8)) == expected)
  }

  @Test(
    "invalid documents are refused with what was expected and where",
    arguments: [
      ("{\"a\":1,}", "expected a member name at line 1, column 8"),
      ("[1 2]", "expected ',' or ']' at line 1, column 4"),
      ("{\n\"a\": tru}", "expected a value at line 2, column 6"),
      ("01", "a number with a leading zero"),
      ("\"\\ud800\"", "a lone surrogate"),
      ("\"a\u{01}\"", "a control character in a string"),
      ("[1] [2]", "unexpected text after the document"),
      ("\"abc", "an unterminated string"),
      ("1e999", "a number out of range"),
    ])
  func invalid(_ text: String, _ message: String) {
    do {
      _ = try FHIRJSON.parse(Data(text.utf8))
      Issue.record("parsed \(text)")
    } catch {
      #expect("\(error)".contains(message), "\(error)")
    }
  }

  @Test("bytes that are not UTF-8 inside a string are refused; nesting past the limit is refused")
  func limits() {
    #expect(throws: (any Error).self) { try FHIRJSON.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
    let deep =
      String(repeating: "[", count: FHIRJSON.maximumDepth + 2)
      + String(repeating: "]", count: FHIRJSON.maximumDepth + 2)
    #expect(throws: (any Error).self) { try FHIRJSON.parse(Data(deep.utf8)) }
    let fine =
      String(repeating: "[", count: FHIRJSON.maximumDepth) + String(repeating: "]", count: FHIRJSON.maximumDepth)
    #expect((try? FHIRJSON.parse(Data(fine.utf8))) != nil)
  }

  @Test("the writer leaves out null, empty arrays and empty objects, and reads back to the same value")
  func writer() throws {
    let value: FHIRJSON = ["a": nil, "b": [], "c": ["d": [:], "e": [nil]], "f": "q\"\n\u{01}", "g": 7.5, "h": 3]
    let text = value.serialized()
    #expect(text == "{\n  \"f\": \"q\\\"\\n\\u0001\",\n  \"g\": 7.5,\n  \"h\": 3\n}\n")
    #expect(try FHIRJSON.parse(Data(text.utf8)) == ["f": "q\"\n\u{01}", "g": 7.5, "h": 3])
    #expect(FHIRJSON.null.serialized() == "\n")
  }
}
