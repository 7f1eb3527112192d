import CSQLite

/// A SQLite store's whole contents (``StoreContents``), read through its connection inside
/// the read snapshot of ``SQLiteStore/readContents(_:)``.
final class SQLiteStoreContents: StoreContents {
    private let store: SQLiteStore
    private var connection: SQLiteConnection { store.connection }

    init(store: SQLiteStore) {
        self.store = store
    }

    func ingests() throws -> [CopiedIngest] {
        try connection.prepare("SELECT id, ingested_at, sources FROM ingests ORDER BY id").rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "ingests") { "row id \(row.shownValue(0))" }
            return CopiedIngest(id: try row.integer(0, of: place), ingestedAt: try row.timestamp(1, of: place), sources: try row.text(2, of: place))
        }
    }

    func prompts() throws -> [CopiedPrompt] {
        try connection.prepare("SELECT id, name, version, sha256, text FROM prompts ORDER BY id").rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "prompts") { "row id \(row.shownValue(0))" }
            return CopiedPrompt(
                id: try row.integer(0, of: place), name: try row.text(1, of: place), version: try row.text(2, of: place),
                sha256: row.string(3), text: row.string(4))
        }
    }

    func tuples() throws -> [CopiedTuple] {
        let statement = try connection.prepare("SELECT id, origin, model, annotator, prompt_id, hash_status FROM tuples ORDER BY id")
        return try statement.rows { row throws(StoreError) in
            let place = SQLiteStore.tupleRow(row.int64(0) ?? 0)
            return CopiedTuple(
                id: try row.integer(0, of: place), origin: try row.value(1, of: place), model: row.string(2), annotator: row.string(3),
                promptID: try row.optionalInteger(4, of: place), hashStatus: try row.optionalValue(5, of: place))
        }
    }

    func forEachLabel(_ body: (CopiedLabel) throws -> Void) throws {
        let statement = try connection.prepare("""
            SELECT seq, id, content_sha256, tuple_id, ingest_id, task, input_id, created_at, output, input, params, run, meta, supersedes
            FROM labels ORDER BY seq
            """)
        defer { statement.reset() }
        while try statement.step() {
            let place = Statement.RowPlace(table: "labels") { "row seq \(statement.shownValue(0)) (id \(statement.shownValue(1)))" }
            let columns = PostgresLabelRow(
                id: try statement.text(1, of: place), contentSHA256: try statement.blob(2, of: place), tupleID: try statement.integer(3, of: place),
                ingestID: try statement.integer(4, of: place), task: try statement.text(5, of: place), inputID: try statement.text(6, of: place),
                createdAt: try statement.integer(7, of: place), output: try statement.text(8, of: place), input: statement.string(9),
                params: statement.string(10), run: statement.string(11), meta: statement.string(12), supersedes: statement.string(13))
            try body(CopiedLabel(seq: try statement.integer(0, of: place), columns: columns))
        }
    }

    func tupleCounts() throws -> [CopiedTupleCount] {
        let statement = try connection.prepare("""
            SELECT task, tuple_id, labels, first_created_at, last_created_at FROM tuple_labels ORDER BY task, tuple_id
            """)
        return try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "tuple_labels") { "row (task, tuple_id) = (\(row.shownValue(0)), \(row.shownValue(1)))" }
            return CopiedTupleCount(
                task: try row.text(0, of: place), tupleID: try row.integer(1, of: place), labels: try row.integer(2, of: place),
                firstCreatedAt: try row.timestamp(3, of: place), lastCreatedAt: try row.timestamp(4, of: place))
        }
    }

    func flags() throws -> [CopiedFlag] {
        let statement = try connection.prepare("SELECT id, kind, target, reason, created_at FROM flags ORDER BY id")
        return try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "flags") { "row id \(row.shownValue(0))" }
            let flag = LabelFlag(
                kind: try row.value(1, of: place), target: try row.text(2, of: place), reason: try row.text(3, of: place),
                createdAt: try row.timestamp(4, of: place))
            return CopiedFlag(id: try row.integer(0, of: place), flag: flag)
        }
    }

    func retractions() throws -> [Retraction] {
        try store.retractions()
    }

    func forEachRetractedLabel(_ body: (CopiedRetractedLabel) throws -> Void) throws {
        let statement = try connection.prepare("""
            SELECT l.id, r.retraction_id, r.label_seq FROM retracted_labels r JOIN labels l ON l.seq = r.label_seq ORDER BY r.label_seq
            """)
        defer { statement.reset() }
        while try statement.step() {
            let place = Statement.RowPlace(table: "retracted_labels") { "row label_seq \(statement.shownValue(2))" }
            try body(CopiedRetractedLabel(labelID: try statement.text(0, of: place), retractionID: try statement.integer(1, of: place)))
        }
    }

    func storedBatches() throws -> [CopiedStoredBatch] {
        let statement = try connection.prepare("""
            SELECT task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records, sha256, rowid
            FROM stored_batches ORDER BY rowid
            """)
        return try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "stored_batches") { "row rowid \(row.shownValue(10))" }
            return CopiedStoredBatch(sha256: try row.blob(9, of: place), tuple: try row.provenanceTuple(of: place), records: try row.integer(8, of: place))
        }
    }
}

extension Statement {
    /// Blob column `column`, which must hold a blob.
    fileprivate func blob(_ column: Int32, of row: RowPlace) throws(StoreError) -> [UInt8] {
        guard sqlite3_column_type(handle, column) == SQLITE_BLOB else { throw badValue(column, of: row) }
        return withBlob(column) { [UInt8]($0) }
    }

    /// Integer column `column`, or nil for NULL; any other value is damage.
    fileprivate func optionalInteger(_ column: Int32, of row: RowPlace) throws(StoreError) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : try integer(column, of: row)
    }
}
