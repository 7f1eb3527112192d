/// Writes one Parquet file of ``ParquetColumn``s as rows arrive.
///
/// Rows are buffered column by column and written as a row group every 131,072 rows (as
/// the writer is told) or ``rowGroupBytes`` bytes of values, so memory stays flat however many rows
/// there are. Each column chunk is at most a dictionary page and one data page (v1),
/// compressed with ``ParquetFormat/Codec``. The footer holds no time, path or random id:
/// the same rows give the same bytes.
///
/// The caller writes ``ParquetFormat/magic`` first; the writer then appends row groups and
/// finally the footer to the output it is handed, and counts the bytes to know each page's
/// offset.
final class ParquetFileWriter {
    static let rowGroupBytes = 64 << 20

    /// One written row group, for the footer.
    private struct RowGroup {
        let chunks: [ParquetColumnChunk]
        let rows: Int
    }

    let columns: [ParquetColumn]
    private let codec: ParquetFormat.Codec
    private let createdBy: String
    private let rowGroupRows: Int
    private let buffers: [ParquetColumnBuffer]
    private let zstd = Zstd()
    private var compressed: [UInt8] = []
    private var position = Int64(ParquetFormat.magic.count)
    private var rowGroups: [RowGroup] = []
    private var rows = 0
    private var bufferedBytes = 0

    /// A writer of `columns`, recording `createdBy` (`curate version 0.1.0`) in the footer,
    /// that ends a row group after `rowGroupRows` rows.
    init(columns: [ParquetColumn], codec: ParquetFormat.Codec, createdBy: String, rowGroupRows: Int = 131_072) {
        self.columns = columns
        self.codec = codec
        self.createdBy = createdBy
        self.rowGroupRows = max(1, rowGroupRows)
        buffers = columns.map(ParquetColumnBuffer.init)
    }

    /// Sets string column number `column` of the current row; nil is null.
    func set(_ column: Int, _ value: String?) {
        buffers[column].append(value)
        bufferedBytes += value?.utf8.count ?? 0
    }

    /// Sets timestamp column number `column` of the current row (nanoseconds since the epoch).
    func set(_ column: Int, timestamp: Int64) {
        buffers[column].append(int64: timestamp)
    }

    /// Sets `INT64` column number `column` of the current row; nil is null.
    func set(_ column: Int, int64 value: Int64?) {
        buffers[column].append(int64: value)
    }

    /// Sets `DOUBLE` column number `column` of the current row; nil is null.
    func set(_ column: Int, double value: Double?) {
        buffers[column].append(double: value)
    }

    /// Sets `BOOLEAN` column number `column` of the current row; nil is null.
    func set(_ column: Int, bool value: Bool?) {
        buffers[column].append(bool: value)
    }

    /// Ends the current row (every column set once), writing the row group when it is full.
    func endRow(to output: inout ByteBuffer) throws(ParquetError) {
        rows += 1
        if rows >= rowGroupRows || bufferedBytes >= Self.rowGroupBytes { try writeRowGroup(to: &output) }
    }

    /// Writes the last row group and the footer.
    func finish(to output: inout ByteBuffer) throws(ParquetError) {
        if rows > 0 { try writeRowGroup(to: &output) }
        var footer = ThriftCompactWriter()
        footer.field(1, i32: ParquetFormat.version)
        writeSchema(to: &footer)
        footer.field(3, i64: Int64(rowGroups.reduce(0) { $0 + $1.rows }))
        footer.beginStructList(4, count: rowGroups.count)
        for (ordinal, group) in rowGroups.enumerated() {
            footer.beginListElement()
            footer.beginStructList(1, count: group.chunks.count)
            for chunk in group.chunks { chunk.write(to: &footer) }
            footer.field(2, i64: group.chunks.reduce(0) { $0 + $1.uncompressedSize })
            footer.field(3, i64: Int64(group.rows))
            footer.field(5, i64: group.chunks.first?.firstPageOffset ?? position)
            footer.field(6, i64: group.chunks.reduce(0) { $0 + $1.compressedSize })
            footer.field(7, i16: Int16(truncatingIfNeeded: ordinal))
            footer.endStruct()
        }
        footer.field(6, string: createdBy)
        footer.endStruct()
        footer.bytes.withUnsafeBytes { output.append($0) }
        withUnsafeBytes(of: UInt32(footer.bytes.count).littleEndian) { output.append($0) }
        ParquetFormat.magic.withUnsafeBytes { output.append($0) }
    }

    /// Writes `FileMetaData.schema`: the root, then each top-level column, a struct's
    /// element just before its fields (depth first, as the format orders them).
    private func writeSchema(to footer: inout ThriftCompactWriter) {
        // Each top-level field: a column alone, or a struct and its run of columns.
        var fields: [(group: String?, columns: ArraySlice<ParquetColumn>)] = []
        var start = 0
        while start < columns.count {
            var end = start + 1
            if let group = columns[start].group { while end < columns.count, columns[end].group == group { end += 1 } }
            fields.append((columns[start].group, columns[start..<end]))
            start = end
        }
        footer.beginStructList(2, count: 1 + columns.count + fields.filter { $0.group != nil }.count)
        footer.beginListElement()
        footer.field(4, string: "schema")
        footer.field(5, i32: Int32(fields.count))
        footer.endStruct()
        for field in fields {
            if let group = field.group { ParquetColumn.writeGroupElement(group, fields: field.columns.count, to: &footer) }
            for column in field.columns { column.writeSchemaElement(to: &footer) }
        }
    }

    private func writeRowGroup(to output: inout ByteBuffer) throws(ParquetError) {
        var chunks: [ParquetColumnChunk] = []
        for buffer in buffers {
            let pages = buffer.takePages()
            let start = position
            var uncompressed: Int64 = 0
            var dictionaryOffset: Int64?
            var encodings: [ParquetFormat.Encoding] = []
            if let dictionary = pages.dictionary {
                dictionaryOffset = position
                uncompressed += try writePage(.dictionaryPage, dictionary.body, values: dictionary.count, encoding: .plain, to: &output)
                encodings.append(.plain)
            }
            let dataOffset = position
            uncompressed += try writePage(.dataPage, pages.data, values: pages.rows, encoding: pages.encoding, to: &output)
            if !encodings.contains(pages.encoding) { encodings.append(pages.encoding) }
            if buffer.column.isOptional { encodings.append(.rle) }
            chunks.append(ParquetColumnChunk(
                column: buffer.column, codec: codec, encodings: encodings, values: pages.rows, nullCount: pages.nullCount,
                firstPageOffset: start, dictionaryPageOffset: dictionaryOffset, dataPageOffset: dataOffset,
                uncompressedSize: uncompressed, compressedSize: position - start))
        }
        rowGroups.append(RowGroup(chunks: chunks, rows: rows))
        rows = 0
        bufferedBytes = 0
    }

    /// Writes one page, header first.
    /// - Returns: the page's size before compression, its header included.
    private func writePage(
        _ type: ParquetFormat.PageType, _ body: [UInt8], values: Int, encoding: ParquetFormat.Encoding, to output: inout ByteBuffer
    ) throws(ParquetError) -> Int64 {
        if codec == .zstd {
            try body.withUnsafeBytes { bytes in Result { () throws(ParquetError) in try zstd.compress(bytes, into: &compressed) } }.get()
        }
        let stored = codec == .zstd ? compressed : body
        guard let bodySize = Int32(exactly: body.count), let storedSize = Int32(exactly: stored.count), let count = Int32(exactly: values) else {
            throw .malformed(reason: "a page of \(body.count) bytes is larger than Parquet's 2 GiB page limit")
        }
        var header = ThriftCompactWriter()
        header.field(1, i32: type.rawValue)
        header.field(2, i32: bodySize)
        header.field(3, i32: storedSize)
        if type == .dataPage {
            header.beginStruct(5)  // data_page_header
            header.field(1, i32: count)
            header.field(2, i32: encoding.rawValue)
            header.field(3, i32: ParquetFormat.Encoding.rle.rawValue)  // definition levels
            header.field(4, i32: ParquetFormat.Encoding.rle.rawValue)  // repetition levels (none: a flat schema)
        } else {
            header.beginStruct(7)  // dictionary_page_header
            header.field(1, i32: count)
            header.field(2, i32: encoding.rawValue)
        }
        header.endStruct()
        header.endStruct()
        header.bytes.withUnsafeBytes { output.append($0) }
        stored.withUnsafeBytes { output.append($0) }
        position += Int64(header.bytes.count + stored.count)
        return Int64(header.bytes.count + body.count)
    }
}
