/// Where one written column chunk lies in the file and what it holds: its `ColumnChunk`
/// entry in the footer.
struct ParquetColumnChunk {
    let column: ParquetColumn
    let codec: ParquetFormat.Codec
    /// The encodings of its pages and their levels, each once.
    let encodings: [ParquetFormat.Encoding]
    /// Rows, nulls included.
    let values: Int
    let nullCount: Int
    /// The file offset of its first page (the dictionary page, when it has one).
    let firstPageOffset: Int64
    let dictionaryPageOffset: Int64?
    let dataPageOffset: Int64
    /// Bytes of its page headers and pages, before and after compression.
    let uncompressedSize: Int64
    let compressedSize: Int64

    /// Writes the `ColumnChunk`, an element of `RowGroup.columns`.
    func write(to writer: inout ThriftCompactWriter) {
        writer.beginListElement()
        writer.field(2, i64: firstPageOffset)  // file_offset
        writer.beginStruct(3)  // meta_data: ColumnMetaData
        writer.field(1, i32: column.physicalType.rawValue)
        writer.field(2, i32List: encodings.map(\.rawValue))
        writer.field(3, stringList: column.path)
        writer.field(4, i32: codec.rawValue)
        writer.field(5, i64: Int64(values))
        writer.field(6, i64: uncompressedSize)
        writer.field(7, i64: compressedSize)
        writer.field(9, i64: dataPageOffset)
        if let dictionaryPageOffset { writer.field(11, i64: dictionaryPageOffset) }
        writer.beginStruct(12)  // statistics
        writer.field(3, i64: Int64(nullCount))
        writer.endStruct()
        writer.endStruct()
        writer.endStruct()
    }
}
