/// Stores labels in a PostgreSQL store in bulk, a batch at a time through COPY, inside one
/// write transaction; a label whose id is stored already is left as it is.
///
/// COPY has no `ON CONFLICT`, and one stored id fails a whole COPY. So a batch is first
/// copied straight into `labels` inside a savepoint (the common case of new labels: as
/// fast as COPY gets); when an id is stored already, that is rolled back and the batch goes
/// the safe way: copied into a temporary table, then `INSERT … SELECT … ON CONFLICT (id)
/// DO NOTHING`, in id order, so two writers with overlapping batches take their locks in
/// the same order, wait for each other instead of deadlocking, and both succeed with every
/// label stored once. After a batch that was mostly stored already (a file ingested
/// again), the next batch goes the safe way at once.
final class PostgresLabelLoader {
    private let connection: PostgresConnection
    private var madePendingTable = false
    private var lastBatchWasStored = false
    /// Labels stored per task and provenance tuple by this loader, for `tuple_labels`.
    private var added: [TupleKey: (labels: Int64, first: Int64, last: Int64)] = [:]

    private struct TupleKey: Hashable {
        let task: String
        let tupleID: Int64
    }

    /// A loader for one write transaction on `connection` (see ``PostgresConnection/transaction(_:_:)``).
    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Stores every row of `rows` whose id is not stored yet (nor earlier in `rows`).
    /// - Returns: each row's outcome, in order: `inserted`; `duplicate` when its id is
    ///   stored with the same content hash; `conflict` when with another.
    /// - Throws: ``PostgresError/nulCharacter(store:field:)`` for a text holding U+0000
    ///   (nothing of the batch is stored), or the server's error.
    func load(_ rows: [PostgresLabelRow]) throws -> [InsertOutcome] {
        guard !rows.isEmpty else { return [] }
        let outcomes: [InsertOutcome]
        if !lastBatchWasStored, Set(rows.lazy.map(\.id)).count == rows.count, try copyStraightIn(rows) {
            outcomes = Array(repeating: .inserted, count: rows.count)
        } else {
            outcomes = try loadThroughPendingTable(rows)
        }
        for (row, outcome) in zip(rows, outcomes) where outcome == .inserted {
            let key = TupleKey(task: row.task, tupleID: row.tupleID)
            let counts = added[key] ?? (0, row.createdAt, row.createdAt)
            added[key] = (counts.labels + 1, min(counts.first, row.createdAt), max(counts.last, row.createdAt))
        }
        lastBatchWasStored = outcomes.count { $0 != .inserted } * 2 > rows.count
        return outcomes
    }

    /// Adds what this loader stored to `tuple_labels`; called once, before the transaction commits.
    func storeTupleCounts() throws {
        // In one order for every writer, so two never wait for each other's rows crosswise.
        let keys = added.keys.sorted { $0.task == $1.task ? $0.tupleID < $1.tupleID : $0.task.utf8.lexicographicallyPrecedes($1.task.utf8) }
        for key in keys {
            guard let counts = added[key] else { continue }
            try connection.execute("""
                INSERT INTO tuple_labels (task, tuple_id, labels, first_created_at, last_created_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (task, tuple_id) DO UPDATE SET labels = tuple_labels.labels + excluded.labels,
                    first_created_at = least(tuple_labels.first_created_at, excluded.first_created_at),
                    last_created_at = greatest(tuple_labels.last_created_at, excluded.last_created_at)
                """, [key.task, String(key.tupleID), String(counts.labels), String(counts.first), String(counts.last)])
        }
        added.removeAll()
    }

    /// Copies `rows` (ids all different) straight into `labels` in export order, inside a savepoint.
    /// - Returns: true when all were stored; false, with none stored, when an id was stored
    ///   already (or the copy lost a deadlock with another writer).
    private func copyStraightIn(_ rows: [PostgresLabelRow]) throws -> Bool {
        try connection.execute("SAVEPOINT curate_copy")
        do {
            try connection.copyIn("COPY labels (\(PostgresLabelRow.columns)) FROM STDIN") { writer in
                for index in Self.exportOrder(rows) {
                    try rows[index].write(to: writer)
                    try writer.endRow()
                }
            }
        } catch let error as PostgresError where error.sqlState == "23505" || error.sqlState == "40P01" {
            try connection.execute("ROLLBACK TO SAVEPOINT curate_copy")
            try connection.execute("RELEASE SAVEPOINT curate_copy")
            return false
        }
        try connection.execute("RELEASE SAVEPOINT curate_copy")
        return true
    }

    /// The indices of `rows` in the order of the export index (``ExportKeyOrder``). Each
    /// row's texts are copied out once into one buffer, so the sort compares bytes in place.
    private static func exportOrder(_ rows: [PostgresLabelRow]) -> [Int] {
        var texts: [UInt8] = []
        var spans: [(task: Range<Int>, inputID: Range<Int>)] = []
        spans.reserveCapacity(rows.count)
        for row in rows {
            let task = texts.count
            texts.append(contentsOf: row.task.utf8)
            let inputID = texts.count
            texts.append(contentsOf: row.inputID.utf8)
            spans.append((task..<inputID, inputID..<texts.count))
        }
        return texts.withUnsafeBytes { buffer in
            ExportKeyOrder.sorted(Array(rows.indices)) { index in
                (UnsafeRawBufferPointer(rebasing: buffer[spans[index].task]), UnsafeRawBufferPointer(rebasing: buffer[spans[index].inputID]),
                 rows[index].createdAt)
            }
        }
    }

    /// Stores `rows` through the temporary table `curate_pending_labels`: each id not stored
    /// yet once (its first row), in id order; then tells the other rows' duplicates from conflicts.
    private func loadThroughPendingTable(_ rows: [PostgresLabelRow]) throws -> [InsertOutcome] {
        if madePendingTable {
            try connection.execute("TRUNCATE curate_pending_labels")
        } else {
            try connection.execute("""
                CREATE TEMPORARY TABLE curate_pending_labels ON COMMIT DROP AS
                SELECT 0 AS ord, \(PostgresLabelRow.columns) FROM labels WITH NO DATA
                """)
            madePendingTable = true
        }
        try connection.copyIn("COPY curate_pending_labels (ord, \(PostgresLabelRow.columns)) FROM STDIN") { writer in
            for (ord, row) in rows.enumerated() {
                writer.integer(Int64(ord))
                try row.write(to: writer)
                try writer.endRow()
            }
        }
        let inserted = try connection.query("""
            INSERT INTO labels (\(PostgresLabelRow.columns))
            SELECT DISTINCT ON (id) \(PostgresLabelRow.columns) FROM curate_pending_labels ORDER BY id, ord
            ON CONFLICT (id) DO NOTHING RETURNING id
            """)
        var newIDs = Set(inserted.compactMap { $0[0] })
        var outcomes = rows.map { newIDs.remove($0.id) == nil ? nil : InsertOutcome.inserted }
        let others = outcomes.indices.filter { outcomes[$0] == nil }
        guard !others.isEmpty else { return outcomes.map { $0 ?? .inserted } }
        // A lookup by primary key per row: the temporary table has no statistics, and with a
        // join the planner chose to scan all of `labels` for every batch (60 s for 1M again).
        let stored = try connection.query("""
            SELECT pending.ord, pending.content_sha256 = (SELECT stored.content_sha256 FROM labels AS stored WHERE stored.id = pending.id)
            FROM curate_pending_labels AS pending
            WHERE pending.ord = ANY ($1::integer[])
            """, ["{" + others.map(String.init).joined(separator: ",") + "}"])
        for row in stored {
            guard let ord = row[0].flatMap({ Int($0) }), outcomes.indices.contains(ord), let same = row[1] else { continue }
            outcomes[ord] = same == "t" ? .duplicate : .conflict
        }
        return try outcomes.enumerated().map { ord, outcome in
            guard let outcome else {
                throw PostgresError.inconsistent(store: connection.url, reason: "label \(rows[ord].id) was neither stored nor found")
            }
            return outcome
        }
    }
}
