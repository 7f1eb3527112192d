import Testing
@testable import CurateKit

@Suite("RLE / bit-packing hybrid")
struct HybridRLETests {
    func decode(_ bytes: [UInt8], count: Int, bitWidth: Int) throws -> [UInt32] {
        try bytes.withUnsafeBytes { try HybridRLE.decode($0, from: 0, count: count, bitWidth: bitWidth) }
    }

    @Test("0…7 at bit width 3 are one bit-packed group, as in the format's Encodings.md example")
    func specExample() throws {
        var bytes: [UInt8] = []
        HybridRLE.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3, to: &bytes)
        #expect(bytes == [0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010])
    }

    @Test("a long run is one run header and the value")
    func run() throws {
        var bytes: [UInt8] = []
        HybridRLE.encode(Array(repeating: 1, count: 1000), bitWidth: 1, to: &bytes)
        #expect(bytes == [0xD0, 0x0F, 0x01])  // varint(1000 << 1), then the value in one byte
        #expect(try decode(bytes, count: 1000, bitWidth: 1) == Array(repeating: 1, count: 1000))
    }

    @Test("random sequences of runs and noise decode to themselves at every bit width", arguments: [1, 2, 5, 8, 13, 20])
    func roundTrip(_ bitWidth: Int) throws {
        var random = SplitMix64(seed: UInt64(bitWidth))
        for _ in 0..<50 {
            var values: [UInt32] = []
            let limit = UInt32((1 << UInt64(bitWidth)) - 1)
            while values.count < random.below(300) {
                let value = UInt32(random.below(Int(limit) + 1))
                values += Array(repeating: value, count: random.below(3) == 0 ? random.below(40) + 1 : 1)
            }
            var bytes: [UInt8] = []
            HybridRLE.encode(values, bitWidth: bitWidth, to: &bytes)
            #expect(try decode(bytes, count: values.count, bitWidth: bitWidth) == values)
        }
    }

    @Test("bytes that end before the values do are an error")
    func truncated() {
        var bytes: [UInt8] = []
        HybridRLE.encode(Array(0..<64), bitWidth: 7, to: &bytes)
        #expect(throws: ParquetError.self) { try decode(Array(bytes.dropLast(3)), count: 64, bitWidth: 7) }
    }
}
