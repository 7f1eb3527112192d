/// Streams the rows of one data file of a dataset (JSON Lines, CSV or Parquet) as
/// ``DatasetRow``s, checking that they come in the order `curate export` writes them.
final class DataFileReader {
    /// The lines or CSV records of a text format; nil for Parquet.
    private let splitter: RecordSplitter?
    /// The rows of a Parquet file; nil for a text format.
    private let parquet: ParquetRowSource?
    private let format: ExportFormat
    private let path: String
    private var row = 0
    private var columns: CSVColumns?
    private var previous: (task: String, inputID: String)?

    /// Opens the data file at `path`, inside the dataset folder `folder`, written in `format`.
    init(path: String, folder: String, format: ExportFormat) throws(DiffError) {
        splitter = format == .parquet ? nil : try RecordSplitter(path: path, folder: folder, quoted: format == .csv)
        parquet = format == .parquet ? try ParquetRowSource(path: path, folder: folder) : nil
        self.format = format
        self.path = path
        if format == .csv, let splitter {
            guard let header = try splitter.next() else {
                throw .malformedDataFile(path: path, row: 0, reason: "the CSV file has no header")
            }
            columns = try CSVColumns(header: CSVFields.split(header), path: path)
        }
    }

    /// The next row, or nil at the end of the file.
    /// - Throws: ``DiffError/malformedDataFile(path:row:reason:)`` for a row that is not a
    ///   curate row or is out of (task, input_id) order.
    func next() throws(DiffError) -> DatasetRow? {
        let parsed: DatasetRow
        if let parquet {
            guard let next = try parquet.next(number: row + 1) else { return nil }
            row += 1
            parsed = next
        } else {
            guard let bytes = try splitter?.next() else { return nil }
            row += 1
            parsed = format == .csv ? try csvRow(bytes) : try jsonRow(bytes)
        }
        if let previous, DatasetRow.compareInputs(previous.task, previous.inputID, parsed.task, parsed.inputID) > 0 {
            throw .malformedDataFile(path: path, row: row, reason: "rows are not in (task, input_id) order as curate export writes them")
        }
        previous = (parsed.task, parsed.inputID)
        return parsed
    }

    private func jsonRow(_ bytes: ArraySlice<UInt8>) throws(DiffError) -> DatasetRow {
        let parsed = bytes.withUnsafeBytes { buffer in Result { () throws(JSONParser.SyntaxError) in try JSONParser.parse(buffer) } }
        let value: JSONValue
        switch parsed {
        case .success(let parsedValue): value = parsedValue
        case .failure(let error):
            throw .malformedDataFile(path: path, row: row, reason: "not JSON at byte \(error.offset + 1): \(error.reason)")
        }
        guard case .object = value else { throw .malformedDataFile(path: path, row: row, reason: "the row is not a JSON object") }
        func text(_ key: String) throws(DiffError) -> String {
            guard case .string(let text)? = value[key] else {
                throw .malformedDataFile(path: path, row: row, reason: "field \"\(key)\" is missing or not a string")
            }
            return text
        }
        func optional(_ key: String) -> String? {
            if case .string(let text)? = value[key] { return text }
            return nil
        }
        guard let output = value["output"] else { throw .malformedDataFile(path: path, row: row, reason: "field \"output\" is missing") }
        let label: String
        if case .string(let string) = output { label = string } else { label = JSONWriter.canonical(output) }
        let producer = Self.producer(prompt: optional("prompt"), model: optional("model"), annotator: optional("annotator"))
        return DatasetRow(task: try text("task"), inputID: try text("input_id"), label: RecordLabel(
            id: try text("id"), output: label, producer: producer, supersedes: optional("supersedes")))
    }

    private func csvRow(_ bytes: ArraySlice<UInt8>) throws(DiffError) -> DatasetRow {
        guard let columns else { throw .malformedDataFile(path: path, row: row, reason: "the CSV file has no header") }
        let fields = CSVFields.split(bytes)
        func field(_ index: Int?) -> String? {
            guard let index, index < fields.count, !fields[index].isEmpty else { return nil }
            return fields[index]
        }
        guard fields.count >= columns.count else {
            throw .malformedDataFile(path: path, row: row, reason: "it has \(fields.count) fields, the header \(columns.count)")
        }
        return DatasetRow(
            task: fields[columns.task], inputID: fields[columns.inputID],
            label: RecordLabel(
                id: fields[columns.id], output: fields[columns.output],
                producer: Self.producer(prompt: field(columns.prompt), model: field(columns.model), annotator: field(columns.annotator)),
                supersedes: field(columns.supersedes)))
    }

    /// Who produced a row: `PROMPT by MODEL` (the prompt's short form), either alone when the
    /// row lacks the other, else `human:ANNOTATOR`; so two labels of one prompt by two models
    /// read differently.
    static func producer(prompt: String?, model: String?, annotator: String?) -> String {
        switch (prompt, model) {
        case let (prompt?, model?): "\(prompt) by \(model)"
        case let (prompt?, nil): prompt
        case let (nil, model?): model
        case (nil, nil): "human:\(annotator ?? "?")"
        }
    }
}

/// Where the columns a diff needs are in a CSV data file's header.
private struct CSVColumns {
    let count: Int
    let task: Int
    let inputID: Int
    let id: Int
    let output: Int
    let prompt: Int?
    let model: Int?
    let annotator: Int?
    let supersedes: Int?

    init(header: [String], path: String) throws(DiffError) {
        func required(_ name: String) throws(DiffError) -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw .malformedDataFile(path: path, row: 0, reason: "the CSV header has no column \"\(name)\"")
            }
            return index
        }
        count = header.count
        task = try required("task")
        inputID = try required("input_id")
        id = try required("id")
        output = try required("output")
        prompt = header.firstIndex(of: "prompt")
        model = header.firstIndex(of: "model")
        annotator = header.firstIndex(of: "annotator")
        supersedes = header.firstIndex(of: "supersedes")
    }
}
