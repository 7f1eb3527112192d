/// Writes rows as JSON Lines: one canonical JSON object per line (keys sorted by
/// UTF-8 bytes, no spaces), `input` and `output` embedded as the stored canonical
/// JSON, absent values as `null`.
struct JSONLRowWriter: RowWriter {
    var header: [UInt8] { [] }

    func append(_ row: StoredLabel, producer: ProducerColumns, split: String, to output: inout ByteBuffer) {
        // Members in sorted key order, so the line is canonical JSON; each literal
        // holds the separator, the key and the colon before its value.
        output.append("{\"annotator\":")
        Self.writeString(producer.annotator, to: &output)
        output.append(",\"created_at\":\"")
        Timestamp(nanosecondsSinceEpoch: row.createdAt).withRFC3339 { output.append($0) }  // digits and separators: nothing to escape
        output.append("\",\"hash_status\":")
        Self.writeString(producer.hashStatus, to: &output)
        output.append(",\"id\":")
        Self.writeString(row.id, to: &output)
        output.append(",\"input\":")
        if let input = row.input { output.append(utf8: input) } else { output.append("null") }
        output.append(",\"input_id\":")
        Self.writeString(row.inputID, to: &output)
        output.append(",\"model\":")
        Self.writeString(producer.model, to: &output)
        output.append(",\"origin\":")
        Self.writeString(producer.origin, to: &output)
        output.append(",\"output\":")
        output.append(utf8: row.output)
        output.append(",\"prompt\":")
        Self.writeString(producer.prompt, to: &output)
        output.append(",\"prompt_sha256\":")
        Self.writeString(producer.promptSHA256, to: &output)
        output.append(",\"run\":")
        Self.writeString(row.run, to: &output)
        output.append(",\"split\":")
        Self.writeString(split, to: &output)
        output.append(",\"supersedes\":")
        Self.writeString(row.supersedes, to: &output)
        output.append(",\"task\":")
        Self.writeString(row.task, to: &output)
        output.append("}\n")
    }

    /// Appends `string` as a JSON string literal, or `null` when it is nil: the same
    /// bytes as ``JSONWriter/writeString(_:to:)``.
    static func writeString(_ string: String?, to output: inout ByteBuffer) {
        guard var string else { return output.append("null") }
        string.withUTF8 { JSONWriter.writeStringBytes($0, to: &output) }
    }
}
