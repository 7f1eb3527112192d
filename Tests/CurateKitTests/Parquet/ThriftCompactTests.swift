import Testing
@testable import CurateKit

@Suite("Thrift compact protocol")
struct ThriftCompactTests {
    func read(_ writer: ThriftCompactWriter) throws -> ThriftStruct {
        try writer.bytes.withUnsafeBytes { bytes in
            var reader = ThriftCompactReader(bytes)
            return try reader.readStruct("Test")
        }
    }

    @Test("field headers, zigzag varints and strings have the bytes the compact protocol specifies")
    func knownBytes() {
        var writer = ThriftCompactWriter()
        writer.field(1, i32: 2)  // delta 1, type i32 (5); zigzag(2) = 4
        writer.field(3, i64: -1)  // delta 2, type i64 (6); zigzag(-1) = 1
        writer.field(4, string: "ab")  // delta 1, type binary (8); length 2
        writer.field(40, bool: true)  // delta 36 > 15: type byte, then zigzag(40) = 80
        writer.endStruct()
        #expect(writer.bytes == [0x15, 0x04, 0x26, 0x01, 0x18, 0x02, 0x61, 0x62, 0x01, 0x50, 0x00])
    }

    @Test("what the writer writes the reader reads back: nesting, long lists, large and negative numbers")
    func roundTrip() throws {
        var writer = ThriftCompactWriter()
        writer.field(1, i32: Int32.min)
        writer.field(2, i64: Int64.max)
        writer.field(3, i16: -300)
        writer.field(4, stringList: (0..<20).map { "s\($0)" })
        writer.field(5, i32List: [1, -1, 1000])
        writer.beginStruct(6)
        writer.emptyStruct(1)
        writer.field(20, bool: false)
        writer.endStruct()
        writer.beginStructList(30, count: 2)
        for value in [7, 8] as [Int64] {
            writer.beginListElement()
            writer.field(1, i64: value)
            writer.endStruct()
        }
        writer.field(31, string: "café ☕")
        writer.endStruct()

        let decoded = try read(writer)
        #expect(try decoded.int(1, "a") == Int64(Int32.min))
        #expect(try decoded.int(2, "b") == Int64.max)
        #expect(try decoded.int(3, "c") == -300)
        let strings = try decoded.list(4, "d").map { value -> String in
            if case .binary(let bytes) = value { return String(decoding: bytes, as: UTF8.self) }
            return "?"
        }
        #expect(strings == (0..<20).map { "s\($0)" })
        #expect(try decoded.list(5, "e").count == 3)
        let nested = try decoded.structure(6, "f")
        #expect(nested.optionalStruct(1) != nil)
        if case .bool(let flag)? = nested.fields[20] { #expect(!flag) } else { Issue.record("field 20 is not a bool") }
        #expect(try decoded.structList(30, "g").map { try $0.int(1, "v") } == [7, 8])
        #expect(try decoded.string(31, "h") == "café ☕")
    }

    @Test("truncated bytes and absurd lengths are errors, not crashes", arguments: [1, 5, 9])
    func truncated(_ keep: Int) throws {
        var writer = ThriftCompactWriter()
        writer.field(1, string: "hello")
        writer.field(2, i64: 123_456_789)
        writer.endStruct()
        let bytes = Array(writer.bytes.prefix(keep))
        #expect(throws: ParquetError.self) {
            try bytes.withUnsafeBytes { raw in
                var reader = ThriftCompactReader(raw)
                _ = try reader.readStruct("Test")
            }
        }
        let hugeString: [UInt8] = [0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x61]
        #expect(throws: ParquetError.self) {
            try hugeString.withUnsafeBytes { raw in
                var reader = ThriftCompactReader(raw)
                _ = try reader.readStruct("Test")
            }
        }
    }
}
