import Foundation
import LeioCSV
import LeioCore
import Testing

/// `laterality` and `dateOfDiagnosis` (issue 12's proof of the one declaration): each reads the same from JSON, a
/// form-like CaseInput and CSV bytes, and a date whose year differs from `diagnosisYear` is a field error.
@Suite("New case fields: laterality, dateOfDiagnosis")
struct NewFieldTests {
  static func facts(_ json: String) throws -> CaseFacts {
    try CaseFacts(try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)))
  }

  @Test(
    "laterality: every value, any case; anything else is refused with the accepted values",
    arguments: [
      ("left", Laterality.left), ("RIGHT", .right), ("Bilateral", .bilateral), ("midline", .midline),
      (" unknown ", .unknown),
    ])
  func laterality(_ text: String, _ expected: Laterality) throws {
    #expect(try Self.facts(#"{"site":"extremity","laterality":"\#(text)"}"#).laterality == expected)
  }

  @Test("an unknown laterality is a field error")
  func badLaterality() {
    #expect(
      throws: StagingError.invalidValue(
        field: "laterality", value: "sideways", expected: ["left", "right", "bilateral", "midline", "unknown"])
    ) {
      try Self.facts(#"{"laterality":"sideways"}"#)
    }
  }

  @Test("laterality is not a staging input: the stage is the same with and without it")
  func lateralityDoesNotStage() throws {
    let plain = #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0"}"#
    let sided =
      #"{"site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N0","metastasis":"M0","laterality":"left"}"#
    func stage(_ json: String) throws -> StagingReport {
      try Staging.stage(try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)))
    }
    #expect(try stage(plain) == (try stage(sided)))
  }

  @Test(
    "dateOfDiagnosis gives the diagnosis year; with the same diagnosisYear it is accepted",
    arguments: [
      (#"{"dateOfDiagnosis":"2024-03-01"}"#, 2024), (#"{"dateOfDiagnosis":"2024-02-29","diagnosisYear":2024}"#, 2024),
      (#"{"dateOfDiagnosis":"1900-01-01"}"#, 1900), (#"{"dateOfDiagnosis":"2100-12-31"}"#, 2100),
    ])
  func dateGivesYear(_ json: String, _ year: Int) throws {
    let facts = try Self.facts(json)
    #expect(facts.diagnosisYear == year && facts.dateOfDiagnosis?.year == year)
  }

  @Test(
    "bad or contradicting dates are field errors on dateOfDiagnosis",
    arguments: [
      (#"{"dateOfDiagnosis":"2024-03-01","diagnosisYear":2023}"#, "2024-03-01 is in 2024, but diagnosisYear is 2023."),
      (#"{"diagnosisYear":2025,"dateOfDiagnosis":"2024-12-31"}"#, "2024-12-31 is in 2024, but diagnosisYear is 2025."),
      (#"{"dateOfDiagnosis":"2023-02-29"}"#, "a date written YYYY-MM-DD that exists"),
      (#"{"dateOfDiagnosis":"2024-3-1"}"#, "a date written YYYY-MM-DD that exists"),
      (#"{"dateOfDiagnosis":"20240301"}"#, "a date written YYYY-MM-DD that exists"),
      (#"{"dateOfDiagnosis":"+024-03-01"}"#, "a date written YYYY-MM-DD that exists"),
      (#"{"dateOfDiagnosis":"1899-12-31"}"#, "not plausible"),
      (#"{"dateOfDiagnosis":2024}"#, "a date written YYYY-MM-DD that exists"),
    ])
  func badDates(_ json: String, _ message: String) {
    do {
      _ = try Self.facts(json)
      Issue.record("accepted: \(json)")
    } catch let error as StagingError {
      #expect(error.field == "dateOfDiagnosis", "\(json)")
      #expect(error.description.contains(message), "\(error.description)")
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test(
    "the cervix schema follows the year of dateOfDiagnosis exactly as it follows diagnosisYear",
    arguments: [2020, 2021, 2022])
  func cervixByDate(_ year: Int) throws {
    let base = #""site":"cervix","sizeCm":3,"nodes":"N0","metastasis":"M0""#
    func stage(_ json: String) throws -> StagingReport {
      try Staging.stage(try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)))
    }
    #expect(
      try stage("{\(base),\"dateOfDiagnosis\":\"\(year)-06-15\"}") == (try stage("{\(base),\"diagnosisYear\":\(year)}"))
    )
  }

  @Test("CSV columns read the same as JSON (batch staging)")
  func csvColumns() throws {
    let stager = try BatchRowStager(header: [
      "site", "sizeCm", "depth", "grade", "nodes", "metastasis", "laterality", "dateOfDiagnosis", "diagnosisYear",
    ])
    func stage(_ row: String) -> (stageGroup: String, summaryStage: String, summaryStageCode: String, error: String) {
      var reader = CSVRecordReader(capacity: 256)
      Array((row + "\n").utf8).withUnsafeBytes { reader.append($0) }
      var result = (stageGroup: "", summaryStage: "", summaryStageCode: "", error: "no record")
      _ = reader.nextRecord(isFinal: true) { _, fields in result = stager.stage(fields) }
      return result
    }
    #expect(stage("extremity,7.5,deep,G3,N0,M0,right,2024-03-01,2024").error == "")
    #expect(stage("extremity,7.5,deep,G3,N0,M0,sideways,,").error.contains("laterality"))
    #expect(stage("extremity,7.5,deep,G3,N0,M0,,2024-03-01,2023").error.contains("dateOfDiagnosis"))
  }
}
