/// Writes rows as RFC 4180 CSV: a header, CRLF after every record, UTF-8 without a
/// byte order mark. A field holding a comma, a double quote, CR or LF is quoted, its
/// double quotes doubled. `input` and `output` hold a JSON string's text as is and any
/// other JSON value as canonical JSON (``JSONCellText``); an absent value is an empty field.
struct CSVRowWriter: RowWriter {
    var header: [UInt8] {
        var bytes: [UInt8] = []
        for (index, name) in RowColumns.names.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: name.utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
        return bytes
    }

    func append(_ row: StoredLabel, producer: ProducerColumns, split: String, to output: inout ByteBuffer) {
        field(row.inputID, first: true, to: &output)
        field(JSONCellText.of(row.input), to: &output)
        field(JSONCellText.of(row.output), to: &output)
        field(row.id, to: &output)
        field(row.task, to: &output)
        field(split, to: &output)
        field(producer.origin, to: &output)
        field(producer.model, to: &output)
        field(producer.annotator, to: &output)
        field(producer.prompt, to: &output)
        field(producer.promptSHA256, to: &output)
        field(producer.hashStatus, to: &output)
        field(row.run, to: &output)
        field(Timestamp(nanosecondsSinceEpoch: row.createdAt).rfc3339, to: &output)
        field(row.supersedes, to: &output)
        output.append("\r\n")
    }

    /// Appends one field, quoted only when it must be.
    func field(_ value: String?, first: Bool = false, to output: inout ByteBuffer) {
        if !first { output.append(UInt8(ascii: ",")) }
        guard let value else { return }
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return output.append(utf8: value) }
        output.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
