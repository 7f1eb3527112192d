/// Parquet's RLE / bit-packing hybrid, the encoding of definition levels and dictionary
/// indices: runs of one repeated value, and groups of eight values packed `bitWidth` bits
/// each, least significant bit first.
enum HybridRLE {
    /// A value repeated this many times or more is written as a run.
    private static let shortestRun = 8

    /// Appends `values` (each below `1 << bitWidth`) encoded with `bitWidth` bits.
    ///
    /// At every group boundary a run of ``shortestRun`` or more equal values is written as a
    /// run; anything else is bit-packed eight values at a time, the last group padded with zeros.
    static func encode(_ values: [UInt32], bitWidth: Int, to output: inout [UInt8]) {
        var position = 0
        var literalStart = 0
        while position < values.count {
            var end = position + 1
            while end < values.count, values[end] == values[position] { end += 1 }
            if end - position >= shortestRun {
                pack(values[literalStart..<position], bitWidth: bitWidth, to: &output)
                ULEB128.append(UInt64(end - position) << 1, to: &output)
                var value = values[position]
                for _ in 0..<(bitWidth + 7) / 8 {
                    output.append(UInt8(truncatingIfNeeded: value))
                    value >>= 8
                }
                position = end
                literalStart = end
            } else {
                position = min(position + 8, values.count)
            }
        }
        pack(values[literalStart..<values.count], bitWidth: bitWidth, to: &output)
    }

    /// Decodes `count` values of `bitWidth` bits from `bytes`, starting at `offset`.
    /// - Throws: ``ParquetError/malformed(reason:)`` when the bytes end before `count` values.
    static func decode(_ bytes: UnsafeRawBufferPointer, from offset: Int, count: Int, bitWidth: Int) throws(ParquetError) -> [UInt32] {
        guard (0...32).contains(bitWidth) else { throw .malformed(reason: "a bit width of \(bitWidth)") }
        var values: [UInt32] = []
        values.reserveCapacity(count)
        var offset = offset
        func next() throws(ParquetError) -> UInt8 {
            guard offset < bytes.count else { throw .malformed(reason: "RLE-encoded values end early") }
            defer { offset += 1 }
            return bytes[offset]
        }
        while values.count < count {
            let header = try ULEB128.read(bytes, at: &offset)
            if header & 1 == 0 {
                var value: UInt32 = 0
                for index in 0..<(bitWidth + 7) / 8 { value |= UInt32(try next()) << (8 * index) }
                let length = min(Int(clamping: header >> 1), count - values.count)
                values.append(contentsOf: repeatElement(value, count: length))
            } else {
                let groups = Int(clamping: header >> 1)
                guard groups <= (bytes.count - offset) / max(bitWidth, 1) + 1 else { throw .malformed(reason: "RLE-encoded values end early") }
                var buffer: UInt64 = 0
                var buffered = 0
                for _ in 0..<groups * 8 {
                    while buffered < bitWidth {
                        buffer |= UInt64(try next()) << buffered
                        buffered += 8
                    }
                    let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(bitWidth)) - 1))
                    buffer >>= UInt64(bitWidth)
                    buffered -= bitWidth
                    if values.count < count { values.append(value) }
                }
            }
        }
        return values
    }

    /// The bits needed for values up to `maximum`, at least 1.
    static func bitWidth(for maximum: Int) -> Int {
        max(1, Int.bitWidth - maximum.leadingZeroBitCount)
    }

    /// Appends `values` as one bit-packed run (nothing when there are none).
    private static func pack(_ values: ArraySlice<UInt32>, bitWidth: Int, to output: inout [UInt8]) {
        guard !values.isEmpty else { return }
        let groups = (values.count + 7) / 8
        ULEB128.append(UInt64(groups) << 1 | 1, to: &output)
        var buffer: UInt64 = 0
        var buffered = 0
        for index in 0..<groups * 8 {
            let value = index < values.count ? values[values.startIndex + index] : 0
            buffer |= UInt64(value) << buffered
            buffered += bitWidth
            while buffered >= 8 {
                output.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                buffered -= 8
            }
        }
    }
}
