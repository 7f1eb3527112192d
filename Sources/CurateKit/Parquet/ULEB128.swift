/// Unsigned LEB128 varints, seven bits a byte, least significant first: the integers of
/// Thrift's compact protocol and the run headers of ``HybridRLE``.
enum ULEB128 {
    /// Appends `value`.
    static func append(_ value: UInt64, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    /// Reads one varint at `offset` and moves `offset` past it.
    /// - Throws: ``ParquetError/malformed(reason:)`` when the bytes end first or it runs past 64 bits.
    static func read(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw .malformed(reason: "a varint runs past the end of its bytes") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 64 else { throw .malformed(reason: "a varint is longer than 10 bytes") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }
}
