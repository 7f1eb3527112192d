/// Adds labels inside an ingest transaction: a batch at a time, each batch stored by one
/// statement (see ``PendingLabels``), with every per-label statement prepared once.
final class SQLiteLabelWriter: LabelBatchWriter {
    private let connection: SQLiteConnection
    /// The content of the label stored as `seq` ?2, when its id is ?1.
    private let findStoredContent: Statement
    /// For each queued label whose id key `label_keys` holds: whether the label there has
    /// its id, and that label's content. One statement for a batch.
    private let findQueuedKeys: Statement
    private let findCollidedLabel: Statement
    private let findInputOfLabel: Statement
    private let findInputOfCollidedLabel: Statement
    private let pending: PendingLabels
    /// Which stored label has each id key.
    private let keys: LabelKeys
    /// The provenance number of each queued label.
    private var queuedProvenance: [Int] = []
    /// The queued labels of the batch being stored that are new, by id key.
    private var newInBatch: [Int64: Int] = [:]
    private let provenanceRows: ProvenanceRows
    /// The ingest's id in the ingest log: what `curate retract ingest` names.
    let ingestID: Int64
    /// Numbers for the provenance of the records added, shared with whoever parses them.
    let provenanceNumbers = ProvenanceNumbers()
    /// The input batches stored whole, by this ingest and earlier ones.
    private let storedBatches: StoredBatches
    /// What this ingest added per provenance number, for `tuple_labels`.
    private var added: [TupleLabels?] = []

    /// A writer for ingest `ingestID`, holding at most `keyRunLength` new id keys in memory (``LabelKeys``).
    init(connection: SQLiteConnection, ingestID: Int64, keyRunLength: Int) throws(StoreError) {
        self.connection = connection
        self.ingestID = ingestID
        findStoredContent = try connection.prepare("SELECT id = ?1, content_sha256 FROM labels WHERE seq = ?2")
        findCollidedLabel = try connection.prepare("SELECT content_sha256 FROM labels WHERE id_key = ?2 AND collided = 1 AND id = ?1")
        findInputOfLabel = try connection.prepare("SELECT task, input_id FROM labels WHERE seq = ?2 AND id = ?1")
        findInputOfCollidedLabel = try connection.prepare("SELECT task, input_id FROM labels WHERE id_key = ?2 AND collided = 1 AND id = ?1")
        pending = try PendingLabels(connection: connection, ingestID: ingestID)
        findQueuedKeys = try connection.prepare("""
            SELECT queued.rowid, stored.id = queued.id, stored.content_sha256
            FROM curate_pending_labels AS queued CROSS JOIN label_keys AS k CROSS JOIN labels AS stored
            WHERE k.id_key = queued.id_key AND stored.seq = k.seq
            """)
        keys = try LabelKeys(connection: connection, runLength: keyRunLength)
        provenanceRows = try ProvenanceRows(connection: connection)
        storedBatches = try StoredBatches(connection: connection)
    }

    /// The task and input id of the stored label with record id `id`; nil when there is none.
    func storedInput(ofRecord id: String) throws -> (task: String, inputID: String)? {
        let key = RecordIDKey.of(id)
        let place = Statement.RowPlace(table: "labels") { "row id \(id)" }
        func input(_ statement: Statement, _ second: Int64) throws -> (task: String, inputID: String)? {
            defer { statement.reset() }
            statement.bind([.text(id), .integer(second)])
            guard try statement.step() else { return nil }
            return (try statement.text(0, of: place), try statement.text(1, of: place))
        }
        if let seq = try keys.seq(of: key), let found = try input(findInputOfLabel, seq) { return found }
        return try input(findInputOfCollidedLabel, key)
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
    /// A label is new when no stored label that is not `collided` has its id key (``LabelKeys``);
    /// otherwise that label is read, and a different id with the same key is stored as
    /// `collided`, unless a `collided` label has its id already. Labels are never deleted and
    /// keys never change: a key once taken stays taken, so an id stored as `collided` earlier
    /// always finds its key taken.
    /// - Returns: each queued label's outcome and provenance number, in queue order.
    func storeQueued() throws -> [(outcome: InsertOutcome, provenance: Int)] {
        defer {
            pending.removeAll()
            queuedProvenance.removeAll(keepingCapacity: true)
            newInBatch.removeAll(keepingCapacity: true)
        }
        var outcomes = [InsertOutcome?](repeating: nil, count: pending.count)
        let found = try keyHolders()
        var new: [Int] = []
        var collided: [Int] = []
        for index in 0..<pending.count {
            let key = pending.idKey(of: index)
            let holder: KeyHolder
            if let earlier = newInBatch[key] {
                holder = pending.hasSameID(index, as: earlier) ? .sameID(sameContent: pending.hasSameContent(index, as: earlier)) : .otherID
            } else if let seq = found.heldSeqs[index] {
                holder = try storedHolder(seq, of: index)
            } else {
                holder = found.inTable[index] ?? .free
            }
            switch holder {
            case .free:
                newInBatch[key] = index
                new.append(index)
            case .sameID(let sameContent):
                outcomes[index] = sameContent ? .duplicate : .conflict
            case .otherID:
                collided.append(index)
            }
        }
        try store(new, into: &outcomes)
        for index in collided { outcomes[index] = try storeCollided(index) }
        let decided = outcomes.map { outcome in
            guard let outcome else { preconditionFailure("a queued label was neither stored nor found") }
            return outcome
        }
        for (index, outcome) in decided.enumerated() where outcome == .inserted {
            added[queuedProvenance[index]]?.count(pending.createdAt(of: index))
        }
        return zip(decided, queuedProvenance).map { ($0, $1) }
    }

    /// Inserts the new queued labels at `indices`, whose id keys no label has, in one
    /// statement and in the export index's order, and adds their keys.
    private func store(_ indices: [Int], into outcomes: inout [InsertOutcome?]) throws {
        guard !indices.isEmpty else { return }
        let ordered = pending.exportOrder(indices)
        let inserted = try pending.insert(ordered, collided: false)
        guard inserted == ordered.count else {
            throw StoreError.inconsistent(path: connection.path, reason: "\(ordered.count - inserted) of \(ordered.count) new labels were not inserted")
        }
        // The rows inserted took consecutive `seq` numbers, in order, ending at the last insert row id.
        var seq = connection.lastInsertRowID - Int64(inserted) + 1
        for index in ordered {
            outcomes[index] = .inserted
            try keys.add(pending.idKey(of: index), seq: seq)
            seq += 1
        }
    }

    /// The stored label `seq` as the holder of queued label `index`'s id key.
    private func storedHolder(_ seq: Int64, of index: Int) throws -> KeyHolder {
        try pending.bindingID(of: index, to: findStoredContent, parameter: 1) {
            defer { findStoredContent.reset() }
            findStoredContent.bind(2, seq)
            guard try findStoredContent.step() else {
                throw StoreError.inconsistent(path: connection.path, reason: "label_keys names label row seq \(seq), which the labels table does not have")
            }
            return holder(of: index, in: findStoredContent, from: 0)
        }
    }

    /// The holder of queued label `index`'s id key that `row` names: column `column` tells
    /// whether its id is the label's, the next column holds its content digest.
    private func holder(of index: Int, in row: Statement, from column: Int32) -> KeyHolder {
        guard row.int64(column) == 1 else { return .otherID }
        return .sameID(sameContent: row.withBlob(column + 1) { pending.hasContent(index, equalTo: $0) })
    }

    /// For each queued label, by queue index: the `seq` of the label whose id key is held in
    /// memory (``LabelKeys``), else the holder `label_keys` names, looked up in one query for
    /// the labels whose keys its filter lets through.
    private func keyHolders() throws -> (heldSeqs: [Int64?], inTable: [KeyHolder?]) {
        var heldSeqs = [Int64?](repeating: nil, count: pending.count)
        var inTable = [KeyHolder?](repeating: nil, count: pending.count)
        var maybe: [Int] = []
        for index in 0..<pending.count {
            let key = pending.idKey(of: index)
            heldSeqs[index] = keys.heldSeq(of: key)
            if heldSeqs[index] == nil, try keys.mayBeInTable(key) { maybe.append(index) }
        }
        guard !maybe.isEmpty else { return (heldSeqs, inTable) }
        try pending.query(maybe, findQueuedKeys) { index, row in
            inTable[index] = holder(of: index, in: row, from: 1)
        }
        return (heldSeqs, inTable)
    }

    /// For queued label `index`, whose id key another id has: its outcome as a `collided`
    /// label, stored now unless its id is stored so already.
    private func storeCollided(_ index: Int) throws -> InsertOutcome {
        if let sameContent = try findCollided(index) { return sameContent ? .duplicate : .conflict }
        guard try pending.insert([index], collided: true) == 1 else {
            throw StoreError.inconsistent(path: connection.path, reason: "a label was neither stored nor found (id key \(pending.idKey(of: index)))")
        }
        return .inserted
    }

    /// Whether the `collided` label with queued label `index`'s id has its content; nil when there is none.
    private func findCollided(_ index: Int) throws -> Bool? {
        try pending.bindingID(of: index, to: findCollidedLabel, parameter: 1) {
            defer { findCollidedLabel.reset() }
            findCollidedLabel.bind(2, pending.idKey(of: index))
            guard try findCollidedLabel.step() else { return nil }
            return findCollidedLabel.withBlob(0) { pending.hasContent(index, equalTo: $0) }
        }
    }

    /// Stores the id keys held back (``LabelKeys``) and adds what this ingest stored to
    /// `tuple_labels`; the ingest calls it once, before committing.
    func finish() throws {
        try keys.finish()
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

/// Which label holds a queued label's id key, as ingest finds it.
private enum KeyHolder {
    /// None: the key is free, and the label new.
    case free
    /// A label with the same id: the queued label is a duplicate or a conflict.
    case sameID(sameContent: Bool)
    /// A label with another id: the queued label is stored as `collided`.
    case otherID
}
