import Foundation
import Testing
@testable import CurateKit

@Suite("Parquet struct columns: schema tree, definition levels, reading back")
struct ParquetStructTests {
    static let schema = #"""
        {"type": "object", "additionalProperties": false, "required": ["word", "level"],
         "properties": {"word": {"type": "string"}, "level": {"type": "integer"}, "score": {"type": "number"},
                        "ok": {"type": "boolean"}, "tag": {"enum": ["a", "b"]}}}
        """#

    static func shape() throws -> OutputStruct {
        try #require(OutputStruct(schema: try LabelSchema(json: schema, path: "prompts/vocab/schema.json"), path: "prompts/vocab/schema.json"))
    }

    /// The outputs written, as canonical JSON: absent members, a null-free mix of types.
    static let outputs = [
        #"{"level":1,"ok":true,"score":0.5,"tag":"a","word":"cat"}"#,
        #"{"level":-3,"word":"dög"}"#,
        #"{"level":9007199254740993,"ok":false,"score":1.0,"word":""}"#,
    ]

    /// A file of `id` then `output` (the struct), uncompressed so pages can be read as they are.
    static func file(_ outputs: [String]) throws -> [UInt8] {
        let shape = try shape()
        let columns = [ParquetColumn(name: "id", kind: .string(optional: false, dictionary: false))]
            + ParquetRowWriter.columns(shape).filter { $0.group == "output" }
        let writer = ParquetFileWriter(columns: columns, codec: .uncompressed, createdBy: "curate version test")
        var output = ByteBuffer()
        ParquetFormat.magic.withUnsafeBytes { output.append($0) }
        for (index, json) in outputs.enumerated() {
            writer.set(0, "r-\(index)")
            let values = try shape.values(ofCanonical: json).get()
            writer.set(1, values[0].flatMap { if case .string(let text) = $0 { text } else { nil } })
            writer.set(2, int64: values[1].flatMap { if case .number(let lexeme) = $0 { Int64(lexeme) } else { nil } })
            writer.set(3, double: values[2].flatMap { if case .number(let lexeme) = $0 { Double(lexeme) } else { nil } })
            writer.set(4, bool: values[3].flatMap { if case .bool(let flag) = $0 { flag } else { nil } })
            writer.set(5, values[4].flatMap { if case .string(let text) = $0 { text } else { nil } })
            try writer.endRow(to: &output)
        }
        try writer.finish(to: &output)
        return output.withUnsafeBytes { Array($0) }
    }

    static func footer(_ bytes: [UInt8]) throws -> ThriftStruct {
        let length = bytes.suffix(8).prefix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        return try Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)]).withUnsafeBytes { raw in
            var reader = ThriftCompactReader(raw)
            return try reader.readStruct("FileMetaData")
        }
    }

    @Test("the schema is the root, the top-level column, then the required group and its leaves, each nullable unless required")
    func schemaTree() throws {
        let metadata = try Self.footer(try Self.file(Self.outputs))
        let schema = try metadata.structList(2, "schema")
        #expect(try schema.map { try $0.string(4, "name") } == ["schema", "id", "output", "word", "level", "score", "ok", "tag"])
        #expect(schema[0].optionalInt(5) == 2, "the root has two fields: id and the struct")
        #expect(schema[2].optionalInt(5) == 5 && schema[2].optionalInt(3) == 0 && schema[2].optionalInt(1) == nil,
                "output is a REQUIRED group of 5 fields with no physical type")
        #expect(schema[3...].map { $0.optionalInt(3) } == [0, 0, 1, 1, 1], "word and level REQUIRED, the rest OPTIONAL")
        #expect(schema[3...].map { $0.optionalInt(1) } == [6, 2, 5, 0, 6], "BYTE_ARRAY, INT64, DOUBLE, BOOLEAN, BYTE_ARRAY")
        let chunks = try metadata.structList(4, "row_groups")[0].structList(1, "columns")
        let paths = try chunks.map { chunk in
            try chunk.structure(3, "meta_data").list(3, "path_in_schema").map { value -> String in
                if case .binary(let bytes) = value { String(decoding: bytes, as: UTF8.self) } else { "?" }
            }
        }
        #expect(paths == [["id"], ["output", "word"], ["output", "level"], ["output", "score"], ["output", "ok"], ["output", "tag"]])
    }

    @Test("a required leaf has no definition levels; an optional one has a 0/1 level per row and only its present values")
    func definitionLevels() throws {
        let bytes = try Self.file(Self.outputs)
        let chunks = try Self.footer(bytes).structList(4, "row_groups")[0].structList(1, "columns")
        func page(_ column: Int) throws -> [UInt8] {
            let metadata = try chunks[column].structure(3, "meta_data")
            let start = Int(try metadata.int(9, "data_page_offset"))
            return try Array(bytes[start...]).withUnsafeBytes { raw in
                var reader = ThriftCompactReader(raw)
                let header = try reader.readStruct("PageHeader")
                return Array(raw[reader.offset..<reader.offset + Int(try header.int(3, "compressed_page_size"))])
            }
        }
        // level (required INT64): the three values, 8 bytes each, nothing before them.
        #expect(try page(2) == [1, -3, 9_007_199_254_740_993].flatMap { (value: Int64) in withUnsafeBytes(of: value.littleEndian, Array.init) })
        // ok (optional BOOLEAN): levels 1,0,1 as a 4-byte length and one bit-packed run, then the bits true, false.
        #expect(try page(4) == [2, 0, 0, 0, 0x03, 0b101, 0b01])
        // score (optional DOUBLE): levels 1,0,1, then the two present doubles only.
        #expect(try page(3) == [2, 0, 0, 0, 0x03, 0b101] + [0.5, 1.0].flatMap { (value: Double) in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) })
    }

    @Test("the reader gives each row's struct back as the canonical JSON written, absent members left out")
    func readsBack() throws {
        try ParquetFileTests.withReader(try Self.file(Self.outputs)) { (reader: ParquetFileReader) throws in
            #expect(reader.hasColumn("output") && !reader.hasColumn("word"))
            #expect(try reader.texts("output", rowGroup: 0) == Self.outputs)
            #expect(try reader.texts("id", rowGroup: 0) == ["r-0", "r-1", "r-2"])
            #expect(throws: ParquetError.self) { try reader.strings("output", rowGroup: 0) }
        }
    }

    @Test("an output without the shape, or a number that would not read back the same, is refused with its path", arguments: [
        (#""cat""#, #"output is "cat", not an object"#),
        (#"{"level":1,"word":"a","x":1}"#, "output.x is not a member the schema declares"),
        (#"{"word":"a"}"#, "output.level is missing, and the schema requires it"),
        (#"{"level":"1","word":"a"}"#, #"output.level is "1", not an integer"#),
        (#"{"level":1.0,"word":"a"}"#, "output.level is 1.0, not an integer written as decimal digits within 64 bits"),
        (#"{"level":1,"score":1,"word":"a"}"#, "output.score is 1, which a Parquet DOUBLE gives back as 1.0"),
    ])
    func mismatch(output: String, reason: String) throws {
        #expect(try Self.shape().values(ofCanonical: output).mapError { $0 } == .failure(.outputMismatch(reason: reason)))
    }

    @Test("only an object of fixed scalar members is a struct shape", arguments: [
        (#"{"enum": ["a", "b"]}"#, false),
        (#"{"type": "object", "properties": {"a": {"type": "string"}}}"#, false),
        (#"{"type": "object", "additionalProperties": false, "properties": {"a": {"type": "array"}}}"#, false),
        (#"{"type": "object", "additionalProperties": false, "properties": {"a": {"type": ["string", "null"]}}}"#, false),
        (#"{"type": "object", "additionalProperties": false, "properties": {}}"#, false),
        (#"{"type": "object", "additionalProperties": false, "properties": {"a": {"enum": ["x"]}, "b": {"type": "boolean"}}}"#, true),
    ])
    func shapes(schema: String, isStruct: Bool) throws {
        #expect((OutputStruct(schema: try LabelSchema(json: schema, path: "s.json"), path: "s.json") != nil) == isStruct)
    }
}
