import Foundation
import LeioCore
import Testing

/// Impossible or inconsistent input gives a field-level error, never a crash.
@Suite("Input errors")
struct InputErrorTests {
  static let cases: [(json: String, field: String, message: String)] = [
    (
      #"{"site":"extremity","sizeCm":-2}"#, "sizeCm",
      "sizeCm: size must be greater than 0 cm (for no evidence of a primary tumour use primaryTumor notFound or t T0)."
    ),
    (#"{"site":"extremity","sizeCm":0}"#, "sizeCm", "size must be greater than 0 cm"),
    (
      #"{"site":"extremity","sizeCm":250}"#, "sizeCm",
      "sizeCm: 250 cm is not a plausible tumour size (Leio accepts up to 100 cm); check the unit is centimetres."
    ),
    (#"{"site":"leg"}"#, "site", "site: 'leg' is not accepted; expected extremity, trunk,"),
    (
      #"{"site":"extremity","grade":"4"}"#, "grade",
      "grade: '4' is not accepted; expected G1, G2, G3, GX, low, high, differentiation, 1, 2, 3"
    ),
    (#"{"site":"extremity","grade":4}"#, "grade", "grade: '4' is not accepted"),
    (#"{"site":"extremity","nodes":"N2"}"#, "nodes", "nodes: 'N2' is not accepted; expected NX, N0, N1"),
    (#"{"site":"extremity","metastasis":"M1a"}"#, "metastasis", "metastasis: 'M1a' is not accepted"),
    (
      #"{"site":"extremity","depth":"shallow"}"#, "depth",
      "depth: 'shallow' is not accepted; expected superficial, deep, unknown."
    ),
    (#"{"topography":"C99.9"}"#, "topography", "an ICD-O-3 topography code from C00.0 to C80.9"),
    (#"{"topography":"49.2"}"#, "topography", "an ICD-O-3 topography code such as C49.2"),
    (#"{"site":"extremity","histology":"8140/3"}"#, "histology", "a leiomyosarcoma-family code"),
    (#"{"site":"extremity","histology":"leiomyosarcoma"}"#, "histology", "an ICD-O-3 morphology code such as 8890/3"),
    (
      #"{"site":"extremity","uterineExtent":"confined"}"#, "uterineExtent",
      "uterineExtent: uterineExtent applies to the uterine corpus only, not to site extremity."
    ),
    (
      #"{"site":"uterus","visceralExtent":"serosa"}"#, "visceralExtent",
      "visceralExtent applies to visceral organs only"
    ),
    (
      #"{"site":"extremity","headAndNeckInvasion":["skullBase"]}"#, "headAndNeckInvasion",
      "applies to head and neck sites only"
    ),
    (
      #"{"site":"retroperitoneum","depth":"superficial"}"#, "depth",
      "depth: tumours of the retroperitoneum are deep by definition; 'superficial' is not possible (§2.1)."
    ),
    (
      #"{"site":"extremity","sizeCm":7.5,"depth":"deep","system":"ajcc8","t":"T1"}"#, "t",
      "t: 'T1' contradicts sizeCm 7.5 cm under AJCC 8 (AJCC 8th edition, ch. 41 trunk and extremities): they make the tumour T2"
    ),
    (
      #"{"site":"extremity","sizeCm":3,"depth":"superficial","system":"ajcc7","t":"T2a"}"#, "t",
      "t: 'T2a' contradicts sizeCm 3 cm under AJCC 7 soft tissue: they make the tumour T1a"
    ),
    (
      #"{"system":"ajcc7","t":"T3","n":"N0","m":"M0"}"#, "t",
      "t: 'T3' is not accepted; expected one of the AJCC 7 soft tissue categories TX, T0, T1, T1a, T1b, T2, T2a, T2b."
    ),
    (#"{"site":"retroperitoneum","system":"ajcc7","t":"T2a","n":"N0","m":"M0"}"#, "t", "always deep"),
    (#"{"site":"extremity","t":"T2","n":"N0","m":"M0"}"#, "system", "give system (ajcc7, ajcc8 or figo2009) with t"),
    (#"{"site":"extremity","nodes":"N0","n":"N1"}"#, "n", "n: 'N1' contradicts nodes 'N0'."),
    (#"{"site":"extremity","sizecm":5}"#, "sizecm", "one of the documented fields"),
    (#"{"site":"extremity","sizeCm":"big"}"#, "sizeCm", "a number of centimetres"),
    (#"{}"#, "site", "site: give the primary site"),
    (#"{"site":"extremity","primaryTumor":"notFound","sizeCm":3}"#, "sizeCm", "but primaryTumor is 'notFound'"),
    (
      #"{"site":"extremity","fnclcc":{"differentiationScore":4}}"#, "differentiationScore",
      "FNCLCC scores are 1, 2 or 3."
    ),
    (
      #"{"site":"extremity","fnclcc":{"subtype":"conventional","mitoticCount":-1}}"#, "mitoticCount",
      "whole number of mitoses"
    ),
    (#"{"site":"extremity","fnclcc":{"necrosisPercent":120}}"#, "necrosisPercent", "between 0 and 100"),
    (
      #"{"site":"extremity","grade":"G1","fnclcc":{"subtype":"pleomorphic","mitoticCount":25,"necrosis":"atLeastHalf"}}"#,
      "grade", "grade: 'G1' contradicts the FNCLCC components, which give G3."
    ),
    (#"{"site":"visceral","multifocalSites":0}"#, "multifocalSites", "1 or more"),
    (#"{"topography":"C53.1"}"#, "diagnosisYear", "assigned by diagnosis year"),
    (#"{"site":"extremity","topography":"C48.0"}"#, "site", "contradicts topography C48.0"),
    (#"{"site":"extremity","diagnosisYear":1492}"#, "diagnosisYear", "not plausible"),
    // Found by schemathesis: a denormal area made the normalised count infinite, which JSON cannot carry (a 500).
    (
      #"{"site":"extremity","fnclcc":{"subtype":"conventional","mitoticCount":1,"mitoticAreaMm2":5e-324}}"#,
      "mitoticAreaMm2", "too small to normalise"
    ),
    (
      #"{"site":"extremity","fnclcc":{"subtype":"conventional","mitoticCount":1e306,"mitoticAreaMm2":0.001}}"#,
      "mitoticAreaMm2", "too small to normalise"
    ),
  ]

  @Test("the uterine criteria check refuses an area that cannot normalise the count")
  func uterineArea() {
    #expect(throws: StagingError.self) {
      _ = try UterineCriteria.check(
        UterineCriteriaInput(
          subtype: "mixed", atypia: "mild", mitoticCount: 1, mitoticAreaMm2: 5e-324, necrosis: "absent"))
    }
  }

  @Test("bad input gives a field-level message", arguments: cases)
  func error(_ json: String, _ field: String, _ message: String) {
    do {
      let input = try JSONDecoder().decode(CaseInput.self, from: Data(json.utf8))
      _ = try Staging.stage(input)
      Issue.record("no error for \(json)")
    } catch let error as StagingError {
      #expect(error.field == field, "\(json)")
      #expect(error.description.contains(message), "\(json): \(error.description)")
    } catch {
      Issue.record("untyped error \(error) for \(json)")
    }
  }
}
