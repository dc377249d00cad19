import Foundation

/// The `urn:uuid:` full URLs of a bundle's resources: a name-based UUID (RFC 9562 version 8, from two FNV-1a
/// hashes of the name), so the same record version gives the same URL in every export, and a changed record a
/// new one.
enum ResourceID {
  /// The UUID text of `name` (for example `tumour/<id>/<version>/stage/ajcc8`).
  static func uuid(_ name: String) -> String {
    var high: UInt64 = 0xcbf2_9ce4_8422_2325
    var low: UInt64 = 0x8422_2325_cbf2_9ce4
    for byte in name.utf8 {
      high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      low = (low ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
    }
    // Finish each half with splitmix64's mixer, so names that differ in their last byte differ everywhere.
    high = mix(high ^ low.byteSwapped)
    low = mix(low ^ high)
    high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_8000  // version 8
    low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000  // variant 10
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
    var position = 0
    for (word, shift) in [(high, 60), (low, 60)] {
      for nibble in stride(from: shift, through: 0, by: -4) {
        if [8, 13, 18, 23].contains(position) { position += 1 }
        text[position] = digits[Int((word >> UInt64(nibble)) & 0xF)]
        position += 1
      }
    }
    return String(decoding: text, as: UTF8.self)
  }

  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// `urn:uuid:` and the UUID of `name`.
  static func url(_ name: String) -> String { "urn:uuid:" + uuid(name) }
}
