/// Writes rows as JSON Lines: one canonical JSON object per line (keys sorted by
/// UTF-8 bytes, no spaces), `input` and `output` embedded as the stored canonical
/// JSON, absent values as `null`.
struct JSONLRowWriter: RowWriter {
    var header: [UInt8] { [] }

    func append(_ row: ExportRow, producer: ProducerColumns, split: String, to output: inout [UInt8]) {
        // Members in sorted key order, so the line is canonical JSON.
        member("annotator", producer.annotator, first: true, to: &output)
        member("created_at", Timestamp(nanosecondsSinceEpoch: row.createdAt).rfc3339, to: &output)
        member("hash_status", producer.hashStatus, to: &output)
        member("id", row.id, to: &output)
        raw("input", row.input ?? "null", to: &output)
        member("input_id", row.inputID, to: &output)
        member("model", producer.model, to: &output)
        member("origin", producer.origin, to: &output)
        raw("output", row.output, to: &output)
        member("prompt", producer.prompt, to: &output)
        member("prompt_sha256", producer.promptSHA256, to: &output)
        member("run", row.run, to: &output)
        member("split", split, to: &output)
        member("task", row.task, to: &output)
        output.append(contentsOf: "}\n".utf8)
    }

    private func key(_ name: StaticString, first: Bool, to output: inout [UInt8]) {
        output.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        output.append(contentsOf: "\":".utf8)
    }

    private func member(_ name: StaticString, _ value: String?, first: Bool = false, to output: inout [UInt8]) {
        key(name, first: first, to: &output)
        if let value {
            Self.writeString(value, to: &output)
        } else {
            output.append(contentsOf: "null".utf8)
        }
    }

    private func raw(_ name: StaticString, _ json: String, to output: inout [UInt8]) {
        key(name, first: false, to: &output)
        output.append(contentsOf: json.utf8)
    }

    /// Appends `string` as a JSON string literal, the same bytes as ``JSONWriter/writeString(_:to:)``,
    /// copying it whole when it needs no escape (the common case).
    static func writeString(_ string: String, to output: inout [UInt8]) {
        let plain = string.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: bytes)
            output.append(UInt8(ascii: "\""))
            return true
        }
        if plain != true { JSONWriter.writeString(string, to: &output) }
    }
}
