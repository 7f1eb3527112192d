/// The canonical content of a label, the bytes its content hash covers: a JSON object with
/// sorted keys holding every field but `id`, `created_at` in UTC, `origin` always present, and
/// the prompt as name, version and hash as the record stated it.
///
/// Written by this one function both from a parsed record (``RecordIdentity``) and from a
/// stored label's columns (``StoredLabelDigest``), so the two can never disagree.
enum LabelContent {
    /// Replaces `bytes` with the canonical content of the label whose fields are given.
    ///
    /// The JSON payloads (`output`, `input`, `params`, `meta`) are canonical JSON already, and are
    /// copied as they are; `task`, `inputID`, `run`, `supersedes` and the producer's strings are written as
    /// JSON strings. `bytes` keeps its storage, so a caller that reuses it allocates nothing.
    static func write<Text: ContentText>(
        task: Text, inputID: Text, output: Text, input: Text?, params: Text?, run: Text?, meta: Text?, supersedes: Text?,
        createdAt: Timestamp, producer: LabelRecord.Producer, to bytes: inout ByteBuffer
    ) {
        bytes.removeAll()
        var writer = SortedObjectWriter(bytes: bytes)  // the writer takes the buffer, and gives it back at the end
        writer.beginObject()
        if case .human(let annotator) = producer {
            writer.string(#""annotator":"#, annotator)
        }
        writer.key(#""created_at":"#)
        writer.bytes.append(UInt8(ascii: "\""))
        createdAt.withRFC3339 { writer.bytes.append($0) }  // digits and separators: nothing to escape
        writer.bytes.append(UInt8(ascii: "\""))
        writer.raw(#""input":"#, input)
        writer.string(#""input_id":"#, inputID)
        writer.raw(#""meta":"#, meta)
        if case .llm(let model, _, _, _) = producer {
            writer.string(#""model":"#, model)
        }
        let origin: Origin = if case .human = producer { .human } else { .llm }
        writer.string(#""origin":"#, origin.rawValue)
        writer.raw(#""output":"#, output)
        writer.raw(#""params":"#, params)
        if case .llm(_, let prompt, _, _) = producer {
            writer.key(#""prompt":"#)
            writer.beginObject()
            writer.string(#""name":"#, prompt.name)
            writer.string(#""sha256":"#, prompt.sha256)
            writer.string(#""version":"#, prompt.version)
            writer.endObject()
        }
        writer.string(#""run":"#, run)
        writer.string(#""supersedes":"#, supersedes)
        writer.string(#""task":"#, task)
        writer.endObject()
        bytes = writer.finish()
    }
}

/// A field's UTF-8 text for ``LabelContent``: a `String`, or bytes read in place from the store.
protocol ContentText {
    /// Calls `body` with the text's UTF-8 bytes.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}

extension String: ContentText {
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = self  // withUTF8 may make a non-contiguous string contiguous
        return text.withUTF8(body)
    }
}

extension UnsafeRawBufferPointer: ContentText {
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(assumingMemoryBound(to: UInt8.self))
    }
}

/// Writes a JSON object whose members (and those of nested objects) the caller supplies in sorted key order.
private struct SortedObjectWriter: ~Copyable {
    var bytes: ByteBuffer
    private var isEmpty = true

    init(bytes: consuming ByteBuffer) {
        self.bytes = bytes
    }

    /// The buffer, with the object written.
    consuming func finish() -> ByteBuffer {
        bytes
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

    mutating func raw(_ key: StaticString, _ canonicalJSON: (some ContentText)?) {
        guard let canonicalJSON else { return }
        self.key(key)
        canonicalJSON.withUTF8Bytes { bytes.append($0) }
    }

    mutating func string(_ key: StaticString, _ value: (some ContentText)?) {
        guard let value else { return }
        self.key(key)
        value.withUTF8Bytes { JSONWriter.writeStringBytes($0, to: &bytes) }
    }

    /// Writes a member's key, given as `"key":` (plain ASCII, nothing to escape), after a comma if needed.
    mutating func key(_ quotedKey: StaticString) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes.append(quotedKey)
    }
}
