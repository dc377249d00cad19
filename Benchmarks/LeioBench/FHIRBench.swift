import Foundation
import LeioCore
import LeioFHIR
import LeioStore

// `LeioBench fhir [--patients N] [--runs R]`: FHIR mCODE bundles in process, release build, one core.
//
// N synthetic patient files (one or two tumours from the batch generator's sites, sizes, grades and extents; a
// surgery, a radiotherapy course, a recurrence and an imaging result each) are built as bundles and serialized
// (`leio export fhir`'s work after the database read), checked with ProfileCheck (what the export does before
// writing), and read back with BundleReader (`leio import fhir`'s work before the database write). Prints the median
// of R runs of each step.

/// The synthetic patient files.
func fhirFiles(_ count: Int) -> [PatientFile] {
  var random = SplitMix64(seed: 15)
  var files: [PatientFile] = []
  files.reserveCapacity(count)
  for index in 0..<count {
    var patient = Patient(identifier: "SYN-\(index)", name: "Synthetic Patient-\(index) (fictional)", sex: "female")
    (patient.id, patient.version) = ("p\(index)", 1)
    var tumours: [Tumour] = []
    var treatments: [Treatment] = []
    var events: [FollowUpEvent] = []
    for number in 0..<(1 + random.below(2)) {
      let site = sites[random.below(sites.count)]
      var input = CaseInput([
        .site: .text(site), .histology: "8890/3", .sizeCm: .number(Double(random.below(300) + 5) / 10),
      ])
      input[text: .nodes] = nodes[random.below(nodes.count)]
      input[text: .metastasis] = random.below(8) == 0 ? "M1" : "M0"
      if site == "uterus" {
        input[text: .uterineExtent] = uterineExtents[random.below(uterineExtents.count)]
      } else {
        let grade = grades[random.below(grades.count)]
        if !grade.isEmpty { input[text: .grade] = grade }
        if site != "retroperitoneum" && site != "peritoneum" && site != "visceral" {
          input[text: .depth] = random.below(3) == 0 ? "superficial" : "deep"
        }
        if site == "visceral" { input[text: .visceralExtent] = "confined" }
      }
      var tumour = Tumour(patientID: patient.id, diagnosisDate: "2024-0\(1 + number)-15", facts: input)
      (tumour.id, tumour.version) = ("t\(index)-\(number)", 1)
      guard (try? CaseFacts(input)) != nil else { continue }
      tumours.append(tumour)
      var surgery = Treatment(tumourID: tumour.id, kind: "surgery", startDate: "2024-03-01", margin: "R0")
      surgery.id = "s\(index)-\(number)"
      var radiation = Treatment(tumourID: tumour.id, kind: "radiation", startDate: "2024-04-01", endDate: "2024-05-10")
      radiation.id = "r\(index)-\(number)"
      treatments += [surgery, radiation]
      var recurrence = FollowUpEvent(
        patientID: patient.id, tumourID: tumour.id, kind: .recurrence, date: "2025-01-10", recurrenceType: "distant",
        site: "lung")
      recurrence.id = "e\(index)-\(number)"
      var imaging = FollowUpEvent(
        patientID: patient.id, tumourID: tumour.id, kind: .imaging, date: "2024-09-10", imagingResult: "noEvidence")
      imaging.id = "i\(index)-\(number)"
      events += [imaging, recurrence]
    }
    files.append(PatientFile(patient: patient, tumours: tumours, treatments: treatments, events: events))
  }
  return files
}

func fhir(_ arguments: Arguments) throws {
  let count = arguments.int("patients", 2_000)
  let runs = arguments.int("runs", 3)
  let files = fhirFiles(count)
  let system = "https://registry.example/mrn"
  func median(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
  }
  var texts: [Data] = []
  var bundles: [FHIRJSON] = []
  let build = median {
    texts = []
    bundles = []
    for file in files {
      let bundle = PatientBundle.build(file, identifierSystem: system)
      texts.append(Data(bundle.serialized().utf8))
      bundles.append(bundle)
    }
  }
  let bytes = texts.reduce(0) { $0 + $1.count }
  let resources = bundles.reduce(0) { $0 + ($1["entry"]?.items.count ?? 0) }
  var problems = 0
  let check = median {
    problems = 0
    for bundle in bundles { problems += ProfileCheck.problems(bundle).count }
  }
  guard problems == 0 else {
    FileHandle.standardError.write(Data("LeioBench: \(problems) profile problems in the bundles\n".utf8))
    exit(1)
  }
  var tumours = 0
  let read = try median {
    tumours = 0
    for text in texts { tumours += try BundleReader.read(text, identifierSystem: system).patient.tumours.count }
  }
  func line(_ step: String, _ seconds: Double) -> String {
    let rate = Double(count) / seconds
    let megabytes = Double(bytes) / 1_048_576 / seconds
    return
      "\(step): \(String(format: "%.3f", seconds)) s, \(Int(rate)) patients/s, \(String(format: "%.1f", megabytes)) MB/s"
  }
  print(
    "\(count) patients, \(tumours) tumours, \(resources) resources, \(bytes / 1024) KiB of bundles; median of \(runs)")
  print(line("build + serialize", build))
  print(line("profile check", check))
  print(line("read (BundleReader)", read))
}
