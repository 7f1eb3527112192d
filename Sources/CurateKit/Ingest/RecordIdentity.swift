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
        var content: [UInt8] = []
        return contentDigest(of: record, buffer: &content)
    }

    /// SHA-256 of the canonical content of `record`, written into `buffer` (reused from call to call).
    static func contentDigest(of record: LabelRecord, buffer: inout [UInt8]) -> [UInt8] {
        writeCanonicalContent(of: record, to: &buffer)
        return SHA256.hash(data: buffer).withUnsafeBytes { Array($0) }
    }

    /// The canonical content bytes that ``contentDigest(of:)`` hashes.
    public static func canonicalContent(of record: LabelRecord) -> [UInt8] {
        var content: [UInt8] = []
        writeCanonicalContent(of: record, to: &content)
        return content
    }

    /// Replaces `bytes` with the canonical content of `record`.
    private static func writeCanonicalContent(of record: LabelRecord, to bytes: inout [UInt8]) {
        var writer = SortedObjectWriter()
        swap(&writer.bytes, &bytes)  // the writer borrows the buffer, and its capacity
        defer { swap(&writer.bytes, &bytes) }
        writer.bytes.removeAll(keepingCapacity: true)
        writer.beginObject()
        if case .human(let annotator) = record.producer {
            writer.string(#""annotator":"#, annotator)
        }
        writer.key(#""created_at":"#)
        writer.append(UInt8(ascii: "\""))
        record.createdAt.appendRFC3339(to: &writer.bytes)  // digits and separators: nothing to escape
        writer.append(UInt8(ascii: "\""))
        writer.raw(#""input":"#, record.input)
        writer.string(#""input_id":"#, record.inputID)
        writer.raw(#""meta":"#, record.meta)
        if case .llm(let model, _, _, _) = record.producer {
            writer.string(#""model":"#, model)
        }
        writer.string(#""origin":"#, record.origin.rawValue)
        writer.raw(#""output":"#, record.output)
        writer.raw(#""params":"#, record.params)
        if case .llm(_, let prompt, _, _) = record.producer {
            writer.key(#""prompt":"#)
            writer.beginObject()
            writer.string(#""name":"#, prompt.name)
            writer.string(#""sha256":"#, prompt.sha256)
            writer.string(#""version":"#, prompt.version)
            writer.endObject()
        }
        writer.string(#""run":"#, record.run)
        writer.string(#""supersedes":"#, record.supersedes)
        writer.string(#""task":"#, record.task)
        writer.endObject()
    }
}

/// Writes a JSON object whose members (and those of nested objects) the caller supplies in sorted key order.
private struct SortedObjectWriter {
    var bytes: [UInt8] = []
    private var isEmpty = true

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
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

    /// Writes a member's key, given as `"key":` (plain ASCII, nothing to escape), after a comma if needed.
    mutating func key(_ quotedKey: StaticString) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes.append(contentsOf: UnsafeBufferPointer(start: quotedKey.utf8Start, count: quotedKey.utf8CodeUnitCount))
    }
}
