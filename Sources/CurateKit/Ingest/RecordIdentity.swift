import Crypto
import Foundation

/// The canonical content of a record and its digest.
///
/// The canonical form is a JSON object with sorted keys holding every field but
/// `id`, after normalization: `created_at` in UTC, `origin` always present, and
/// the prompt as name, version and hash (a template sent as `text` counts as its
/// hash). So the same label sent twice, in any key order or time zone, has one id.
public enum RecordIdentity {
    /// SHA-256 of the canonical content of `record`.
    public static func contentDigest(of record: LabelRecord) -> [UInt8] {
        Array(SHA256.hash(data: canonicalContent(of: record)))
    }

    /// The canonical content bytes that ``contentDigest(of:)`` hashes.
    public static func canonicalContent(of record: LabelRecord) -> [UInt8] {
        var writer = SortedObjectWriter(capacity: 1024)
        switch record.producer {
        case .human(let annotator):
            writer.string("annotator", annotator)
        case .llm:
            break
        }
        writer.string("created_at", record.createdAt.rfc3339)
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
            var promptObject = SortedObjectWriter()
            promptObject.string("name", prompt.name)
            promptObject.string("sha256", prompt.sha256)
            promptObject.string("version", prompt.version)
            writer.raw("prompt", promptObject.finish())
        }
        writer.string("run", record.run)
        writer.string("task", record.task)
        return writer.finish()
    }
}

/// Writes a JSON object whose members the caller supplies in sorted key order.
private struct SortedObjectWriter {
    private var bytes: [UInt8]

    init(capacity: Int = 256) {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ key: String, _ canonicalJSON: String?) {
        guard let canonicalJSON else { return }
        writeKey(key)
        JSONWriter.writeRaw(canonicalJSON, to: &bytes)
    }

    mutating func raw(_ key: String, _ canonicalJSON: [UInt8]) {
        writeKey(key)
        bytes.append(contentsOf: canonicalJSON)
    }

    mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        writeKey(key)
        JSONWriter.writeString(value, to: &bytes)
    }

    private mutating func writeKey(_ key: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        JSONWriter.writeString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
