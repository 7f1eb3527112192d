#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the footer and the columns of a Parquet file: the files ``ParquetFileWriter``
/// writes, and files of other writers whose columns are strings, `INT64`, `DOUBLE` or
/// `BOOLEAN` at the top or in a required struct, in v1 data pages, PLAIN or dictionary
/// encoded, uncompressed or zstd.
///
/// A column is read one row group at a time, so memory holds one chunk of the columns asked for.
final class ParquetFileReader {
    /// Rows in the file (`FileMetaData.num_rows`).
    let rows: Int
    /// Rows in each row group, in file order.
    let rowGroupRows: [Int]
    private let descriptor: Int32
    private let rowGroups: [ThriftStruct]
    /// Whether each leaf column (by its path in the schema) may hold nulls.
    private let optional: [[String]: Bool]
    /// The field names of each struct at the top of the schema, in order.
    private let structs: [String: [String]]

    /// Reads the footer of the open file `descriptor`, which the caller keeps and closes
    /// after the reader's last use.
    /// - Throws: ``ParquetError`` when the file is unreadable or has no valid footer.
    init(descriptor: Int32) throws(ParquetError) {
        self.descriptor = descriptor
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        let size = Int64(info.st_size)
        let magic = ParquetFormat.magic.count
        guard size >= Int64(2 * magic + 4) else { throw .malformed(reason: "the file is \(size) bytes, too short for a footer") }
        let tail = try Self.read(descriptor, count: magic + 4, at: size - Int64(magic + 4))
        guard Array(tail[4...]) == ParquetFormat.magic else { throw .malformed(reason: "the file does not end with PAR1") }
        let length = Int64(tail[0..<4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) })
        guard length <= size - Int64(2 * magic + 4) else { throw .malformed(reason: "its footer length \(length) exceeds the file") }
        let footer = try Self.read(descriptor, count: Int(length), at: size - Int64(magic + 4) - length)
        let metadata = try footer.withUnsafeBytes { bytes in
            Result { () throws(ParquetError) in
                var reader = ThriftCompactReader(bytes)
                return try reader.readStruct("FileMetaData")
            }
        }.get()
        rows = Int(try metadata.int(3, "num_rows"))
        rowGroups = try metadata.structList(4, "row_groups")
        var rowGroupRows: [Int] = []
        for group in rowGroups { rowGroupRows.append(Int(try group.int(3, "num_rows"))) }
        self.rowGroupRows = rowGroupRows
        var optional: [[String]: Bool] = [:]
        var structs: [String: [String]] = [:]
        var elements = try metadata.structList(2, "schema").dropFirst()[...]
        while let element = elements.popFirst() {
            let name = try element.string(4, "name")
            guard let children = element.optionalInt(5) else {
                optional[[name]] = element.optionalInt(3) == Int64(ParquetFormat.Repetition.optional.rawValue)
                continue
            }
            guard element.optionalInt(3) == Int64(ParquetFormat.Repetition.required.rawValue), children <= elements.count else {
                throw .malformed(reason: "column \"\(name)\" is a repeated or optional group; curate reads required structs")
            }
            var fields: [String] = []
            for _ in 0..<children {
                guard let field = elements.popFirst(), field.optionalInt(5) == nil else {
                    throw .malformed(reason: "struct \"\(name)\" nests a group; curate reads structs of plain columns")
                }
                let fieldName = try field.string(4, "name")
                fields.append(fieldName)
                optional[[name, fieldName]] = field.optionalInt(3) == Int64(ParquetFormat.Repetition.optional.rawValue)
            }
            structs[name] = fields
        }
        self.optional = optional
        self.structs = structs
    }

    /// Whether the file has a column or struct `name` at the top of its schema.
    func hasColumn(_ name: String) -> Bool {
        optional[[name]] != nil || structs[name] != nil
    }

    /// The values of string column `name` in row group number `group`; nil for a null.
    /// - Throws: ``ParquetError`` when the column is missing, not a string column, or its pages are damaged.
    func strings(_ name: String, rowGroup group: Int) throws(ParquetError) -> [String?] {
        try values([name], rowGroup: group).map { (value) throws(ParquetError) -> String? in
            guard let value else { return nil }
            guard case .string(let text) = value else { throw .malformed(reason: "column \"\(name)\" is not a string column") }
            return text
        }
    }

    /// The values of column `name` in row group number `group` as text: a string column's
    /// values, or for a struct each row's canonical JSON object, null fields left out.
    /// - Throws: ``ParquetError`` when the column is missing or its pages are damaged.
    func texts(_ name: String, rowGroup group: Int) throws(ParquetError) -> [String?] {
        guard let fields = structs[name] else { return try strings(name, rowGroup: group) }
        let columns = try fields.map { (field) throws(ParquetError) in
            let column = try values([name, field], rowGroup: group)
            guard column.count == rowGroupRows[group] else {
                throw .malformed(reason: "field \"\(name).\(field)\" has \(column.count) values in a row group of \(rowGroupRows[group]) rows")
            }
            return column
        }
        return (0..<rowGroupRows[group]).map { row in
            JSONWriter.canonical(.object(zip(fields, columns).compactMap { field, column in column[row].map { (key: field, value: $0) } }))
        }
    }

    /// The values of the leaf column at `path` in row group number `group`; nil for a null.
    /// - Throws: ``ParquetError`` when the column is missing, of another type, or its pages are damaged.
    private func values(_ path: [String], rowGroup group: Int) throws(ParquetError) -> [JSONValue?] {
        let name = path.joined(separator: ".")
        guard let isOptional = optional[path] else { throw .malformed(reason: "it has no column \"\(name)\"") }
        let wanted = path.map { Array($0.utf8) }
        var metadata: ThriftStruct?
        for chunk in try rowGroups[group].structList(1, "columns") {
            let candidate = try chunk.structure(3, "meta_data")
            let names = try candidate.list(3, "path_in_schema").map { (value) -> [UInt8] in if case .binary(let bytes) = value { bytes } else { [] } }
            if names == wanted { metadata = candidate }
        }
        guard let metadata else { throw .malformed(reason: "row group \(group) has no chunk of column \"\(name)\"") }
        let typeNumber = try metadata.int(1, "type")
        guard let type = Int32(exactly: typeNumber).flatMap(ParquetFormat.PhysicalType.init) else {
            throw .malformed(reason: "column \"\(name)\" has physical type \(typeNumber); curate reads strings, INT64, DOUBLE and BOOLEAN")
        }
        let codec = try metadata.int(4, "codec")
        guard codec == Int64(ParquetFormat.Codec.uncompressed.rawValue) || codec == Int64(ParquetFormat.Codec.zstd.rawValue) else {
            throw .malformed(reason: "column \"\(name)\" uses compression codec \(codec); curate reads zstd or none")
        }
        let dataPageOffset = try metadata.int(9, "data_page_offset")
        let start = metadata.optionalInt(11) ?? dataPageOffset
        let size = try metadata.int(7, "total_compressed_size")
        guard start >= 0, (0...Int64(Int32.max)).contains(size) else { throw .malformed(reason: "column \"\(name)\" has an impossible offset or size") }
        let chunk = try Self.read(descriptor, count: Int(size), at: start)
        var decoder = ParquetChunkDecoder(
            values: Int(try metadata.int(5, "num_values")), type: type, optional: isOptional, zstd: codec == Int64(ParquetFormat.Codec.zstd.rawValue))
        try chunk.withUnsafeBytes { bytes in Result { () throws(ParquetError) in try decoder.decode(bytes) } }.get()
        return decoder.cells
    }

    /// Reads exactly `count` bytes at `offset`.
    private static func read(_ descriptor: Int32, count: Int, at offset: Int64) throws(ParquetError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress.map { $0 + done }, count - done, off_t(offset) + off_t(done)) }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw .unreadable(reason: String(cString: strerror(errno))) }
            if got == 0 { throw .malformed(reason: "the file ends before byte \(offset + Int64(count)) its footer points to") }
            done += got
        }
        return bytes
    }
}
