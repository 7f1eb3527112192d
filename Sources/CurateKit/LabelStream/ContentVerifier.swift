/// Re-hashes every label a selection reads and compares it with the content hash stored when
/// it was ingested, so a label whose bytes changed inside the store file stops `export`,
/// `stale` and `audit` (exit 3) instead of reaching a training set.
///
/// It reads each label's bytes in place: one SHA-256 of its canonical content per label, on
/// the thread that consumes the labels or, while that one is behind, on the one reading them
/// (see ``RowPrefetcher``), each thread with its own verifier.
struct ContentVerifier: ~Copyable {
    private let producers: [Int64: LabelRecord.Producer]
    private let storePath: String
    private var digest = StoredLabelDigest()

    /// A verifier for labels of `tuples` (by id) read from the store at `storePath`.
    init(tuples: [Int64: ProvenanceTuple], storePath: String) {
        producers = tuples.compactMapValues(StoredLabelDigest.statedProducer(of:))
        self.storePath = storePath
    }

    /// Checks one label's columns (UTF-8 bytes, nil for NULL) against `stored`, its `content_sha256`.
    /// - Throws: ``StoreError/contentChanged(path:labelID:)`` when they differ, or
    ///   ``StoreError/badValue(path:table:row:column:value:)`` when a value every label has is missing.
    mutating func verify(
        id: UnsafeRawBufferPointer?, task: UnsafeRawBufferPointer?, inputID: UnsafeRawBufferPointer?,
        output: UnsafeRawBufferPointer?, input: UnsafeRawBufferPointer?, params: UnsafeRawBufferPointer?,
        run: UnsafeRawBufferPointer?, meta: UnsafeRawBufferPointer?, supersedes: UnsafeRawBufferPointer?,
        createdAt: Int64, tupleID: Int64, stored: UnsafeRawBufferPointer
    ) throws(StoreError) {
        guard let id else { throw .badValue(path: storePath, table: "labels", row: "a row", column: "id", value: "NULL") }
        var labelID: String { String(decoding: id, as: UTF8.self) }  // made only for an error
        guard let producer = producers[tupleID] else {
            throw .badValue(path: storePath, table: "labels", row: "row id \(labelID)", column: "tuple_id", value: String(tupleID))
        }
        guard let task, let inputID, let output else {
            throw .badValue(path: storePath, table: "labels", row: "row id \(labelID)", column: "task, input_id or output", value: "NULL")
        }
        let computed = digest.digest(
            task: task, inputID: inputID, output: output, input: input, params: params, run: run, meta: meta,
            supersedes: supersedes, createdAt: createdAt, producer: producer)
        guard computed.withUnsafeBytes({ $0.sameBytes(as: stored) }) else {
            throw .contentChanged(path: storePath, labelID: labelID)
        }
    }

    /// The label from its verified texts.
    /// - Throws: ``StoreError/badValue(path:table:row:column:value:)`` when a text every label has is NULL.
    func label(
        text: (StoredLabel.Text) -> String?, createdAt: Int64, tupleID: Int64, withParams: Bool, withInput: Bool, retraction: Int64?
    ) throws(StoreError) -> StoredLabel {
        guard let label = StoredLabel(
            text: text, createdAt: createdAt, tupleID: tupleID, withParams: withParams, withInput: withInput, retraction: retraction)
        else {
            throw .badValue(path: storePath, table: "labels", row: "row id \(text(.id) ?? "NULL")", column: "task, input_id, id or output", value: "NULL")
        }
        return label
    }
}
