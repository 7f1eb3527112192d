/// One row of the input batches a store being copied stored whole: a batch's digest, a
/// provenance its records state, and how many state it.
struct CopiedStoredBatch: Sendable, Equatable {
    /// SHA-256 of the batch's bytes.
    var sha256: StoredBatchDigest
    /// The provenance as the records state it, before any prompt is resolved.
    var tuple: ProvenanceTuple
    var records: Int64
}
