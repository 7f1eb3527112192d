import Testing
@testable import CurateKit

@Suite("Word-at-a-time string scanning")
struct StringBytesTests {
    /// What a byte-by-byte scan finds: the reference the word-at-a-time scan must agree with.
    static func naiveFirstSpecial(_ bytes: [UInt8], from start: Int, orNonASCII: Bool) -> Int {
        bytes[start...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || (orNonASCII && $0 >= 0x80) } ?? bytes.count
    }

    @Test("finds a quote, backslash, control byte or (when asked) non-ASCII byte at every position",
          arguments: [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x7F, 0x80, 0xC3, 0xFF] as [UInt8])
    func everyPosition(special: UInt8) {
        for length in [1, 7, 8, 9, 16, 23] {
            for position in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = special
                for start in [0, min(position, 3)] {
                    for orNonASCII in [false, true] {
                        let found = bytes.withUnsafeBytes {
                            StringBytes.firstSpecial(in: $0.baseAddress!, from: start, to: length, orNonASCII: orNonASCII)
                        }
                        #expect(found == Self.naiveFirstSpecial(bytes, from: start, orNonASCII: orNonASCII),
                                "byte \(special) at \(position) of \(length), from \(start)")
                    }
                }
            }
        }
    }

    @Test("agrees with a byte-by-byte scan on every byte value next to another special byte")
    func pairs() {
        for first in 0...255 {
            var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 16)
            bytes[5] = UInt8(first)
            bytes[11] = 0x5C
            let found = bytes.withUnsafeBytes { StringBytes.firstSpecial(in: $0.baseAddress!, from: 0, to: 16, orNonASCII: true) }
            #expect(found == Self.naiveFirstSpecial(bytes, from: 0, orNonASCII: true))
        }
    }
}
