import Foundation
import LeioCSV
import LeioCore
import LeioFHIR
import LeioNAACCR
import LeioStore
import LeioSurvival

/// libFuzzer's entry point. One binary holds every target; `LEIO_FUZZ_TARGET` picks one (scripts/fuzz.sh).
///
/// Each target checks an invariant beyond "no crash" and stops with `fatalError` (which libFuzzer reports, saving
/// the input) when it breaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func leioFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  switch FuzzTarget.current {
  case .flatJSON: FuzzTarget.flatJSON(bytes)
  case .csv: FuzzTarget.csv(bytes)
  case .survivalColumns: FuzzTarget.survivalColumns(bytes)
  case .backup: FuzzTarget.backup(bytes)
  case .naaccr: FuzzTarget.naaccr(bytes)
  case .fhir: FuzzTarget.fhir(bytes)
  }
  return 0
}

enum FuzzTarget: String, CaseIterable {
  case flatJSON = "flat-json", csv, survivalColumns = "survival-columns", backup, naaccr, fhir

  static let current: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["LEIO_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      fatalError("set LEIO_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
  }()

  /// The FHIR bundle reader: any bytes are read or refused with located problems (never a crash), the same way
  /// twice; every case document it accepts parses with LeioCore.
  static func fhir(_ bytes: UnsafeRawBufferPointer) {
    let data = Data(bytes)
    func read() -> String {
      do {
        let read = try BundleReader.read(data, identifierSystem: "urn:leio:fuzz")
        for tumour in read.patient.tumours where (try? CaseFacts(tumour.facts)) == nil {
          fatalError("the reader accepted a case document LeioCore refuses")
        }
        return "ok \(read.patient.identifier) \(read.patient.tumours.count) \(read.warnings.count)"
      } catch {
        guard !error.problems.isEmpty, error.problems.allSatisfy({ $0.location.hasPrefix("Bundle") }) else {
          fatalError("a refusal without a located problem: \(error.problems)")
        }
        return "refused \(error.problems)"
      }
    }
    let first = read()
    guard read() == first else { fatalError("two reads of the same bytes differ") }
  }

  /// The NAACCR XML reader (plain or gzip): reading with a 1 MiB buffer and with a tiny one gives the same tumours
  /// (identifiers, statuses, summary stages) or the same error at the same line — no construct depends on where the
  /// buffer ends.
  static func naaccr(_ bytes: UnsafeRawBufferPointer) {
    let path = NSTemporaryDirectory() + "leio-fuzz-naaccr-\(ProcessInfo.processInfo.processIdentifier).xml"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      fatalError("cannot write \(path)")
    }
    func read(_ capacity: Int) -> String {
      do {
        let reader = try NAACCRReader(path: path, bufferCapacity: capacity)
        var seen = ""
        try reader.read { record, _ in
          let result = NAACCRStaging.stage(record)
          seen += "\(record.text(.patientIdNumber) ?? "-")/\(record.text(.tumorRecordNumber) ?? "-") \(result.status) "
          seen += "\(result.codes?.summaryStage?.rawValue ?? "-") \(result.codes?.ajcc8.rawValue ?? "-")\n"
        }
        return "ok \(reader.version)\n" + seen
      } catch let error as NAACCRError {
        return "error \(error)"
      } catch {
        return "other \(error)"
      }
    }
    let whole = read(1 << 20)
    let split = read(16 + (bytes.first.map(Int.init) ?? 0) % 41)
    // A damaged gzip stream is found when its bytes are inflated: a large buffer reads further ahead, so it may meet
    // the damage before an XML error that a small buffer meets first. Both must still be errors.
    let gzipDamage = whole.hasPrefix("error the gzip stream") || split.hasPrefix("error the gzip stream")
    if gzipDamage, whole.hasPrefix("error"), split.hasPrefix("error") { return }
    guard whole == split else { fatalError("the buffer size changed the reading:\n\(whole)\n---\n\(split)") }
  }

  /// The fast flat reader of case documents (the stage endpoint's hot path) and `JSONDecoder` agree: whenever the
  /// flat reader accepts a document, JSONDecoder decodes the same case.
  static func flatJSON(_ bytes: UnsafeRawBufferPointer) {
    guard let fast = CaseInput.decodeCommonShape(bytes) else { return }
    let data = Data(bytes)
    guard let general = try? JSONDecoder().decode(CaseInput.self, from: data) else {
      fatalError("the flat reader accepted a document that JSONDecoder refuses")
    }
    guard general == fast else { fatalError("the flat reader and JSONDecoder read different cases") }
  }

  /// The CSV record reader gives the same records whatever the chunking, and writing the records back (every field
  /// quoted) and reading them again gives them unchanged.
  static func csv(_ bytes: UnsafeRawBufferPointer) {
    let whole = records(bytes, chunk: max(1, bytes.count))
    let split = records(bytes, chunk: 1 + (bytes.first.map(Int.init) ?? 0) % 7)
    guard whole.records == split.records, whole.incomplete == split.incomplete else {
      fatalError("chunking changed the records")
    }
    var written: [UInt8] = []
    for record in whole.records {
      for (index, field) in record.enumerated() {
        if index > 0 { written.append(0x2C) }
        written.append(0x22)
        for byte in field.utf8 {
          if byte == 0x22 { written.append(0x22) }
          written.append(byte)
        }
        written.append(0x22)
      }
      written.append(0x0A)
    }
    let again = written.withUnsafeBytes { records($0, chunk: max(1, $0.count)) }
    guard again.records == whole.records, !again.incomplete else {
      fatalError("the CSV round trip changed the records")
    }
  }

  static func records(_ bytes: UnsafeRawBufferPointer, chunk: Int) -> (records: [[String]], incomplete: Bool) {
    var reader = CSVRecordReader(capacity: bytes.count)
    var out: [[String]] = []
    var offset = 0
    repeat {
      let end = min(bytes.count, offset + chunk)
      reader.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
      offset = end
      while reader.nextRecord(
        isFinal: offset == bytes.count, { _, fields in out.append((0..<fields.count).map(fields.string)) })
      {}
    } while offset < bytes.count
    return (out, reader.hasIncompleteRecord)
  }

  /// The survival table: read from bytes in chunks of any size, it gives the same table as read whole (or the same
  /// error); every kept row has a time ≥ 0, each column asked for has one value per kept row, and Kaplan-Meier on it
  /// gives a survival curve that starts at most at 1, never rises and never goes below 0.
  static func survivalColumns(_ bytes: UnsafeRawBufferPointer) {
    let header = records(bytes, chunk: max(1, bytes.count)).records.first ?? []
    let wanted = Array(header.prefix(3)).map { $0.trimmingCharacters(in: .whitespaces) }
    guard wanted.count >= 2,
      let whole = try? SurvivalTable(
        csv: Array(bytes), time: wanted[0], event: wanted[1], columns: Array(wanted.dropFirst(2)))
    else { return }
    guard var reader = try? SurvivalTable.Reader(time: wanted[0], event: wanted[1], columns: Array(wanted.dropFirst(2)))
    else { return }
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + 7)
      reader.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
      offset = end
    }
    guard let chunked = try? reader.finish(), chunked.time == whole.time, chunked.event == whole.event else {
      fatalError("reading in chunks changed the survival table")
    }
    for name in wanted.dropFirst(2) where whole.values(name).count != whole.time.count {
      fatalError("column \(name) is ragged")
    }
    guard whole.time.allSatisfy({ $0 >= 0 && $0.isFinite }), whole.event.count == whole.time.count, !whole.time.isEmpty
    else { return }
    let curve = KaplanMeierEstimator.fit(time: whole.time, event: whole.event)
    var previous = 1.0
    for value in curve.survival {
      guard value >= 0, value <= previous + 1e-12 else { fatalError("Kaplan-Meier went from \(previous) to \(value)") }
      previous = value
    }
    // The same file as competing risks (status 0…k): each cause's cumulative incidence rises within [0, 1], and the
    // causes' sum never passes 1 − the overall Kaplan-Meier by more than rounding.
    guard
      let causes = try? SurvivalTable(
        csv: Array(bytes), time: wanted[0], event: wanted[1], columns: Array(wanted.dropFirst(2)), causes: true)
    else { return }
    var total = 0.0
    for cause in Set(causes.status.filter { $0 != 0 }).sorted().prefix(8) {
      let incidence = CumulativeIncidence.fit(time: causes.time, status: causes.status, cause: cause)
      var last = 0.0
      for value in incidence.estimate {
        guard value >= last - 1e-12, value <= 1 + 1e-12 else {
          fatalError("cumulative incidence went from \(last) to \(value)")
        }
        last = value
      }
      total += last
    }
    let overall = KaplanMeierEstimator.fit(time: causes.time, event: causes.event).survival.last ?? 1
    guard total <= 1 - overall + 1e-9 else {
      fatalError("the causes' incidence \(total) passes 1 − S = \(1 - overall)")
    }
    // Fine-Gray on the third column: it fits or throws, and a fit has finite coefficients, a variance ≥ 0 and a
    // predicted incidence within [0, 1].
    guard let covariate = wanted.dropFirst(2).first, let cause = causes.status.first(where: { $0 != 0 }),
      let design = try? CoxDesign(table: causes, covariates: [covariate]), design.names.count <= 8,
      let model = try? FineGray.fit(
        time: design.time, status: causes.status, cause: cause, covariates: design.rows, names: design.names)
    else { return }
    guard model.coefficients.allSatisfy({ $0.coef.isFinite && !($0.se < 0) }) else {
      fatalError("Fine-Gray returned \(model.coefficients)")
    }
    guard let row = design.rows.first,
      model.cumulativeIncidence(for: row).allSatisfy({ !($0 < 0) && !($0 > 1 + 1e-12) })
    else { fatalError("Fine-Gray predicted an incidence outside [0, 1]") }
  }

  /// The backup reader: a file it accepts re-encodes to a file that reads back the same, and the record checks of
  /// restore run on it to the end.
  static func backup(_ bytes: UnsafeRawBufferPointer) {
    guard let backup = try? RegistryBackup.decode(Data(bytes)) else { return }
    _ = backup.problems()
    guard let encoded = try? backup.encoded(), let again = try? RegistryBackup.decode(encoded) else {
      fatalError("an accepted backup does not re-encode")
    }
    guard again == backup else { fatalError("the backup round trip changed the records") }
  }
}

/// libFuzzer's driver (in the toolchain's libFuzzer runtime).
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's entry point: SwiftPM links an executable target's `main` to `<module>_main`, so the fuzzer's
/// own driver is started from here.
@_cdecl("LeioFuzz_main")
public func leioFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var count = argc
  var arguments = argv
  return llvmFuzzerRunDriver(&count, &arguments) { data, size in leioFuzz(data, size) }
}
