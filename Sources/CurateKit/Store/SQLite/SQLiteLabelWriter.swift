/// Adds labels inside an ingest transaction: a batch at a time, each batch stored by one
/// statement (see ``PendingLabels``), with every per-label statement prepared once.
final class SQLiteLabelWriter: LabelBatchWriter {
    private let connection: SQLiteConnection
    private let findLabel: Statement
    private let findCollidedLabel: Statement
    private let findInputOfLabel: Statement
    /// The queued labels stored already (not `collided`), in one statement.
    private let findQueuedLabels: Statement
    private let pending: PendingLabels
    /// The provenance number of each queued label.
    private var queuedProvenance: [Int] = []
    private let provenanceRows: ProvenanceRows
    /// The ingest's id in the ingest log: what `curate retract ingest` names.
    let ingestID: Int64
    /// Numbers for the provenance of the records added, shared with whoever parses them.
    let provenanceNumbers = ProvenanceNumbers()
    /// The input batches stored whole, by this ingest and earlier ones.
    private let storedBatches: StoredBatches
    /// What this ingest added per provenance number, for `tuple_labels`.
    private var added: [TupleLabels?] = []
    /// Whether most labels of the last batch were stored already: then most of the next
    /// batch probably are too (a file ingested again), and the batch is looked up first,
    /// in one statement, rather than inserted and then looked up label by label.
    private var lastBatchWasStored = false

    init(connection: SQLiteConnection, ingestID: Int64) throws(StoreError) {
        self.connection = connection
        self.ingestID = ingestID
        findLabel = try connection.prepare("SELECT seq, content_sha256 FROM labels WHERE id_key = ?2 AND collided = 0 AND id = ?1")
        findCollidedLabel = try connection.prepare("SELECT seq, content_sha256 FROM labels WHERE id_key = ?2 AND collided = 1 AND id = ?1")
        findInputOfLabel = try connection.prepare("""
            SELECT task, input_id FROM labels WHERE id_key = ?2 AND collided = 0 AND id = ?1
            UNION ALL SELECT task, input_id FROM labels WHERE id_key = ?2 AND collided = 1 AND id = ?1
            """)
        pending = try PendingLabels(connection: connection, ingestID: ingestID)
        findQueuedLabels = try connection.prepare("""
            SELECT queued.rowid, stored.content_sha256 FROM curate_pending_labels AS queued CROSS JOIN labels AS stored
            WHERE stored.id_key = queued.id_key AND stored.collided = 0 AND stored.id = queued.id
            """)
        provenanceRows = try ProvenanceRows(connection: connection)
        storedBatches = try StoredBatches(connection: connection)
    }

    /// The task and input id of the stored label with record id `id`; nil when there is none.
    func storedInput(ofRecord id: String) throws -> (task: String, inputID: String)? {
        defer { findInputOfLabel.reset() }
        findInputOfLabel.bind([.text(id), .integer(RecordIDKey.of(id))])
        guard try findInputOfLabel.step() else { return nil }
        let place = Statement.RowPlace(table: "labels") { "row id \(id)" }
        return (try findInputOfLabel.text(0, of: place), try findInputOfLabel.text(1, of: place))
    }

    /// How many prompt rows (name, version, hash) this ingest has added to the store so far.
    var promptRowsAdded: Int { provenanceRows.promptRowsAdded }

    var storedBatchDigests: Set<StoredBatchDigest> { storedBatches.digests }

    func storedBatchProvenance(of digest: StoredBatchDigest, lines: Int) throws -> [(tuple: ProvenanceTuple, records: Int)] {
        try storedBatches.provenance(of: digest, lines: lines)
    }

    func addStoredBatch(_ digest: StoredBatchDigest, provenance: [(tuple: ProvenanceTuple, records: Int)]) throws {
        try storedBatches.add(digest, provenance: provenance)
    }

    /// Queues `record`, whose id `key` (``idKey(_:)``) and provenance number (from
    /// ``provenanceNumbers``) the caller has worked out already, for ``storeQueued()``.
    /// Its tuple row (and prompt row) is found or made now.
    func queue(_ record: LabelRecord, key: Int64, provenance: Int) throws {
        let tupleID = try provenanceRows.tupleID(for: record.producer, number: provenance)
        pending.append(record, key: key, tupleID: tupleID)
        queuedProvenance.append(provenance)
        added.extend(toInclude: provenance, with: nil)
        if added[provenance] == nil { added[provenance] = TupleLabels(task: record.task, tupleID: tupleID) }
    }

    /// Stores each queued label unless its id is stored already (by an earlier label of
    /// the batch too), in the order they were queued, and empties the queue.
    ///
    /// A label is stored when no label that is not `collided` has its id key; otherwise its
    /// id is looked up, and a different id with the same key is stored as `collided`. A
    /// label is new exactly when its key is free because labels are never deleted and keys
    /// never change: a key once taken stays taken, so an id stored as `collided` earlier
    /// always finds its key taken.
    /// - Returns: each queued label's outcome and provenance number, in queue order.
    func storeQueued() throws -> [(outcome: InsertOutcome, provenance: Int)] {
        defer {
            pending.removeAll()
            queuedProvenance.removeAll(keepingCapacity: true)
        }
        var outcomes = [InsertOutcome?](repeating: nil, count: pending.count)
        var toInsert = Array(0..<pending.count)
        if lastBatchWasStored {
            try pending.query(toInsert, findQueuedLabels) { index, row in
                outcomes[index] = row.withBlob(1) { pending.hasContent(index, equalTo: $0) } ? .duplicate : .conflict
            }
            toInsert.removeAll { outcomes[$0] != nil }
        }
        try store(toInsert, into: &outcomes)
        let decided = outcomes.map { outcome in
            guard let outcome else { preconditionFailure("a queued label was neither stored nor found") }
            return outcome
        }
        var stored = 0
        for (index, outcome) in decided.enumerated() {
            if outcome == .inserted {
                added[queuedProvenance[index]]?.count(pending.createdAt(of: index))
            } else {
                stored += 1
            }
        }
        lastBatchWasStored = stored * 2 > decided.count
        return zip(decided, queuedProvenance).map { ($0, $1) }
    }

    /// Inserts the queued labels at `indices` in one statement, in the export index's order
    /// when their ids differ (else in queue order, so that of two labels with one id the
    /// first queued is the one stored). When some were not inserted, each is looked up to tell
    /// which: the ones inserted took consecutive `seq` numbers, in order.
    private func store(_ indices: [Int], into outcomes: inout [InsertOutcome?]) throws {
        guard !indices.isEmpty else { return }
        let keys = Set(indices.lazy.map { self.pending.idKey(of: $0) })
        let indices = keys.count == indices.count ? pending.exportOrder(indices) : indices
        let inserted = try pending.insert(indices, collided: false)
        if inserted == indices.count {
            for index in indices { outcomes[index] = .inserted }
            return
        }
        // The connection's last insert row id is the batch's last only when it inserted one.
        var unclaimed = inserted
        var nextSeq = connection.lastInsertRowID - Int64(inserted) + 1
        for index in indices {
            guard let found = try find(index, findLabel) else {
                outcomes[index] = try storeCollided(index)
                continue
            }
            if unclaimed > 0, found.seq == nextSeq {
                unclaimed -= 1
                nextSeq += 1
                outcomes[index] = .inserted
            } else {
                outcomes[index] = found.sameContent ? .duplicate : .conflict
            }
        }
    }

    /// For queued label `index`, whose id no label that is not `collided` has: its outcome
    /// as a `collided` label, stored now unless its id is stored so already.
    private func storeCollided(_ index: Int) throws -> InsertOutcome {
        if let found = try find(index, findCollidedLabel) { return found.sameContent ? .duplicate : .conflict }
        guard try pending.insert([index], collided: true) == 1 else {
            throw StoreError.inconsistent(path: connection.path, reason: "a label was neither stored nor found (id key \(pending.idKey(of: index)))")
        }
        return .inserted
    }

    /// The stored label `statement` finds with queued label `index`'s id: its `seq`, and
    /// whether its content is the queued label's.
    private func find(_ index: Int, _ statement: Statement) throws -> (seq: Int64, sameContent: Bool)? {
        try pending.bindingID(of: index, to: statement, parameter: 1) {
            defer { statement.reset() }
            statement.bind(2, pending.idKey(of: index))
            guard try statement.step() else { return nil }
            let sameContent = statement.withBlob(1) { pending.hasContent(index, equalTo: $0) }
            return (statement.int64(0) ?? 0, sameContent)
        }
    }

    /// Adds what this ingest stored to `tuple_labels`; the ingest calls it once, before committing.
    func storeTupleCounts() throws {
        var byTuple: [TupleLabels.Key: TupleLabels] = [:]
        for case let counts? in added where counts.labels > 0 {  // a tuple queued for duplicates only has none
            byTuple[counts.key, default: TupleLabels(task: counts.task, tupleID: counts.tupleID)].merge(counts)
        }
        let upsert = try connection.prepare("""
            INSERT INTO tuple_labels (task, tuple_id, labels, first_created_at, last_created_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (task, tuple_id) DO UPDATE SET labels = labels + excluded.labels,
                first_created_at = min(first_created_at, excluded.first_created_at),
                last_created_at = max(last_created_at, excluded.last_created_at)
            """)
        for counts in byTuple.values {
            try upsert.run([.text(counts.task), .integer(counts.tupleID), .integer(Int64(counts.labels)), .integer(counts.first), .integer(counts.last)])
        }
        added.removeAll()
    }

}

/// How many labels of one task and tuple an ingest added, and the span of their `created_at`.
private struct TupleLabels {
    struct Key: Hashable {
        let task: String
        let tupleID: Int64
    }

    let task: String
    let tupleID: Int64
    private(set) var labels = 0
    private(set) var first = Int64.max
    private(set) var last = Int64.min

    init(task: String, tupleID: Int64) {
        self.task = task
        self.tupleID = tupleID
    }

    var key: Key { Key(task: task, tupleID: tupleID) }

    mutating func count(_ createdAt: Int64) {
        labels += 1
        first = min(first, createdAt)
        last = max(last, createdAt)
    }

    mutating func merge(_ other: TupleLabels) {
        labels += other.labels
        first = min(first, other.first)
        last = max(last, other.last)
    }
}
