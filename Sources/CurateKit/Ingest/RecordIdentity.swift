import Crypto

/// The canonical content of a record and its digest.
///
/// The canonical form is a JSON object with sorted keys holding every field but
/// `id`, after normalization: `created_at` in UTC, `origin` always present, and
/// the prompt as name, version and hash (a template sent as `text` counts as its
/// hash). So the same label sent twice, in any key order or time zone, has one id.
public enum RecordIdentity {
    /// SHA-256 of the canonical content of `record`.
    public static func contentDigest(of record: LabelRecord) -> [UInt8] {
        SHA256.hash(data: canonicalContent(of: record)).withUnsafeBytes { Array($0) }
    }

    /// The canonical content bytes that ``contentDigest(of:)`` hashes.
    public static func canonicalContent(of record: LabelRecord) -> [UInt8] {
        var writer = SortedObjectWriter(capacity: 1024)
        if case .human(let annotator) = record.producer {
            writer.string("annotator", annotator)
        }
        writer.key("created_at")
        writer.bytes.append(UInt8(ascii: "\""))
        record.createdAt.appendRFC3339(to: &writer.bytes)  // digits and separators: nothing to escape
        writer.bytes.append(UInt8(ascii: "\""))
        writer.raw("input", record.input)
        writer.string("input_id", record.inputID)
        writer.raw("meta", record.meta)
        if case .llm(let model, _, _, _) = record.producer {
            writer.string("model", model)
        }
        writer.string("origin", record.origin.rawValue)
        writer.raw("output", record.output)
        writer.raw("params", record.params)
        if case .llm(_, let prompt, _, _) = record.producer {
            writer.key("prompt")
            writer.beginObject()
            writer.string("name", prompt.name)
            writer.string("sha256", prompt.sha256)
            writer.string("version", prompt.version)
            writer.endObject()
        }
        writer.string("run", record.run)
        writer.string("task", record.task)
        return writer.finish()
    }
}

/// Writes a JSON object whose members (and those of nested objects) the caller supplies in sorted key order.
private struct SortedObjectWriter {
    var bytes: [UInt8]
    private var isEmpty = true

    init(capacity: Int) {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(capacity)
    }

    /// Opens a nested object as the value of the key just written; its members follow in key order.
    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        isEmpty = true
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        isEmpty = false
    }

    mutating func raw(_ key: StaticString, _ canonicalJSON: String?) {
        guard var canonicalJSON else { return }
        self.key(key)
        canonicalJSON.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ key: StaticString, _ value: String?) {
        guard var value else { return }
        self.key(key)
        value.withUTF8 { JSONWriter.writeStringBytes($0, to: &bytes) }
    }

    /// Writes `"key":`; keys here are plain ASCII with nothing to escape.
    mutating func key(_ key: StaticString) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
