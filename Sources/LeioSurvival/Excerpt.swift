import Foundation

extension String {
  /// At most 40 characters of a rejected value, control characters as `?`, for an error message: a bad value is
  /// named, never echoed whole. (LeioSurvival depends on nothing, so it keeps its own copy of LeioCore's rule.)
  var quotedExcerpt: String {
    let cut = unicodeScalars.prefix(40).map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined()
    return "'" + cut + (unicodeScalars.count > 40 ? "…" : "") + "'"
  }
}
