/// Finds the bytes of a JSON string that need a closer look, eight at a time.
///
/// Most bytes of a label are printable ASCII that a JSON string holds as is; the
/// parser and the writer skip those a machine word at a time and look at the rest
/// one by one.
enum StringBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first byte in `start..<end` that is a quote, a backslash or a
    /// control character (or, with `orNonASCII`, any byte above 0x7F); `end` if none.
    static func firstSpecial(in base: UnsafeRawPointer, from start: Int, to end: Int, orNonASCII: Bool) -> Int {
        var offset = start
        let nonASCIIMask = orNonASCII ? highBits : 0
        while offset + 8 <= end {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let special = hasByte(word, equalTo: 0x22) | hasByte(word, equalTo: 0x5C) | hasByte(below: 0x20, in: word) | (word & nonASCIIMask)
            if special != 0 { break }
            offset += 8
        }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        while offset < end {
            let byte = bytes[offset]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 || (orNonASCII && byte >= 0x80) { return offset }
            offset += 1
        }
        return end
    }

    /// Non-zero when some byte of `word` equals `value`.
    @inline(__always)
    private static func hasByte(_ word: UInt64, equalTo value: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(value))
        return (x &- ones) & ~x & highBits
    }

    /// Non-zero when some byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    private static func hasByte(below limit: UInt8, in word: UInt64) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }
}
