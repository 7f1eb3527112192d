import Crypto

/// Adds labels inside an ingest transaction, with every per-label statement prepared once.
public final class LabelWriter {
    private let connection: SQLiteConnection
    private let ingestID: Int64
    private let findLabel: Statement
    private let findCollidedLabel: Statement
    private let insertLabel: Statement
    private let provenanceRows: ProvenanceRows
    /// Numbers for the provenance of the records added, shared with whoever parses them.
    let provenanceNumbers = ProvenanceNumbers()
    /// The current row's texts and blob, bound without copies.
    private var values = BorrowedValues()
    /// What this ingest added per provenance number, for `tuple_labels`.
    private var added: [TupleLabels?] = []
    /// Whether the last record was stored already: then the next one probably is too (a file
    /// ingested again), and looking it up first takes one statement instead of two.
    private var lastWasStored = false

    init(connection: SQLiteConnection, ingestID: Int64) throws(StoreError) {
        self.connection = connection
        self.ingestID = ingestID
        findLabel = try connection.prepare("SELECT content_sha256 FROM labels WHERE id_key = ?2 AND collided = 0 AND id = ?1")
        findCollidedLabel = try connection.prepare("SELECT content_sha256 FROM labels WHERE id_key = ?2 AND collided = 1 AND id = ?1")
        insertLabel = try connection.prepare("""
            INSERT INTO labels (id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta, collided)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id_key) WHERE collided = 0 DO NOTHING
            """)
        provenanceRows = try ProvenanceRows(connection: connection)
    }

    /// How many prompt rows (name, version, hash) this ingest has added to the store so far.
    var promptRowsAdded: Int { provenanceRows.promptRowsAdded }

    /// Stores `record` unless its id is already there.
    /// - Returns: whether it was new, a duplicate of what is stored, or a conflict with it.
    public func add(_ record: LabelRecord) throws -> InsertOutcome {
        try add(record, key: Self.idKey(record.id), provenance: provenanceNumbers.number(for: ProvenanceTuple(of: record)))
    }

    /// Stores `record`, whose id `key` (``idKey(_:)``) and provenance number (from
    /// ``provenanceNumbers``) the caller has worked out already.
    ///
    /// A new label takes one statement: the insert, which does nothing when another label
    /// has its id key; only then is the id looked up, and a different id with the same key
    /// is stored as `collided`. A successful insert proves the id was not stored because
    /// labels are never deleted and keys never change: a key once taken stays taken, so an
    /// id stored as `collided` earlier always makes the insert of its key fail.
    func add(_ record: LabelRecord, key: Int64, provenance: Int) throws -> InsertOutcome {
        if lastWasStored, let outcome = try storedOutcome(of: record, key: key) { return outcome }
        let tupleID = try provenanceRows.tupleID(for: record.producer, number: provenance)
        if try !insert(record, key: key, tupleID: tupleID, collided: false) {
            if let outcome = try storedOutcome(of: record, key: key) {
                lastWasStored = true
                return outcome
            }
            guard try insert(record, key: key, tupleID: tupleID, collided: true) else {
                throw StoreError.sqlite(code: -1, message: "label \(record.id) was neither stored nor found")
            }
        }
        lastWasStored = false
        added.extend(toInclude: provenance, with: nil)
        if added[provenance] == nil { added[provenance] = TupleLabels(task: record.task, tupleID: tupleID) }
        added[provenance]?.count(record.createdAt)
        return .inserted
    }

    /// Adds what this ingest stored to `tuple_labels`; the ingest calls it once, before committing.
    func storeTupleCounts() throws {
        var byTuple: [TupleLabels.Key: TupleLabels] = [:]
        for case let counts? in added {
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

    /// Whether `record`'s id is stored already, with the same content or another; nil when it is not.
    private func storedOutcome(of record: LabelRecord, key: Int64) throws -> InsertOutcome? {
        values.removeAll()
        values.add(1, record.id)
        let stored = try storedDigest(findLabel, key: key) ?? storedDigest(findCollidedLabel, key: key)
        return stored.map { $0 == record.contentDigest ? .duplicate : .conflict }
    }

    /// The content digest `statement` finds for the id in `values` and `key`.
    private func storedDigest(_ statement: Statement, key: Int64) throws -> [UInt8]? {
        try values.bind(to: statement) { () throws -> [UInt8]? in
            defer { statement.reset() }
            statement.bind(2, key)
            return try statement.step() ? statement.blob(0) : nil
        }
    }

    /// Inserts `record`; false when it is not `collided` and another label has its id key.
    private func insert(_ record: LabelRecord, key: Int64, tupleID: Int64, collided: Bool) throws -> Bool {
        values.removeAll()
        values.add(1, record.id)
        values.add(3, blob: record.contentDigest)
        values.add(6, record.task)
        values.add(7, record.inputID)
        values.add(9, record.output)
        values.add(10, record.input)
        values.add(11, record.params)
        values.add(12, record.run)
        values.add(13, record.meta)
        try values.bind(to: insertLabel) { () throws in
            defer { insertLabel.reset() }
            insertLabel.bind(2, key)
            insertLabel.bind(4, tupleID)
            insertLabel.bind(5, ingestID)
            insertLabel.bind(8, record.createdAt.nanosecondsSinceEpoch)
            insertLabel.bind(14, collided ? 1 : 0)
            try insertLabel.step()
        }
        return connection.changes == 1
    }

    /// The lookup key of a record id, a function of the id alone: for a content-hash id
    /// (64 hex digits) its first 16 digits as a signed integer, for any other id
    /// the first 8 bytes of its SHA-256. Keys may collide; lookups also compare the id.
    static func idKey(_ id: String) -> Int64 {
        if id.utf8.count == 64, let prefix = hexPrefix(of: id) ?? UInt64(id.prefix(16), radix: 16) {
            return Int64(bitPattern: prefix)
        }
        let digest = SHA256.hash(data: Array(id.utf8))
        return digest.withUnsafeBytes { bytes in
            bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
    }

    /// The value of the first 16 characters when they are all hex digits: the common case
    /// of ``idKey(_:)``, read straight from the UTF-8.
    private static func hexPrefix(of id: String) -> UInt64? {
        var id = id
        return id.withUTF8 { bytes -> UInt64? in
            var value: UInt64 = 0
            for byte in bytes.prefix(16) {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
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

    mutating func count(_ createdAt: Timestamp) {
        labels += 1
        first = min(first, createdAt.nanosecondsSinceEpoch)
        last = max(last, createdAt.nanosecondsSinceEpoch)
    }

    mutating func merge(_ other: TupleLabels) {
        labels += other.labels
        first = min(first, other.first)
        last = max(last, other.last)
    }
}
