/// Encodes exported labels as the rows of one data-file format.
///
/// Every row has the same columns, whatever the format: `input_id`, `input`, `output`,
/// `id` (the record id), `task`, `split`, `origin`, `model`, `annotator`, `prompt`
/// (`NAME@VERSION#HASH12`), `prompt_sha256`, `hash_status`, `run`, `created_at`, and
/// `supersedes` (the record id of the label a regenerated label replaces).
protocol RowWriter {
    /// Bytes that start every file (a CSV header), possibly none.
    var header: [UInt8] { get }
    /// Appends one row for `row`, whose provenance is `producer`, placed in `split`.
    func append(_ row: StoredLabel, producer: ProducerColumns, split: String, to output: inout ByteBuffer)
}

/// The column names of every data file, in CSV order.
enum RowColumns {
    static let names = [
        "input_id", "input", "output", "id", "task", "split", "origin", "model", "annotator",
        "prompt", "prompt_sha256", "hash_status", "run", "created_at", "supersedes",
    ]

    /// The writer for `format`.
    static func writer(for format: ExportFormat) -> any RowWriter {
        switch format {
        case .jsonl: JSONLRowWriter()
        case .csv: CSVRowWriter()
        }
    }
}
