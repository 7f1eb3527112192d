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
        var content = ByteBuffer()
        return contentDigest(of: record, buffer: &content)
    }

    /// SHA-256 of the canonical content of `record`, written into `buffer` (reused from call to call).
    static func contentDigest(of record: LabelRecord, buffer: inout ByteBuffer) -> [UInt8] {
        writeCanonicalContent(of: record, to: &buffer)
        return buffer.sha256().withUnsafeBytes { Array($0) }
    }

    /// The canonical content bytes that ``contentDigest(of:)`` hashes.
    public static func canonicalContent(of record: LabelRecord) -> [UInt8] {
        var content = ByteBuffer()
        writeCanonicalContent(of: record, to: &content)
        return content.withUnsafeBytes { Array($0) }
    }

    /// Replaces `bytes` with the canonical content of `record`.
    private static func writeCanonicalContent(of record: LabelRecord, to bytes: inout ByteBuffer) {
        LabelContent.write(
            task: record.task, inputID: record.inputID, output: record.output, input: record.input,
            params: record.params, run: record.run, meta: record.meta, supersedes: record.supersedes, createdAt: record.createdAt,
            producer: record.producer, to: &bytes)
    }
}
