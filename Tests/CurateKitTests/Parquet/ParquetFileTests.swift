import Foundation
import Testing
@testable import CurateKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Parquet files: structure, encodings, reading back")
struct ParquetFileTests {
    static let columns = [
        ParquetColumn(name: "id", kind: .string(optional: false, dictionary: false)),
        ParquetColumn(name: "label", kind: .string(optional: false, dictionary: true)),
        ParquetColumn(name: "note", kind: .string(optional: true, dictionary: true)),
        ParquetColumn(name: "at", kind: .timestamp),
    ]

    /// Rows of (id, label, note); `at` is the row number.
    static func rows(_ count: Int, labels: Int = 3) -> [(String, String, String?)] {
        (0..<count).map { index in
            ("id-\(index)", "label-\(index % labels)", index % 4 == 0 ? nil : "note ☕ \(index % 5)")
        }
    }

    /// The bytes of a file of `rows`.
    static func file(
        _ rows: [(String, String, String?)], codec: ParquetFormat.Codec = .zstd, rowGroupRows: Int = 131_072
    ) throws -> [UInt8] {
        let writer = ParquetFileWriter(columns: columns, codec: codec, createdBy: "curate version test", rowGroupRows: rowGroupRows)
        var output = ByteBuffer()
        ParquetFormat.magic.withUnsafeBytes { output.append($0) }
        for (index, row) in rows.enumerated() {
            writer.set(0, row.0)
            writer.set(1, row.1)
            writer.set(2, row.2)
            writer.set(3, timestamp: Int64(index) * 1_000_000_007)
            try writer.endRow(to: &output)
        }
        try writer.finish(to: &output)
        return output.withUnsafeBytes { Array($0) }
    }

    /// Writes `bytes` to a temporary file and runs `body` with a reader of it.
    static func withReader<R>(_ bytes: [UInt8], _ body: (ParquetFileReader) throws -> R) throws -> R {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("t.parquet").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        return try body(try ParquetFileReader(descriptor: descriptor))
    }

    @Test("a file starts and ends with PAR1, and the 4 bytes before the end give the footer's length")
    func structure() throws {
        let bytes = try Self.file(Self.rows(10))
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        let length = bytes.suffix(8).prefix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let footer = Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)])
        let metadata = try footer.withUnsafeBytes { raw in
            var reader = ThriftCompactReader(raw)
            let metadata = try reader.readStruct("FileMetaData")
            #expect(reader.offset == raw.count)
            return metadata
        }
        #expect(try metadata.int(1, "version") == 2)
        #expect(try metadata.int(3, "num_rows") == 10)
        #expect(try metadata.string(6, "created_by") == "curate version test")
        let schema = try metadata.structList(2, "schema")
        #expect(try schema.map { try $0.string(4, "name") } == ["schema", "id", "label", "note", "at"])
        #expect(schema[3].optionalInt(3) == 1)  // note: OPTIONAL
        #expect(schema[1].optionalInt(6) == 0)  // converted type UTF8
        let timestamp = try schema[4].structure(10, "logicalType").structure(8, "TIMESTAMP")
        #expect(timestamp.fields[1].map { if case .bool(true) = $0 { true } else { false } } == true)
        #expect(try timestamp.structure(2, "unit").optionalStruct(3) != nil)  // NANOS
    }

    @Test("strings, nulls and unicode read back as written, compressed or not", arguments: [ParquetFormat.Codec.zstd, .uncompressed])
    func roundTrip(_ codec: ParquetFormat.Codec) throws {
        let rows = Self.rows(1000)
        try Self.withReader(try Self.file(rows, codec: codec)) { (reader: ParquetFileReader) throws in
            #expect(reader.rows == 1000)
            #expect(try reader.strings("id", rowGroup: 0) == rows.map(\.0))
            #expect(try reader.strings("label", rowGroup: 0) == rows.map(\.1))
            #expect(try reader.strings("note", rowGroup: 0) == rows.map(\.2))
            #expect(throws: ParquetError.self) { try reader.strings("at", rowGroup: 0) }
            #expect(throws: ParquetError.self) { try reader.strings("missing", rowGroup: 0) }
        }
    }

    @Test("a row group ends every rowGroupRows rows, each with its own dictionary")
    func rowGroups() throws {
        let rows = Self.rows(250)
        try Self.withReader(try Self.file(rows, rowGroupRows: 100)) { (reader: ParquetFileReader) throws in
            #expect(reader.rowGroupRows == [100, 100, 50])
            var labels: [String?] = []
            for group in 0..<3 { labels += try reader.strings("label", rowGroup: group) }
            #expect(labels == rows.map(\.1))
        }
    }

    @Test("a dictionary that outgrows its bound falls back to PLAIN, and the values survive")
    func dictionaryFallback() throws {
        let count = ParquetColumnBuffer.maximumEntries + 500
        let rows = Self.rows(count, labels: count)
        let plain = try Self.file(rows)
        let dictionary = try Self.file(Self.rows(count))
        try Self.withReader(plain) { (reader: ParquetFileReader) throws in
            #expect(try reader.strings("label", rowGroup: 0) == rows.map(\.1))
        }
        #expect(plain.count > dictionary.count)
    }

    @Test("the same rows give the same bytes; an empty file has a schema and no row groups")
    func deterministic() throws {
        #expect(try Self.file(Self.rows(300)) == (try Self.file(Self.rows(300))))
        try Self.withReader(try Self.file([])) { (reader: ParquetFileReader) throws in
            #expect(reader.rows == 0)
            #expect(reader.rowGroupRows.isEmpty)
            #expect(reader.hasColumn("note"))
        }
    }

    @Test("a file cut short, or not Parquet at all, is an error")
    func damaged() throws {
        let bytes = try Self.file(Self.rows(20))
        #expect(throws: ParquetError.self) { try Self.withReader(Array(bytes.dropLast(1))) { _ in } }
        #expect(throws: ParquetError.self) { try Self.withReader(Array("{\"a\":1}\n".utf8)) { _ in } }
        var corrupt = bytes
        corrupt[corrupt.count - 9] ^= 0xFF  // the footer's last byte: its STOP
        #expect(throws: ParquetError.self) { try Self.withReader(corrupt) { _ in } }
    }
}
