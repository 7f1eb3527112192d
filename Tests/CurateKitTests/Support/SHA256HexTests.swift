import Testing
@testable import CurateKit

@Suite("SHA-256 digests as text")
struct SHA256HexTests {
    static let lower = "d7d78d5c2bde491374105a3528fe1c1db2b891fc5b5cf6ba9e24875263c7bcb8"

    @Test("a digest in any case comes back in lowercase")
    func normalizesCase() {
        #expect(SHA256Hex.normalized(Self.lower) == Self.lower)
        #expect(SHA256Hex.normalized(Self.lower.uppercased()) == Self.lower)
        #expect(SHA256Hex.normalized("D7" + Self.lower.dropFirst(2)) == Self.lower)
    }

    @Test("anything but 64 hex digits is not a digest", arguments: [
        "", "abc", String(lower.dropLast()), lower + "0", "g" + lower.dropFirst(), "+" + lower.dropFirst(), String(lower.dropLast()) + "é",
    ])
    func refusesNonDigests(text: String) {
        #expect(SHA256Hex.normalized(text) == nil)
        #expect(!SHA256Hex.isDigest(text))
    }
}
