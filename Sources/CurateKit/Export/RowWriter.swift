/// Encodes exported labels as the rows of one data-file format.
///
/// Every row has the same columns, whatever the format: `input_id`, `input`, `output`,
/// `id` (the record id), `task`, `split`, `origin`, `model`, `annotator`, `prompt`
/// (`NAME@VERSION#HASH12`), `prompt_sha256`, `hash_status`, `run`, `created_at`, and
/// `supersedes` (the record id of the label a regenerated label replaces).
///
/// One writer writes one file: a writer may buffer rows (Parquet's row groups) and
/// write them later, in ``append(_:producer:split:to:)`` or ``finish(to:)``.
protocol RowWriter {
    /// Bytes that start every file (a CSV header, Parquet's magic), possibly none.
    var header: [UInt8] { get }
    /// Appends one row for `row`, whose provenance is `producer`, placed in `split`.
    /// - Throws: ``ParquetError`` when a Parquet page cannot be compressed.
    func append(_ row: StoredLabel, producer: ProducerColumns, split: String, to output: inout ByteBuffer) throws(ParquetError)
    /// Appends what is still buffered and whatever ends the file.
    func finish(to output: inout ByteBuffer) throws(ParquetError)
}

extension RowWriter {
    /// Nothing is buffered and nothing ends a line-based file.
    func finish(to output: inout ByteBuffer) {}
}

/// The column names of every data file, in CSV order.
enum RowColumns {
    static let names = [
        "input_id", "input", "output", "id", "task", "split", "origin", "model", "annotator",
        "prompt", "prompt_sha256", "hash_status", "run", "created_at", "supersedes",
    ]

    /// The writer for `format`; `outputStruct` is the shape of the file's task's outputs, if
    /// it declares one (only Parquet writes it as a struct).
    static func writer(for format: ExportFormat, outputStruct: OutputStruct? = nil) -> any RowWriter {
        switch format {
        case .jsonl: JSONLRowWriter()
        case .csv: CSVRowWriter()
        case .parquet: ParquetRowWriter(outputStruct: outputStruct)
        }
    }
}
