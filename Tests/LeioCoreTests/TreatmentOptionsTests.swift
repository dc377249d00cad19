import Foundation
import LeioCore
import Testing

@Suite("Treatment options")
struct TreatmentOptionsTests {
  static func ids(
    _ build: (inout CaseInput) -> Void, situation: TreatmentSituation? = nil, margin: ResectionMargin? = nil
  ) throws -> [String] {
    var input = CaseInput()
    build(&input)
    return try TreatmentOptions.report(for: try CaseFacts(input), situation: situation, margin: margin).options.map(
      \.id)
  }

  static let limb: @Sendable (inout CaseInput) -> Void = {
    (
      $0[text: .site], $0[number: .sizeCm], $0[text: .depth], $0[text: .grade], $0[text: .nodes], $0[text: .metastasis]
    ) = ("extremity", 8, "deep", "G3", "N0", "M0")
  }

  @Test("localized limb sarcoma: surgery, radiation, adjuvant discussion; no systemic lines")
  func localized() throws {
    let ids = try Self.ids(Self.limb, margin: .r1)
    #expect(
      ids.contains("wide-excision") && ids.contains("radiation-extremity") && ids.contains("adjuvant-chemotherapy"))
    #expect(
      !ids.contains("doxorubicin") && !ids.contains("hysterectomy") && !ids.contains("surgery-alone-small-low-grade"))
  }

  @Test(
    "surgery alone is listed only for small low-grade tumours removed with R0 margins",
    arguments: [
      (4.0, "G1", ResectionMargin.r0, true), (5.0, "G1", .r0, true), (5.1, "G1", .r0, false), (4.0, "G2", .r0, false),
      (4.0, "G1", .r1, false),
    ])
  func smallLowGrade(_ size: Double, _ grade: String, _ margin: ResectionMargin, _ listed: Bool) throws {
    let ids = try Self.ids(
      {
        ($0[text: .site], $0[number: .sizeCm], $0[text: .depth], $0[text: .grade], $0[text: .nodes]) = (
          "extremity", size, "superficial", grade, "N0"
        )
      }, margin: margin)
    #expect(ids.contains("surgery-alone-small-low-grade") == listed)
  }

  @Test("metastatic disease lists the systemic options with approval wording (D-22)")
  func metastatic() throws {
    let options = try TreatmentOptions.report(
      for: try CaseFacts(
        {
          var i = CaseInput()
          Self.limb(&i)
          i[text: .metastasis] = "M1"
          return i
        }())
    ).options
    let ids = options.map(\.id)
    #expect(
      ids.contains("doxorubicin") && ids.contains("doxorubicin-trabectedin") && ids.contains("trabectedin")
        && ids.contains("pazopanib") && ids.contains("metastasectomy"))
    #expect(options.first { $0.id == "eribulin" }?.approval?.contains("not for leiomyosarcoma") == true)
    #expect(options.first { $0.id == "trabectedin" }?.approval?.contains("23 October 2015") == true)
    #expect(
      options.first { $0.id == "gemcitabine-docetaxel" }?.approval
        == "used in guidelines/trials; not FDA-approved for this indication")
    #expect(!ids.contains("wide-excision"))
  }

  @Test("uterine LMS: hysterectomy and uterine adjuvant facts, not limb surgery")
  func uterine() throws {
    let ids = try Self.ids {
      ($0[text: .site], $0[number: .sizeCm], $0[text: .uterineExtent], $0[text: .nodes]) = (
        "uterus", 6, "confined", "N0"
      )
    }
    #expect(ids.contains("hysterectomy") && ids.contains("uterine-adjuvant"))
    #expect(!ids.contains("wide-excision") && !ids.contains("adjuvant-chemotherapy"))
  }

  @Test("recurrent and unresectable situations", arguments: [TreatmentSituation.recurrent, .unresectable])
  func otherSituations(_ situation: TreatmentSituation) throws {
    let ids = try Self.ids(Self.limb, situation: situation)
    #expect(ids.contains("doxorubicin") && ids.contains("palliative-care"))
    #expect(!ids.contains("adjuvant-chemotherapy"))
  }

  @Test("inconsistent requests are field-level errors")
  func errors() throws {
    #expect(throws: StagingError.self) { try Self.ids(Self.limb, situation: .metastatic, margin: .r0) }
    #expect(throws: StagingError.self) {
      try Self.ids(
        {
          Self.limb(&$0)
          $0[text: .metastasis] = "M1"
        }, situation: .localized)
    }
  }

  @Test("options keep the reference's order (no ranking) and every source is registered")
  func orderAndSources() throws {
    let all = try TreatmentOptions.all().map(\.id)
    let listed = try Self.ids(Self.limb, situation: .metastatic)
    #expect(listed == all.filter(listed.contains))
    let kb = try KnowledgeBase.shipped()
    for option in try TreatmentOptions.all() {
      #expect(option.sources.allSatisfy { kb.sources[$0] != nil }, "\(option.id)")
      #expect(!option.what.lowercased().contains("we recommend") && !option.when.lowercased().contains("you should"))
    }
  }
}
