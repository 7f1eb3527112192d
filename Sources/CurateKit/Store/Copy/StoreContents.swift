/// A store's whole contents in model values, read from one snapshot of the store being copied
/// (``StoreBackend/readContents(_:)``), for another backend to write into an empty store
/// (``StoreBackend/writeContents(_:)``).
///
/// Every row keeps the id it has in the source (ingests, prompts, tuples, labels' storing
/// order `seq`, flags, retractions), so `curate retract ingest N`, a retraction's number and a
/// manifest's `store.last_ingest` name the same things on both sides. A writer reads the parts
/// in the order declared here, each row's references before the row. Each part may be read
/// more than once (a write transaction retried whole reads it again), always from the same
/// snapshot; labels and retracted labels are streamed a row at a time, so memory stays flat.
protocol StoreContents {
    /// Every ingest, by id.
    func ingests() throws -> [CopiedIngest]
    /// Every prompt row (name, version, hash, text), by id.
    func prompts() throws -> [CopiedPrompt]
    /// Every provenance tuple row, by id.
    func tuples() throws -> [CopiedTuple]
    /// Calls `body` with every label, in storing order (`seq`).
    func forEachLabel(_ body: (CopiedLabel) throws -> Void) throws
    /// The label count and `created_at` span kept per task and tuple, as stored (not recomputed).
    func tupleCounts() throws -> [CopiedTupleCount]
    /// Every flag, by id.
    func flags() throws -> [CopiedFlag]
    /// Every retraction in the journal, by id.
    func retractions() throws -> [Retraction]
    /// Calls `body` with every retracted label and the retraction that took it, in storing order.
    func forEachRetractedLabel(_ body: (CopiedRetractedLabel) throws -> Void) throws
    /// Every row of the input batches stored whole, in storing order.
    func storedBatches() throws -> [CopiedStoredBatch]
}
