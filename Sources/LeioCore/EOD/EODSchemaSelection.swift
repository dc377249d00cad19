import Foundation

/// Which EOD 2018 schema a leiomyosarcoma-family tumour (histology 8890–8898) falls in, from its primary site,
/// histology, year of diagnosis and Schema Discriminator 2 — or why none of the sarcoma schemas applies.
///
/// - Source: registry-codes §2 (SEER `schema_selection_*` tables, EOD 3.3).
public enum EODSchemaSelection: Sendable, Hashable {
  /// The schema.
  case schema(EODSchema)
  /// No sarcoma schema: the case field that decides it, and the reason (the item to give, or the schema SEER uses
  /// instead).
  case none(field: String, reason: String)

  /// Selects the schema.
  ///
  /// - Parameters:
  ///   - primarySite: ICD-O-3 topography as NAACCR writes it (`C492`) or with a dot (`C49.2`).
  ///   - histology: the 4-digit ICD-O-3 histology (`8890`).
  ///   - yearOfDiagnosis: `nil` for a blank or 9999 year.
  ///   - discriminator2: Schema Discriminator 2 (NAACCR 3927); `nil` when absent, `""` when blank.
  public static func select(
    primarySite: String, histology: Int, yearOfDiagnosis: Int?, discriminator2: String?
  ) -> EODSchemaSelection {
    guard (8890...8898).contains(histology) else {
      return .none(
        field: "histology",
        reason: "histology \(histology) is not in the leiomyosarcoma family (8890–8898) that these schemas cover.")
    }
    if let year = yearOfDiagnosis, year < 2018 {
      return .none(
        field: "diagnosisYear",
        reason: "EOD 2018 applies to tumours diagnosed from 2018; this one was diagnosed in \(year).")
    }
    let text = primarySite.uppercased().replacingOccurrences(of: ".", with: "")
    guard text.count == 4, text.hasPrefix("C"), let site = Int(text.dropFirst()) else {
      return .none(
        field: "topography",
        reason: "primary site '\(primarySite.excerpt(limit: 20))' is not an ICD-O-3 topography such as C492.")
    }
    func any(_ ranges: [ClosedRange<Int>]) -> Bool { ranges.contains { $0.contains(site) } }
    let recentOrBlank = yearOfDiagnosis.map { $0 <= 2020 } == false || yearOfDiagnosis == nil
    if any([471...472, 474...474, 476...479, 491...492, 496...499, 500...509]) {
      return .schema(.softTissueTrunkExtremities)
    }
    if any([473...473, 475...475, 493...495]) {
      switch discriminator2 {
      case "1"?: return .schema(.softTissueTrunkExtremities)
      case "2"?: return .schema(.softTissueAbdomenThoracic)
      case "8"?:
        if let year = yearOfDiagnosis, year > 2020 {
          return .none(
            field: "schemaDiscriminator2",
            reason: "Schema Discriminator 2 code 8 (abstracted before the 2021 update) is valid only for 2018–2020.")
        }
        return .schema(.softTissueAbdomenThoracic)
      case "9"?: return .schema(.softTissueOther)
      case nil:
        return .none(
          field: "schemaDiscriminator2",
          reason:
            "C47.3, C47.5 and C49.3–C49.5 need Schema Discriminator 2 (NAACCR 3927): 1 external, 2 internal, 9 not specific."
        )
      case let other?:
        return .none(
          field: "schemaDiscriminator2",
          reason: "Schema Discriminator 2 (NAACCR 3927) '\(other.excerpt(limit: 10))' is not a code (1, 2, 8, 9).")
      }
    }
    if any([480...488]) { return .schema(.retroperitoneum) }
    if any([0...148, 150...150, 153...153, 158...158, 300...329, 739...739, 750...750, 754...759, 470...470, 490...490])
    {
      return .schema(.softTissueHeadNeck)
    }
    if any([722...722, 724...725, 751...753]) {
      if histology == 8890 { return .schema(.softTissueHeadNeck) }
      if let year = yearOfDiagnosis, year <= 2022 { return .schema(.softTissueHeadNeck) }
      return .none(
        field: "topography",
        reason:
          "from 2023, 8891–8898 of this site go to SEER's CNS or intracranial-gland schemas, not a sarcoma schema.")
    }
    if any([151...152, 154...155, 159...269, 339...379, 510...529, 589...689]) {
      return .schema(.softTissueAbdomenThoracic)
    }
    if any([530...539]) { return .schema(recentOrBlank ? .cervixSarcoma : .softTissueAbdomenThoracic) }
    if any([540...543, 548...549, 559...559]) { return .schema(.corpusSarcoma) }
    if any([380...388]) { return .schema(.heartMediastinumPleura) }
    if any([390...399, 420...449, 571...579, 740...749, 760...809]) { return .schema(.softTissueOther) }
    if any([569...570]) {
      guard histology != 8890 else {
        return .none(
          field: "histology",
          reason: "8890 of the ovary or fallopian tube goes to SEER's ovary (00551) or fallopian tube (00553) schema.")
      }
      return .schema(.softTissueOther)
    }
    if any([400...419]) {
      return .none(
        field: "topography", reason: "bone sites go to SEER's bone schemas (00381–00383), not a soft-tissue schema.")
    }
    if any([690...699]) {
      return .none(field: "topography", reason: "orbit sites go to SEER's orbital sarcoma schema (00700).")
    }
    if any([700...721, 728...729]) {
      if histology != 8890, let year = yearOfDiagnosis, year <= 2022 { return .schema(.softTissueOther) }
      return .none(
        field: "topography", reason: "brain and CNS sites go to SEER's CNS schemas, which Leio does not cover.")
    }
    return .none(field: "topography", reason: "primary site \(text) selects no EOD 2018 sarcoma schema.")
  }
}
