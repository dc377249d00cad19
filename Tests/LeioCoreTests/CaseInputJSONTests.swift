import Foundation
import LeioCore
import Testing

/// The fast reader of flat case documents agrees with `JSONDecoder` whenever it answers, and leaves every
/// unusual document (and so every error message) to `JSONDecoder`.
@Suite("Fast case-document reader")
struct CaseInputJSONTests {
  static func fast(_ text: String) -> CaseInput? {
    Array(text.utf8).withUnsafeBytes { CaseInput.decodeCommonShape($0) }
  }

  static func slow(_ text: String) -> CaseInput? {
    try? JSONDecoder().decode(CaseInput.self, from: Data(text.utf8))
  }

  static func agree(_ text: String) {
    if let fast = fast(text) { #expect(fast == slow(text), "\(text)") }
  }

  @Test("every worked example reads the same", arguments: WorkedExample.all)
  func workedExamples(_ example: WorkedExample) throws {
    let encoder = JSONEncoder()
    var input = example.input
    for field in CaseSchema.fnclccMembers { input[field] = nil }
    let text = String(decoding: try encoder.encode(input), as: UTF8.self)
    // The nested fnclcc object (here only when an example gives an empty one) is always left to JSONDecoder.
    #expect(Self.fast(text) == (text.contains("\"fnclcc\"") ? nil : input), "\(example.id)")
  }

  @Test(
    "plain documents are read by the fast path",
    arguments: [
      #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0","histology":"8890/3"}"#,
      #" { "site" : "uterus" , "sizeCm" : 1e1 , "uterineExtent":"adnexa", "cervixInvolved" : true, "diagnosisYear": 2024 } "#,
      #"{}"#, #"{"site":""}"#, #"{"sizeCm":-0.0}"#, #"{"invadedOrgans":[],"headAndNeckInvasion":["orbit","dura"]}"#,
      #"{"histology":"8890\/3","site":"\u0065xtremity \ud83d\ude42 \n\t\"\\"}"#, #"{"site":"é — ≥"}"#,
    ])
  func plain(_ text: String) {
    #expect(Self.fast(text) != nil, "\(text)")
    #expect(Self.fast(text) == Self.slow(text), "\(text)")
  }

  @Test(
    "unusual documents are left to JSONDecoder",
    arguments: [
      #"{"site":"extremity","site":"uterus"}"#, #"{"sizeCm":null}"#, #"{"grade":3}"#, #"{"diagnosisYear":2024.0}"#,
      #"{"diagnosisYear":99999999999999999999}"#, #"{"sizeCm":1e400}"#, #"{"sizeCm":01}"#,
      #"{"site":"y","sizeCm":0e1}"#, #"{"sizeCm":0E1}"#, #"{"sizeCm":-0e1}"#, #"{"sizeCm":0.5e1}"#,
      #"{"fnclcc":{"subtype":"conventional"}}"#,
      #"{"colour":"red"}"#, #"{"site":"extremity",}"#, #"{"site":"\ud800"}"#, "{\"site\":\"a\u{01}\"}", #"[]"#,
      #"{"site":"x"} x"#,
      #"{"cervixInvolved":"yes"}"#, #"{"invadedOrgans":"liver"}"#, #"{"invadedOrgans":[1]}"#, "", #"{"#,
    ])
  func unusual(_ text: String) {
    #expect(Self.fast(text) == nil, "\(text)")
  }

  @Test("mutated documents: the fast path never disagrees with JSONDecoder")
  func mutations() {
    let seeds = [
      #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0","histology":"8890/3"}"#,
      #"{"site":"uterus","sizeCm":12,"uterineExtent":"abdominalOneSite","cervixInvolved":false,"invadedOrgans":["liver"],"diagnosisYear":2019}"#,
    ]
    let alphabet = Array(#"{}[]:,"\ 0123456789.eE+-tfnulrsa/u"#.utf8)
    var state: UInt64 = 20_261_124
    func random(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var answered = 0
    for round in 0..<6000 {
      var bytes = Array(seeds[round % seeds.count].utf8)
      for _ in 0...random(3) {
        let position = random(bytes.count)
        switch random(3) {
        case 0: bytes[position] = alphabet[random(alphabet.count)]
        case 1: bytes.insert(alphabet[random(alphabet.count)], at: position)
        default: bytes.remove(at: position)
        }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      if let fast = bytes.withUnsafeBytes({ CaseInput.decodeCommonShape($0) }) {
        answered += 1
        #expect(fast == (try? JSONDecoder().decode(CaseInput.self, from: Data(bytes))), "\(text)")
      }
    }
    #expect(answered > 500, "the mutations should leave many documents valid")
  }
}
