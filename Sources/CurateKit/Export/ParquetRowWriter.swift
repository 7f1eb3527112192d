/// Writes rows as an Apache Parquet file through ``ParquetFileWriter``, zstd-compressed.
///
/// Every column is a string but `created_at`, a `TIMESTAMP(isAdjustedToUTC, NANOS)`: ids
/// stay strings in every reader. `input` is a JSON text column: a JSON string as its text
/// and any other value as canonical JSON, the way CSV writes them (``JSONCellText``); an
/// absent value is null. So is `output`, unless the file's task declares a struct shape
/// (``OutputStruct``): then `output` is a required struct of one nullable field per member
/// (`STRING`, `INT64`, `DOUBLE` or `BOOLEAN`; required members not null), and an output
/// without that shape stops the export. Columns of few distinct values (task, split,
/// provenance, output labels) are dictionary-encoded in each row group.
struct ParquetRowWriter: RowWriter {
    /// The struct shape of `output`, or nil for a text column.
    private let outputStruct: OutputStruct?
    private let file: ParquetFileWriter
    /// How many columns `output` spans: one, or one per field of its struct.
    private let outputWidth: Int

    /// A writer of one file; `outputStruct` is the shape of its task's outputs, if it declares one.
    init(outputStruct: OutputStruct? = nil) {
        self.outputStruct = outputStruct
        file = ParquetFileWriter(columns: Self.columns(outputStruct), codec: .zstd, createdBy: "curate version \(CurateVersion.current)")
        outputWidth = outputStruct?.fields.count ?? 1
    }

    /// The columns, in ``RowColumns/names`` order, `output` replaced by its struct's fields when it has one.
    static func columns(_ outputStruct: OutputStruct?) -> [ParquetColumn] {
        RowColumns.names.flatMap { name -> [ParquetColumn] in
            guard name == "output", let outputStruct else { return [ParquetColumn(name: name, kind: kind(of: name))] }
            return outputStruct.fields.map { field in
                let optional = !field.required
                let kind: ParquetColumn.Kind = switch field.type {
                case .string: .string(optional: optional, dictionary: true)
                case .integer: .int64(optional: optional)
                case .number: .double(optional: optional)
                case .boolean: .boolean(optional: optional)
                }
                return ParquetColumn(name: field.name, kind: kind, group: name)
            }
        }
    }

    var header: [UInt8] { ParquetFormat.magic }

    func append(_ row: StoredLabel, producer: ProducerColumns, split: String, to output: inout ByteBuffer) throws(ParquetError) {
        file.set(0, row.inputID)
        file.set(1, JSONCellText.of(row.input))
        try setOutput(row.output)
        let next = 2 + outputWidth
        file.set(next, row.id)
        file.set(next + 1, row.task)
        file.set(next + 2, split)
        file.set(next + 3, producer.origin)
        file.set(next + 4, producer.model)
        file.set(next + 5, producer.annotator)
        file.set(next + 6, producer.prompt)
        file.set(next + 7, producer.promptSHA256)
        file.set(next + 8, producer.hashStatus)
        file.set(next + 9, row.run)
        file.set(next + 10, timestamp: row.createdAt)
        file.set(next + 11, row.supersedes)
        try file.endRow(to: &output)
    }

    /// Sets `output` (canonical JSON): its text, or each field of its struct.
    /// - Throws: ``ParquetError/outputMismatch(reason:)`` when it does not have the struct's shape.
    private func setOutput(_ json: String) throws(ParquetError) {
        guard let outputStruct else { return file.set(2, JSONCellText.of(json)) }
        // Checked before any column is set, so a refused row leaves no half-written values.
        let values = try outputStruct.values(ofCanonical: json).get()
        for (offset, (field, value)) in zip(outputStruct.fields, values).enumerated() {
            let column = 2 + offset
            switch (field.type, value) {
            case (.string, .string(let text)?): file.set(column, text)
            case (.integer, .number(let lexeme)?): file.set(column, int64: Int64(lexeme))
            case (.number, .number(let lexeme)?): file.set(column, double: Double(lexeme))
            case (.boolean, .bool(let flag)?): file.set(column, bool: flag)
            case (.string, _): file.set(column, String?.none)
            case (.integer, _): file.set(column, int64: nil)
            case (.number, _): file.set(column, double: nil)
            case (.boolean, _): file.set(column, bool: nil)
            }
        }
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
