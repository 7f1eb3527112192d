extension SQLiteStore {
    /// Runs `body` with the store's whole contents, every part read from one snapshot.
    func readContents<T>(_ body: (any StoreContents) throws -> T) throws -> T {
        try readSnapshot { try body(SQLiteStoreContents(store: self)) }
    }

    /// Writes `contents` into this store, ids kept, in one `BEGIN IMMEDIATE` transaction.
    ///
    /// A label takes its source's `seq`, so the storing order stays; its `id_key` is computed
    /// from its id, and it is `collided` when an earlier label has that key already (in
    /// `label_keys`), as ingest would have stored it.
    /// - Throws: ``StoreCopyError/targetNotEmpty(store:tables:)`` when the store holds any row,
    ///   before anything is written.
    func writeContents(_ contents: any StoreContents) throws -> StoreCopyCounts {
        try transaction {
            let occupied = try connection.prepare(StoreCopier.occupiedTablesQuery).rows { $0.string(0) ?? "" }
            guard occupied.isEmpty else { throw StoreCopyError.targetNotEmpty(store: path, tables: occupied) }
            var counts = StoreCopyCounts()
            counts.ingests = try insert(contents.ingests(), "INSERT INTO ingests (id, ingested_at, sources) VALUES (?, ?, ?)") {
                [.integer($0.id), .integer($0.ingestedAt.nanosecondsSinceEpoch), .text($0.sources)]
            }
            counts.prompts = try insert(contents.prompts(), "INSERT INTO prompts (id, name, version, sha256, text) VALUES (?, ?, ?, ?, ?)") {
                [.integer($0.id), .text($0.name), .text($0.version), .text($0.sha256), .text($0.text)]
            }
            counts.tuples = try insert(
                contents.tuples(), "INSERT INTO tuples (id, origin, model, annotator, prompt_id, hash_status) VALUES (?, ?, ?, ?, ?, ?)"
            ) {
                [.integer($0.id), .text($0.origin.rawValue), .text($0.model), .text($0.annotator), .integer($0.promptID), .text($0.hashStatus?.rawValue)]
            }
            counts.labels = try insertLabels(contents)
            counts.tupleCounts = try insert(contents.tupleCounts(), """
                INSERT INTO tuple_labels (task, tuple_id, labels, first_created_at, last_created_at) VALUES (?, ?, ?, ?, ?)
                """) {
                [.text($0.task), .integer($0.tupleID), .integer($0.labels), .integer($0.firstCreatedAt.nanosecondsSinceEpoch),
                 .integer($0.lastCreatedAt.nanosecondsSinceEpoch)]
            }
            counts.flags = try insert(contents.flags(), "INSERT INTO flags (id, kind, target, reason, created_at) VALUES (?, ?, ?, ?, ?)") {
                [.integer($0.id), .text($0.flag.kind.rawValue), .text($0.flag.target), .text($0.flag.reason),
                 .integer($0.flag.createdAt.nanosecondsSinceEpoch)]
            }
            counts.retractions = try insert(
                contents.retractions(), "INSERT INTO retractions (id, kind, target, reason, created_at) VALUES (?, ?, ?, ?, ?)"
            ) {
                [.integer($0.id), .text($0.kind.rawValue), .text($0.target), .text($0.reason), .integer($0.createdAt.nanosecondsSinceEpoch)]
            }
            counts.retractedLabels = try insertRetractedLabels(contents)
            counts.storedBatches = try insert(contents.storedBatches(), """
                INSERT INTO stored_batches
                    (sha256, task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """) {
                [.blob($0.sha256), .text($0.tuple.task), .text($0.tuple.origin.rawValue), .text($0.tuple.model), .text($0.tuple.annotator),
                 .text($0.tuple.prompt?.name), .text($0.tuple.prompt?.version), .text($0.tuple.prompt?.sha256),
                 .text($0.tuple.hashStatus?.rawValue), .integer($0.records)]
            }
            return counts
        }
    }

    /// Inserts each of `rows` with the values `values` gives it for `sql`.
    /// - Returns: how many rows were inserted.
    private func insert<Row>(_ rows: [Row], _ sql: String, _ values: (Row) -> [Statement.Value]) throws -> Int {
        let statement = try connection.prepare(sql)
        for row in rows { try statement.run(values(row)) }
        return rows.count
    }

    /// Inserts the labels of `contents` as they stream.
    /// - Returns: how many were inserted.
    private func insertLabels(_ contents: any StoreContents) throws -> Int {
        let columns = "seq, id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta, supersedes, collided"
        let values = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
        let takeKey = try connection.prepare("INSERT OR IGNORE INTO label_keys (id_key, seq) VALUES (?, ?)")
        let insert = try connection.prepare("INSERT INTO labels (\(columns)) VALUES (\(values), ?)")
        var count = 0
        try contents.forEachLabel { label in
            let columns = label.columns
            let row: [Statement.Value] = [
                .integer(label.seq), .text(columns.id), .integer(RecordIDKey.of(columns.id)), .blob(columns.contentSHA256),
                .integer(columns.tupleID), .integer(columns.ingestID), .text(columns.task), .text(columns.inputID), .integer(columns.createdAt),
                .text(columns.output), .text(columns.input), .text(columns.params), .text(columns.run), .text(columns.meta),
                .text(columns.supersedes),
            ]
            try takeKey.run([.integer(RecordIDKey.of(columns.id)), .integer(label.seq)])
            try insert.run(row + [.integer(connection.changes == 1 ? 0 : 1)])
            count += 1
        }
        return count
    }

    /// Inserts the retracted labels of `contents` as they stream, each found by its record id.
    /// - Returns: how many were inserted.
    private func insertRetractedLabels(_ contents: any StoreContents) throws -> Int {
        let insert = try connection.prepare("""
            INSERT INTO retracted_labels (label_seq, retraction_id) SELECT seq, ?3 FROM (\(Self.seqOfRecord(key: "?1", id: "?2")))
            """)
        var count = 0
        try contents.forEachRetractedLabel { retracted in
            try insert.run([.integer(RecordIDKey.of(retracted.labelID)), .text(retracted.labelID), .integer(retracted.retractionID)])
            guard connection.changes == 1 else {
                throw StoreError.inconsistent(path: path, reason: "label \(retracted.labelID), retracted in the store copied, is not among its labels")
            }
            count += 1
        }
        return count
    }
}
