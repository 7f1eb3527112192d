/// Writes rows as an Apache Parquet file through ``ParquetFileWriter``, zstd-compressed.
///
/// Every column is a string but `created_at`, a `TIMESTAMP(isAdjustedToUTC, NANOS)`: ids
/// stay strings in every reader. `input` and `output` are JSON text columns, not structs:
/// a JSON string as its text (so `output == "positive"` in pandas) and any other value
/// as canonical JSON, the way CSV writes them (``JSONCellText``); an absent value is null.
/// Columns of few distinct values (task, split, provenance, output labels) are
/// dictionary-encoded in each row group.
struct ParquetRowWriter: RowWriter {
    /// The columns, in ``RowColumns/names`` order.
    static let columns = RowColumns.names.map { ParquetColumn(name: $0, kind: kind(of: $0)) }

    private let file = ParquetFileWriter(columns: columns, codec: .zstd, createdBy: "curate version \(CurateVersion.current)")

    var header: [UInt8] { ParquetFormat.magic }

    func append(_ row: StoredLabel, producer: ProducerColumns, split: String, to output: inout ByteBuffer) throws(ParquetError) {
        file.set(0, row.inputID)
        file.set(1, JSONCellText.of(row.input))
        file.set(2, JSONCellText.of(row.output))
        file.set(3, row.id)
        file.set(4, row.task)
        file.set(5, split)
        file.set(6, producer.origin)
        file.set(7, producer.model)
        file.set(8, producer.annotator)
        file.set(9, producer.prompt)
        file.set(10, producer.promptSHA256)
        file.set(11, producer.hashStatus)
        file.set(12, row.run)
        file.set(13, timestamp: row.createdAt)
        file.set(14, row.supersedes)
        try file.endRow(to: &output)
    }

    func finish(to output: inout ByteBuffer) throws(ParquetError) {
        try file.finish(to: &output)
    }

    /// How the column `name` is stored: ids and inputs plain (nearly every value differs),
    /// the rest dictionary-encoded while their values repeat; nullable where a row may lack it.
    private static func kind(of name: String) -> ParquetColumn.Kind {
        switch name {
        case "created_at": .timestamp
        case "input_id", "id": .string(optional: false, dictionary: false)
        case "output", "task", "split", "origin": .string(optional: false, dictionary: true)
        case "input", "supersedes": .string(optional: true, dictionary: false)
        default: .string(optional: true, dictionary: true)
        }
    }
}
