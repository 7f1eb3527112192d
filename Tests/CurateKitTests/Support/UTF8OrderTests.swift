import Testing
@testable import CurateKit

@Suite("Ordering strings by UTF-8 bytes")
struct UTF8OrderTests {
    @Test("orders by bytes, shorter prefix first, and tells canonically equivalent spellings apart")
    func ordersByBytes() {
        #expect(String.compareUTF8("abc", "abc") == 0)
        #expect(String.compareUTF8("", "") == 0)
        #expect(String.compareUTF8("ab", "abc") < 0)
        #expect(String.compareUTF8("abd", "abc") > 0)
        #expect(String.compareUTF8("", "a") < 0)
        #expect(String.compareUTF8("Z", "a") < 0)
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed)
        #expect(String.compareUTF8(precomposed, decomposed) > 0)
    }
}
