#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the footer and the string columns of a flat Parquet file: the files
/// ``ParquetFileWriter`` writes, and flat files of other writers that use v1 data pages,
/// PLAIN or dictionary encoding and no compression or zstd.
///
/// A column is read one row group at a time, so memory holds one chunk of the columns asked for.
final class ParquetFileReader {
    /// Rows in the file (`FileMetaData.num_rows`).
    let rows: Int
    /// Rows in each row group, in file order.
    let rowGroupRows: [Int]
    private let descriptor: Int32
    private let rowGroups: [ThriftStruct]
    /// Whether each column (by name) may hold nulls.
    private let optional: [String: Bool]

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
        var optional: [String: Bool] = [:]
        for element in try metadata.structList(2, "schema").dropFirst() {
            optional[try element.string(4, "name")] = element.optionalInt(3) == Int64(ParquetFormat.Repetition.optional.rawValue)
        }
        self.optional = optional
    }

    /// Whether the file has a column `name`.
    func hasColumn(_ name: String) -> Bool {
        optional[name] != nil
    }

    /// The values of string column `name` in row group number `group`; nil for a null.
    /// - Throws: ``ParquetError`` when the column is missing, not a string column, or its pages are damaged.
    func strings(_ name: String, rowGroup group: Int) throws(ParquetError) -> [String?] {
        guard let isOptional = optional[name] else { throw .malformed(reason: "it has no column \"\(name)\"") }
        var metadata: ThriftStruct?
        for chunk in try rowGroups[group].structList(1, "columns") {
            let candidate = try chunk.structure(3, "meta_data")
            if case .binary(let path)? = try candidate.list(3, "path_in_schema").first, path == Array(name.utf8) { metadata = candidate }
        }
        guard let metadata else { throw .malformed(reason: "row group \(group) has no chunk of column \"\(name)\"") }
        guard try metadata.int(1, "type") == Int64(ParquetFormat.PhysicalType.byteArray.rawValue) else {
            throw .malformed(reason: "column \"\(name)\" is not a string column")
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
        var decoder = ParquetChunkDecoder(values: Int(try metadata.int(5, "num_values")), optional: isOptional, zstd: codec == Int64(ParquetFormat.Codec.zstd.rawValue))
        try chunk.withUnsafeBytes { bytes in Result { () throws(ParquetError) in try decoder.decode(bytes) } }.get()
        return decoder.strings
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
