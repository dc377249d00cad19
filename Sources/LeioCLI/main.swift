import LeioCore
import Foundation
var i = CaseInput(); i.site = "extremity"; i.sizeCm = 8; i.depth = "deep"; i.grade = "3"; i.nodes = "N0"; i.metastasis = "M0"
do { let r = try Staging.stage(i); let e = JSONEncoder(); e.outputFormatting = [.prettyPrinted, .sortedKeys]; print(String(decoding: try e.encode(r), as: UTF8.self)) } catch { print("ERR", error) }
