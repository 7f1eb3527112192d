import Crypto

/// Recomputes a stored label's content hash from the values the store keeps, to compare with
/// its `content_sha256`: equal for an intact label, different once any of its bytes changed.
///
/// Ingest hashed the record's canonical content (see ``LabelContent``). The store keeps every
/// field of it: the label row holds the task, input id, `created_at` and the canonical JSON
/// of output, input, params and meta; its tuple row the origin, model or annotator, and the
/// prompt's name and version. The prompt's hash is part of the content only as the record
/// stated it: a record that carried `sha256` or `text` has status `recorded` and its hash in
/// the prompt row; any other status (`resolved`, `ambiguous`, `unknown`, `inferred-git`) means
/// the record named only name and version and was hashed without a hash, whatever hash
/// ingest resolved or backfill later placed it under.
///
/// Cheap enough for every row of an export: the columns are read in place, one buffer is
/// reused from row to row, and no JSON is parsed.
struct StoredLabelDigest: ~Copyable {
    private var buffer = ByteBuffer(capacity: 4096)

    /// The producer a record of `tuple` stated when it was hashed, or nil when the tuple lacks
    /// what its origin needs (a model, prompt and hash status; an annotator), which only damage does.
    static func statedProducer(of tuple: ProvenanceTuple) -> LabelRecord.Producer? {
        switch tuple.origin {
        case .llm:
            guard let model = tuple.model, let prompt = tuple.prompt, let status = tuple.hashStatus else { return nil }
            if status == .recorded, prompt.sha256 == nil { return nil }
            let stated = PromptRef(name: prompt.name, version: prompt.version, sha256: status == .recorded ? prompt.sha256 : nil)
            return .llm(model: model, prompt: stated, promptText: nil, hashStatus: status)
        case .human:
            return tuple.annotator.map { .human(annotator: $0) }
        }
    }

    /// SHA-256 of the canonical content of a stored label, from its columns' UTF-8 bytes
    /// (nil for NULL) and its tuple's ``statedProducer(of:)``.
    mutating func digest(
        task: UnsafeRawBufferPointer, inputID: UnsafeRawBufferPointer, output: UnsafeRawBufferPointer,
        input: UnsafeRawBufferPointer?, params: UnsafeRawBufferPointer?, run: UnsafeRawBufferPointer?,
        meta: UnsafeRawBufferPointer?, supersedes: UnsafeRawBufferPointer?, createdAt: Int64, producer: LabelRecord.Producer
    ) -> SHA256.Digest {
        LabelContent.write(
            task: task, inputID: inputID, output: output, input: input, params: params, run: run, meta: meta, supersedes: supersedes,
            createdAt: Timestamp(nanosecondsSinceEpoch: createdAt), producer: producer, to: &buffer)
        return buffer.sha256()
    }
}
