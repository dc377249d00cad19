import Foundation
import Testing

@testable import LeioStore

/// How tokens are stored and looked up: SHA-256 in lower-case hex (the stored hashes of existing registries must keep
/// matching), and the short pseudonyms of outcome datasets.
@Suite("Token digests")
struct DigestTests {
  @Test(
    "SHA-256 in lower-case hex, as FIPS 180-2's examples",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
    ])
  func digest(_ input: String, _ expected: String) {
    #expect(Registry.digest(input) == expected)
    // A string that is not stored contiguously in UTF-8 (bridged or sliced) hashes the same.
    #expect(Registry.digest(String(Substring(input + "x").dropLast())) == expected)
  }

  @Test("hex writes every byte value as two lower-case digits")
  func hex() {
    let bytes = (0...255).map(UInt8.init)
    let expected = bytes.map { String(format: "%02x", $0) }.joined()
    #expect(bytes.withUnsafeBytes { Registry.hex($0) } == expected)
    #expect([UInt8]().withUnsafeBytes { Registry.hex($0) } == "")
  }

  @Test("pseudonyms are the first 16 hex digits of SHA-256(salt, kind:id)")
  func pseudonym() {
    // SHA-256("patient:abc") with an empty salt.
    let full = Registry.digest("patient:abc")
    #expect(OutcomeDataset.pseudonym("patient", "abc", []) == String(full.prefix(16)))
  }
}
