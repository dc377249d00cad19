import Foundation
import LeioCSV
import Testing

@testable import LeioCore

/// Issue 14 part 1: EOD codes as case fields. The summary stage is derived from them (not estimated), in the schema
/// chosen from the case's topography, histology, year and Schema Discriminator 2; a code outside its schema's table
/// is a field error naming the item.
@Suite("EOD codes as case input")
struct EODCaseTests {
  static func stage(_ json: String) throws -> StagingReport {
    try Staging.stage(try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8)))
  }

  static func error(_ json: String) -> StagingError? {
    do {
      _ = try stage(json)
      return nil
    } catch let error as StagingError {
      return error
    } catch {
      return nil
    }
  }

  @Test(
    "derived summary stage from the codes",
    arguments: [
      (#"{"topography":"C492","eodPrimaryTumor":"200","eodRegionalNodes":"000","eodMets":"00"}"#, "2", "00410"),
      (#"{"topography":"C49.2","eodPrimaryTumor":"100","eodRegionalNodes":"300"}"#, "3", "00410"),
      (#"{"topography":"C480","eodPrimaryTumor":"700","eodRegionalNodes":"000"}"#, "7", "00440"),
      (
        #"{"topography":"C493","schemaDiscriminator2":"2","eodPrimaryTumor":"550","eodRegionalNodes":"000"}"#, "2",
        "00421"
      ),
      (
        #"{"topography":"C473","schemaDiscriminator2":"1","eodPrimaryTumor":"200","eodRegionalNodes":"800"}"#, "4",
        "00410"
      ),
      (
        #"{"topography":"C541","eodPrimaryTumor":"100","eodRegionalNodes":"000","peritonealCytology":"2"}"#, "2",
        "00541"
      ),
      (
        #"{"topography":"C541","eodPrimaryTumor":"100","eodRegionalNodes":"000","peritonealCytology":"malignant"}"#,
        "2", "00541"
      ),
      (
        #"{"topography":"C541","eodPrimaryTumor":"100","eodRegionalNodes":"000","peritonealCytology":"suspicious"}"#,
        "1", "00541"
      ),
      (#"{"topography":"C541","eodPrimaryTumor":"750","eodRegionalNodes":"000"}"#, "7", "00541"),
      (#"{"topography":"C530","diagnosisYear":2022,"eodPrimaryTumor":"400","eodRegionalNodes":"000"}"#, "2", "00528"),
      (#"{"topography":"C530","diagnosisYear":2019,"eodPrimaryTumor":"400","eodRegionalNodes":"000"}"#, "2", "00421"),
      (#"{"topography":"C384","eodPrimaryTumor":"100","eodRegionalNodes":"300"}"#, "3", "00422"),
      (#"{"topography":"C300","eodPrimaryTumor":"500","eodRegionalNodes":"000"}"#, "7", "00400"),
    ] as [(String, String, String)])
  func derived(_ json: String, _ code: String, _ schema: String) throws {
    let report = try Self.stage(json)
    #expect(report.summaryStage.code?.rawValue == code, "\(json)")
    #expect(report.summaryStage.estimated == false)
    #expect(report.summaryStage.steps.first?.output == schema, "\(json)")
  }

  @Test(
    "field errors name the item",
    arguments: [
      (#"{"topography":"C492","eodPrimaryTumor":"500"}"#, "eodPrimaryTumor"),
      (#"{"topography":"C492","eodPrimaryTumor":"100","eodRegionalNodes":"050"}"#, "eodRegionalNodes"),
      (#"{"topography":"C492","eodPrimaryTumor":"100","eodMets":"20"}"#, "eodMets"),
      (#"{"topography":"C492","eodPrimaryTumor":"2000"}"#, "eodPrimaryTumor"),
      (#"{"topography":"C492","eodMets":"7"}"#, "eodMets"),
      (#"{"site":"extremity","eodPrimaryTumor":"100"}"#, "topography"),
      (#"{"topography":"C493","eodPrimaryTumor":"100"}"#, "schemaDiscriminator2"),
      (#"{"topography":"C493","schemaDiscriminator2":"5","eodPrimaryTumor":"100"}"#, "schemaDiscriminator2"),
      (#"{"topography":"C492","diagnosisYear":2016,"eodPrimaryTumor":"100"}"#, "diagnosisYear"),
      (#"{"topography":"C569","eodPrimaryTumor":"100"}"#, "histology"),
      (#"{"topography":"C569","histology":"8890/3","eodPrimaryTumor":"100"}"#, "histology"),
      (#"{"topography":"C541","eodPrimaryTumor":"100","peritonealCytology":"5"}"#, "peritonealCytology"),
    ] as [(String, String)])
  func fieldErrors(_ json: String, _ field: String) {
    #expect(Self.error(json)?.field == field, "\(json)")
  }

  @Test("without EOD codes nothing changes; with them the summary stage is never 'estimated'")
  func unchanged() throws {
    let facts = #""site":"extremity","sizeCm":7.5,"depth":"deep","grade":"G3","nodes":"N1","metastasis":"M0""#
    let plain = try Self.stage("{\(facts)}")
    #expect(plain.summaryStage.estimated)  // extension not recorded: estimated (D-17)
    let coded = try Self.stage(
      #"{"topography":"C492","#.dropLast() + ",\(facts),\"eodPrimaryTumor\":\"100\",\"eodRegionalNodes\":\"300\"}")
    #expect(coded.summaryStage.code == .regionalNodes && !coded.summaryStage.estimated)
    #expect(!coded.summaryStage.notes.contains { $0.rule == "estimated" })
    #expect(coded.results.map(\.stageGroup) == plain.results.map(\.stageGroup))
  }

  @Test("batch CSV with EOD columns: the SEER code in summaryStageCode, invalid codes in error")
  func batch() throws {
    let stager = try BatchRowStager(header: [
      "topography", "histology", "diagnosisYear", "eodPrimaryTumor", "eodRegionalNodes", "eodMets",
      "peritonealCytology",
    ])
    func stage(_ row: String) -> (stageGroup: String, summaryStage: String, summaryStageCode: String, error: String) {
      var reader = CSVRecordReader(capacity: 256)
      Array((row + "\n").utf8).withUnsafeBytes { reader.append($0) }
      var result = (stageGroup: "", summaryStage: "", summaryStageCode: "", error: "no record")
      _ = reader.nextRecord(isFinal: true) { _, fields in result = stager.stage(fields) }
      return result
    }
    #expect(stage("C492,8890/3,2024,200,800,00,").summaryStageCode == "4")
    #expect(stage("C492,8890/3,2024,100,000,,").summaryStageCode == "1")
    #expect(stage("C541,8890/3,2024,100,000,00,2").summaryStageCode == "2")
    #expect(stage("C541,8890/3,2024,750,000,00,").summaryStage == "distant")
    let invalid = stage("C492,8890/3,2024,500,000,00,")
    #expect(invalid.summaryStageCode == "" && invalid.error.contains("eodPrimaryTumor"))
  }
}
