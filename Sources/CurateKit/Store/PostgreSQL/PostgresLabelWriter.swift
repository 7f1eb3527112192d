/// Adds labels to a PostgreSQL store inside an ingest's write transaction, a batch at a
/// time: the twin of SQLite's ``SQLiteLabelWriter``, giving the same outcomes and rows.
///
/// Each queued record's prompt and tuple rows are found or made as it is queued
/// (``PostgresProvenanceRows``); a batch is stored by ``PostgresLabelLoader``, which tells
/// new labels from duplicates and conflicts, earlier in the batch or stored before.
final class PostgresLabelWriter: LabelBatchWriter {
    private let connection: PostgresConnection
    private let loader: PostgresLabelLoader
    private let provenanceRows: PostgresProvenanceRows
    private let storedBatches: PostgresStoredBatches
    /// The queued labels, in queue order.
    private var queued: [PostgresLabelRow] = []
    /// The provenance number of each queued label.
    private var queuedProvenance: [Int] = []
    /// The ingest's id in the ingest log: what `curate retract ingest` names.
    let ingestID: Int64
    /// Numbers for the provenance of the records added, shared with whoever parses them.
    let provenanceNumbers = ProvenanceNumbers()

    /// A writer for ingest `ingestID`, inside a write transaction of `connection`.
    init(connection: PostgresConnection, ingestID: Int64) throws {
        self.connection = connection
        self.ingestID = ingestID
        loader = PostgresLabelLoader(connection: connection)
        provenanceRows = PostgresProvenanceRows(connection: connection)
        storedBatches = try PostgresStoredBatches(connection: connection)
    }

    /// How many prompt rows (name, version, hash) this ingest has added to the store so far.
    var promptRowsAdded: Int { provenanceRows.promptRowsAdded }

    /// The digest of every input batch stored whole, by this ingest and earlier ones.
    var storedBatchDigests: Set<StoredBatchDigest> { storedBatches.digests }

    /// The task and input id of the stored label with record id `id`; nil when there is none.
    func storedInput(ofRecord id: String) throws -> (task: String, inputID: String)? {
        guard let row = try connection.query("SELECT task, input_id FROM labels WHERE id = $1", [id]).first else { return nil }
        guard row.count == 2, let task = row[0], let inputID = row[1] else {
            let column = row.first == nil || row[0] == nil ? "task" : "input_id"
            throw PostgresError.badValue(store: connection.url, table: "labels", row: "row id \(id)", column: column, value: "NULL")
        }
        return (task, inputID)
    }

    /// Queues `record` for ``storeQueued()``; its tuple row (and prompt row) is found or made now.
    /// - Parameters:
    ///   - key: the record's id key (``RecordIDKey``): SQLite's lookup key, which this store,
    ///     keyed by the id itself, does not need.
    ///   - provenance: the record's provenance number, from ``provenanceNumbers``.
    /// - Throws: ``PostgresError/nulCharacter(store:field:)`` for a producer's text holding
    ///   U+0000 (the label's own texts are checked as the batch is stored), or the server's error.
    func queue(_ record: LabelRecord, key: Int64, provenance: Int) throws {
        try Self.checkProducer(of: record, store: connection.url)
        let tupleID = try provenanceRows.tupleID(for: record.producer, number: provenance)
        queued.append(PostgresLabelRow(record, tupleID: tupleID, ingestID: ingestID))
        queuedProvenance.append(provenance)
    }

    /// Stores each queued label unless its id is stored already (by an earlier label of
    /// the batch too), and empties the queue.
    /// - Returns: each queued label's outcome and provenance number, in queue order.
    func storeQueued() throws -> [(outcome: InsertOutcome, provenance: Int)] {
        defer {
            queued.removeAll(keepingCapacity: true)
            queuedProvenance.removeAll(keepingCapacity: true)
        }
        return zip(try loader.load(queued), queuedProvenance).map { ($0, $1) }
    }

    /// The provenance the records of stored batch `digest` state, with how many state each.
    func storedBatchProvenance(of digest: StoredBatchDigest, lines: Int) throws -> [(tuple: ProvenanceTuple, records: Int)] {
        try storedBatches.provenance(of: digest, lines: lines)
    }

    /// Records batch `digest` as stored whole, its records stating `provenance`.
    func addStoredBatch(_ digest: StoredBatchDigest, provenance: [(tuple: ProvenanceTuple, records: Int)]) throws {
        try storedBatches.add(digest, provenance: provenance)
    }

    /// Adds what this ingest stored to `tuple_labels`; the ingest calls it once, before committing.
    func storeTupleCounts() throws {
        try loader.storeTupleCounts()
    }

    /// Throws when a text of `record`'s producer holds U+0000, naming the record and field,
    /// before any of its rows is looked up with it.
    private static func checkProducer(of record: LabelRecord, store: PostgresURL) throws(PostgresError) {
        let texts: [(String, String?)] = switch record.producer {
        case .llm(let model, let prompt, let text, _):
            [("model", model), ("prompt.name", prompt.name), ("prompt.version", prompt.version), ("prompt.text", text)]
        case .human(let annotator):
            [("annotator", annotator)]
        }
        if let (field, _) = texts.first(where: { $0.1?.utf8.contains(0) == true }) {
            throw .nulCharacter(store: store, field: "label \(record.id), field \(field)")
        }
    }
}
