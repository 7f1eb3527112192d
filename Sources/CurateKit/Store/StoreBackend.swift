/// What a store backend does, in model values: the one interface the library's commands
/// (ingest, export, stale, audit, flags, retractions, backfill, show, stats, check) use.
///
/// SQLite (``SQLiteStore``, the embedded default) and PostgreSQL (``PostgresStore``, a
/// team's shared server) each implement it in their own folder; no SQL, statement or
/// dialect detail crosses it. A backend is used from one thread at a time: a stream's reading
/// thread, or an export's read of ``state(throughIngest:)`` while it finishes its files, has it
/// while the caller leaves it alone.
protocol StoreBackend: AnyObject {
    /// The store as a person names it in messages: a file path, or a URL without its password.
    var location: String { get }

    // MARK: Reading

    /// Runs `body` inside one read snapshot: every read it makes sees the store as it was
    /// when the snapshot began, even while another process ingests.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T
    /// Every (task, provenance tuple) that has labels, sorted by tuple.
    func exportCatalog() throws -> [CatalogEntry]
    /// Streams the labels `query` selects to `body`, ordered by (task, input_id, created_at)
    /// in UTF-8 byte order; labels of one input with equal `created_at` in no particular
    /// order. `body` reads each row in place, copying what it keeps.
    func forEachStoredLabel(_ query: LabelQuery, _ body: (any StoredLabelColumns) throws -> Void) throws
    /// The distinct run ids of labels of `tasks` (all tasks when empty), sorted.
    func runs(tasks: [String]) throws -> [String]
    /// Whether some label of `tasks` (all tasks when empty) comes from `run`.
    func hasRun(_ run: String, tasks: [String]) throws -> Bool
    /// Whether a label with record id `id` is stored.
    func hasRecord(id: String) throws -> Bool
    /// How many labels carry run id `run`.
    func labelCount(run: String) throws -> Int
    /// Calls `body` with every stored label's output (canonical JSON), in no particular order.
    func forEachOutput(_ body: (String) throws -> Void) throws
    /// The store's labels as a whole: their count, a digest of their ids, the last ingest.
    /// - Parameter ingest: count only labels of this ingest and earlier ones; nil for all.
    func state(throughIngest ingest: Int64?) throws -> StoreState
    /// The id of the latest ingest; nil before the first.
    func lastIngestID() throws -> Int64?
    /// The label with record id `id`, with its tuple, ingest and retraction; nil when none.
    func labelDetail(id: String) throws -> StoredLabelDetail?
    /// The record ids that start with `prefix`, sorted, at most `limit` of them.
    func labelIDs(prefix: String, limit: Int) throws -> [String]
    /// The record ids of the labels of `task` and `inputID` that supersede label `id`, sorted.
    func labelIDs(superseding id: String, task: String, inputID: String) throws -> [String]
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple.
    func tupleStats() throws -> [TupleStats]
    /// The distinct `params` of each (task, provenance tuple), with how many labels have each.
    func paramSets() throws -> [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])]

    // MARK: Prompts

    /// Label counts and first/last `created_at` per prompt text and hash status, sorted by prompt.
    func promptUsage() throws -> [PromptUsage]
    /// Every LLM label whose prompt hash is `unknown` or `ambiguous`, by prompt version then `created_at`.
    func unplacedLabels() throws -> [UnplacedLabel]
    /// Moves labels to the prompt texts given, all in one write transaction.
    /// - Returns: how many labels moved.
    func reassignPrompts(_ assignments: [PromptAssignment]) throws -> Int
    /// A reader of the hashes the store knows for a version label, for many lookups.
    func knownHashes() throws -> KnownHashes
    /// The template text stored for the prompt text with hash `sha256`; nil when no record carried it.
    func promptText(sha256: String) throws -> String?
    /// The hashes stored under `name`@`version` that start with `prefix`, sorted.
    func promptHashes(name: String, version: String, prefix: String) throws -> [String]

    // MARK: Flags and retractions

    /// Every flag, oldest first.
    func flags() throws -> [LabelFlag]
    /// Adds `flag` unless one of its kind and target exists; returns the stored one.
    func addFlag(_ flag: LabelFlag) throws -> LabelFlag
    /// Removes the flag of `kind` on `target`; whether there was one.
    func removeFlag(kind: FlagKind, target: String) throws -> Bool
    /// Every retraction in the journal, oldest first.
    func retractions() throws -> [Retraction]
    /// How many labels each retraction took out, by retraction id.
    func retractedLabelCounts() throws -> [Int64: Int]
    /// Retracts, in one write transaction, the labels `target` of `kind` names that no
    /// earlier retraction took; writes nothing when there are none.
    func retract(kind: RetractionKind, target: String, reason: String, at time: Timestamp) throws -> RetractionOutcome

    // MARK: Writing and checking

    /// Runs `body` with a writer inside one write transaction: committed when it returns,
    /// rolled back when it throws, so a refused or killed ingest leaves the store as it was.
    func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (any LabelBatchWriter) throws -> T) throws -> T
    /// Checks the whole store for damage, in one read snapshot.
    func check() throws -> StoreCheckReport

    // MARK: Copying

    /// Runs `body` with the store's whole contents, every part read from one snapshot.
    func readContents<T>(_ body: (any StoreContents) throws -> T) throws -> T
    /// Writes `contents` into this store, ids kept, in one write transaction.
    /// - Throws: ``StoreCopyError/targetNotEmpty(store:tables:)``, before writing anything,
    ///   when the store holds any row.
    func writeContents(_ contents: any StoreContents) throws -> StoreCopyCounts
}

/// The current row of a label query, read in place: valid only during the call it is passed to.
protocol StoredLabelColumns {
    /// `created_at`, in nanoseconds since the epoch.
    func createdAt() throws -> Int64
    /// The label's provenance tuple id.
    func tupleID() throws -> Int64
    /// The retraction that took the label out; nil when none did, or the query does not read retractions.
    func retraction() throws -> Int64?
    /// Calls `body` with a text's bytes, in place; nil for NULL.
    func withText<R>(_ text: StoredLabel.Text, _ body: (UnsafeRawBufferPointer?) throws -> R) throws -> R
    /// Calls `body` with the stored content hash, in place.
    func withContentSHA256<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R
}

/// Adds labels inside one ingest's write transaction, a batch at a time: records are queued,
/// then stored together.
protocol LabelBatchWriter: AnyObject {
    /// The ingest's id in the ingest log: what `curate retract ingest` names.
    var ingestID: Int64 { get }
    /// Numbers for the provenance of the records added, shared with whoever parses them.
    var provenanceNumbers: ProvenanceNumbers { get }
    /// How many prompt rows (name, version, hash) this ingest has added so far.
    var promptRowsAdded: Int { get }
    /// The digest of every input batch stored whole, by this ingest and earlier ones.
    var storedBatchDigests: Set<StoredBatchDigest> { get }
    /// The task and input id of the stored label with record id `id`; nil when there is none.
    func storedInput(ofRecord id: String) throws -> (task: String, inputID: String)?
    /// Queues `record`, whose id key (``RecordIDKey``) and provenance number the caller has
    /// worked out already, for ``storeQueued()``.
    func queue(_ record: LabelRecord, key: Int64, provenance: Int) throws
    /// Stores the queued records, each unless its id is stored already.
    /// - Returns: each queued record's outcome and provenance number, in order.
    func storeQueued() throws -> [(outcome: InsertOutcome, provenance: Int)]
    /// The provenance the records of stored batch `digest` state, with how many state each.
    /// - Parameter lines: the batch's lines, which its records must add up to.
    func storedBatchProvenance(of digest: StoredBatchDigest, lines: Int) throws -> [(tuple: ProvenanceTuple, records: Int)]
    /// Records batch `digest` as stored whole, its records stating `provenance`.
    func addStoredBatch(_ digest: StoredBatchDigest, provenance: [(tuple: ProvenanceTuple, records: Int)]) throws
}

/// The SHA-256 of an input batch's bytes.
typealias StoredBatchDigest = [UInt8]

/// The hashes a store knows under each version label, read through one prepared lookup.
struct KnownHashes {
    /// The hashes stored under `version`, sorted.
    let of: (PromptVersion) throws -> [String]
}

extension StoreBackend {
    /// The store's labels as a whole (see ``state(throughIngest:)``), every label counted.
    func state() throws -> StoreState { try state(throughIngest: nil) }
}

extension LabelBatchWriter {
    /// Stores `record` unless its id is already there.
    /// - Returns: whether it was new, a duplicate of what is stored, or a conflict with it.
    func add(_ record: LabelRecord) throws -> InsertOutcome {
        try queue(record, key: RecordIDKey.of(record.id), provenance: provenanceNumbers.number(for: ProvenanceTuple(of: record)))
        return try storeQueued()[0].outcome
    }
}
