import Foundation
import LeioCore
import LeioNAACCR

/// `LeioBench naaccr --tumours N --output FILE.xml [--version 230]`: a synthetic NAACCR XML incidence file for
/// `Benchmarks/naaccr.sh` (fictional patients, 1–3 tumours each, about 30 items per tumour like an abstract's staging
/// and treatment items; about one tumour in ten is an LMS-family sarcoma with EOD codes, a few with invalid codes,
/// one in a hundred a GIST, the rest other cancers that are counted as out of scope).
func generateNAACCR(_ arguments: Arguments) throws {
  let tumours = arguments.int("tumours", 1_000_000)
  let version = arguments.int("version", 230)
  guard let path = arguments.values["output"], let file = fopen(path, "wb") else {
    FileHandle.standardError.write(Data("usage: LeioBench naaccr --tumours N --output FILE.xml\n".utf8))
    exit(64)
  }
  defer { fclose(file) }
  var random = SplitMix64(seed: 20_261_201)
  var out = ""
  out.reserveCapacity(1 << 21)
  out += """
    <?xml version="1.0" encoding="UTF-8"?>
    <NaaccrData baseDictionaryUri="\(NAACCRDictionary.uri(version))" recordType="I"
                timeGenerated="2026-12-01T00:00:00Z" specificationVersion="1.6" xmlns="http://naaccr.org/naaccrxml">
        <Item naaccrId="registryId">9999999999</Item>

    """
  func item(_ id: String, _ value: String, indent: String) {
    out += indent + "<Item naaccrId=\"" + id + "\">" + value + "</Item>\n"
  }
  let sarcomaSites = ["C492", "C491", "C480", "C169", "C541", "C490", "C494", "C384", "C559"]
  let otherSites = ["C509", "C619", "C349", "C189", "C449", "C679", "C739", "C569", "C649"]
  let otherHistologies = ["8500", "8140", "8070", "8720", "8041", "8010"]
  var written = 0
  var patient = 0
  while written < tumours {
    patient += 1
    out += "    <Patient>\n"
    let indent = "        "
    item("patientIdNumber", String(format: "%08d", patient), indent: indent)
    item("nameLast", "SYNTHETIC", indent: indent)
    item("nameFirst", "PATIENT", indent: indent)
    item(
      "dateOfBirth",
      String(format: "19%02d%02d%02d", 20 + random.below(70), 1 + random.below(12), 1 + random.below(28)),
      indent: indent)
    item(version >= 260 ? "sexAssignedAtBirth" : "sex", random.below(2) == 0 ? "1" : "2", indent: indent)
    item("race1", "01", indent: indent)
    item("vitalStatus", random.below(3) == 0 ? "0" : "1", indent: indent)
    item(
      "dateOfLastContact",
      String(format: "20%02d%02d%02d", 22 + random.below(4), 1 + random.below(12), 1 + random.below(28)), indent: indent
    )
    for number in 1...(1 + random.below(3)) where written < tumours {
      written += 1
      let inner = "            "
      out += "        <Tumor>\n"
      item("tumorRecordNumber", String(format: "%02d", number), indent: inner)
      item(
        "dateOfDiagnosis",
        String(format: "20%02d%02d%02d", 18 + random.below(6), 1 + random.below(12), 1 + random.below(28)),
        indent: inner)
      let kind = random.below(100)
      let site: String
      if kind < 10 {
        site = sarcomaSites[random.below(sarcomaSites.count)]
        item("primarySite", site, indent: inner)
        item("histologicTypeIcdO3", ["8890", "8891", "8896"][random.below(3)], indent: inner)
        item("behaviorCodeIcdO3", "3", indent: inner)
        if site == "C494" { item("schemaDiscriminator2", ["1", "2", "9"][random.below(3)], indent: inner) }
        let gynaecologic = site == "C541" || site == "C559"
        let primary = gynaecologic ? ["100", "200", "400", "550", "750", "999"] : ["100", "200", "999", "800"]
        let code = kind == 0 ? "123" : primary[random.below(primary.count)]
        item("eodPrimaryTumor", code, indent: inner)
        item("eodRegionalNodes", ["000", "000", "000", "800", "999"][random.below(5)], indent: inner)
        item("eodMets", ["00", "00", "00", "70"][random.below(4)], indent: inner)
        item("tumorSizeSummary", code == "800" ? "000" : String(format: "%03d", 5 + random.below(250)), indent: inner)
        item(
          "gradePathological",
          gynaecologic ? ["1", "2", "3", "9"][random.below(4)] : ["1", "2", "3", "9", "H"][random.below(5)],
          indent: inner)
        if gynaecologic { item("peritonealCytology", ["0", "2", "8"][random.below(3)], indent: inner) }
        item("summaryStage2018", ["1", "2", "3", "4", "7", "9"][random.below(6)], indent: inner)
      } else if kind == 10 {
        site = "C169"
        item("primarySite", site, indent: inner)
        item("histologicTypeIcdO3", "8936", indent: inner)
        item("behaviorCodeIcdO3", "3", indent: inner)
      } else {
        site = otherSites[random.below(otherSites.count)]
        item("primarySite", site, indent: inner)
        item("histologicTypeIcdO3", otherHistologies[random.below(otherHistologies.count)], indent: inner)
        item("behaviorCodeIcdO3", "3", indent: inner)
        item("summaryStage2018", ["1", "2", "3", "7", "9"][random.below(5)], indent: inner)
      }
      item("laterality", "0", indent: inner)
      item("diagnosticConfirmation", "1", indent: inner)
      item("typeOfReportingSource", "1", indent: inner)
      item("sequenceNumberCentral", String(format: "%02d", number - 1), indent: inner)
      item("ageAtDiagnosis", String(format: "%03d", 20 + random.below(70)), indent: inner)
      item("addrAtDxCity", "SYNTHETIC CITY", indent: inner)
      item("addrAtDxState", "ZZ", indent: inner)
      item("countyAtDx", "999", indent: inner)
      item("rxSummSurgPrimSite", "50", indent: inner)
      item("rxSummRadiation", String(random.below(2)), indent: inner)
      item("rxSummChemo", "00", indent: inner)
      item("rxDateSurgery", "20230101", indent: inner)
      item("reasonForNoSurgery", "0", indent: inner)
      item("cocAccreditedFlag", "0", indent: inner)
      item("npiReportingFacility", "9999999999", indent: inner)
      out += "        </Tumor>\n"
    }
    out += "    </Patient>\n"
    if out.utf8.count > 1 << 20 {
      fputs(out, file)
      out.removeAll(keepingCapacity: true)
    }
  }
  out += "</NaaccrData>\n"
  fputs(out, file)
}
