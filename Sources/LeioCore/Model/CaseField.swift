import Foundation

/// A field of a case: its name in JSON documents and CSV headers.
///
/// The FNCLCC components are nested under `fnclcc` in JSON and are columns of
/// their own in CSV.
public enum CaseField: String, CaseIterable, Sendable {
  case site, topography, trunkLocation, diagnosisYear, histology, primaryTumor, sizeCm, depth, grade
  case nodes, metastasis, basis, `extension`, invadedOrgans, headAndNeckInvasion, visceralExtent
  case multifocalSites, uterineExtent, cervixInvolved, peritonealCytology, discontinuousTumours, system, t, n, m
  case differentiationScore, subtype, mitoticCount, mitoticAreaMm2, necrosis, necrosisPercent
}
