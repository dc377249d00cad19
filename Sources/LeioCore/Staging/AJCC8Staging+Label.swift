import Foundation

extension AJCC8Staging {
  static func label(_ group: SiteGroup?) -> String {
    switch group {
    case .trunkAndExtremities?: "AJCC 8th edition, ch. 41 trunk and extremities"
    case .retroperitoneum?: "AJCC 8th edition, ch. 44 retroperitoneum"
    case .headAndNeck?: "AJCC 8th edition, ch. 40 head and neck"
    case .visceral?, .heartMediastinumPleura?: "AJCC 8th edition, ch. 42 abdomen and thoracic visceral organs"
    case .uterineCorpus?: "AJCC 8th edition, ch. 54 corpus uteri sarcoma (FIGO 2009 categories)"
    case .bone?: "AJCC 8th edition, ch. 38 bone"
    case .orbit?: "AJCC 8th edition, ch. 70 orbital sarcoma"
    case .cervix?, .otherGynaecologic?, .skin?, .other?, nil: "AJCC 8th edition"
    }
  }
}
