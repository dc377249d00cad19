import Foundation

extension String {
  /// The longest part of a rejected value that an error message quotes (characters).
  public static let excerptLimit = 40

  /// This text as an error message may quote it: at most `limit` characters, control characters shown as `?`, and
  /// `…` with the full length when cut. A bad value is named, never echoed whole (a 60,000-character field would
  /// otherwise come back in the answer, the audit log and the terminal).
  public func excerpt(limit: Int = String.excerptLimit) -> String {
    var out = ""
    var count = 0
    for scalar in unicodeScalars {
      if count == limit { return out + "… (\(self.count) characters)" }
      out.unicodeScalars.append(scalar.properties.generalCategory == .control ? "?" : scalar)
      count += 1
    }
    return out
  }
}
