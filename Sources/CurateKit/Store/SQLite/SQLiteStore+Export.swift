/// The current row of a SQLite label query, read in place from its statement.
struct SQLiteLabelColumns: StoredLabelColumns {
    fileprivate let statement: Statement
    fileprivate let place: Statement.RowPlace

    init(statement: Statement) {
        self.statement = statement
        place = Statement.RowPlace(table: "labels") { "row id \(statement.shownValue(3))" }
    }

    func createdAt() throws(StoreError) -> Int64 { try statement.integer(2, of: place) }
    func tupleID() throws(StoreError) -> Int64 { try statement.integer(7, of: place) }
    func retraction() -> Int64? { statement.int64(12) }

    func withText<R>(_ text: StoredLabel.Text, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try statement.withText(text.rawValue, body)
    }

    func withContentSHA256<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try statement.withBlob(11, body)
    }
}

extension SQLiteStore {
    /// Runs `body` inside one read transaction, so every query it makes sees the same
    /// snapshot of the store even while another process ingests.
    ///
    /// The store file is read through SQLite's page cache, not memory-mapped: mapping
    /// made a 1M-label export ~0.2 s faster but grew its resident memory with the store
    /// (480 MB at 1M labels), and memory must stay flat however large the store is.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN DEFERRED", body)
    }

    /// Every (task, provenance tuple) that has labels, sorted by tuple: read from
    /// `tuple_labels`, a row per pair, without touching the labels.
    func exportCatalog() throws -> [CatalogEntry] {
        let statement = try connection.prepare("""
            SELECT \(Self.tupleColumns), c.tuple_id
            FROM tuple_labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            """)
        return try statement.rows { row throws(StoreError) in
            let tupleID = try row.integer(8, of: Statement.RowPlace(table: "tuple_labels") { "row with task \(row.shownValue(0))" })
            return CatalogEntry(tupleID: tupleID, tuple: try row.provenanceTuple(of: Self.tupleRow(tupleID)))
        }.sorted { ($0.tuple, $0.tupleID) < ($1.tuple, $1.tupleID) }
    }

    /// Streams the labels `query` selects to `body`, one at a time, ordered by
    /// (task, input_id, created_at): the `labels_export` index order, read without a sort,
    /// so all labels of one input arrive together, oldest first, and memory stays flat
    /// however many there are. Labels of one input with equal `created_at` come in no
    /// particular order; the caller orders them by id. `body` reads each row in place,
    /// copying what it keeps. Retracted labels come too, with their retraction when the query
    /// reads retractions (the join is left out of a query that does not, so costs nothing then).
    func forEachStoredLabel(_ query: LabelQuery, _ body: (any StoredLabelColumns) throws -> Void) throws {
        let (filter, values) = Self.labelFilter(query)
        let statement = try connection.prepare("""
            SELECT \(Self.labelColumns), \(query.readsRetractions ? "retraction_id" : "NULL")
            FROM labels\(Self.retractionJoin(query))
            WHERE \(filter)
            ORDER BY task, input_id, created_at
            """)
        defer { statement.reset() }
        statement.bind(values)
        let columns = SQLiteLabelColumns(statement: statement)
        while try statement.step() {
            try body(columns)
        }
    }

    /// The columns of a label query's rows, in the order ``SQLiteLabelColumns`` reads them
    /// (the retraction, column 12, follows).
    static let labelColumns = "task, input_id, created_at, id, output, input, run, tuple_id, supersedes, params, meta, content_sha256"

    /// The join that gives each label its retraction, for a query that reads retractions.
    static func retractionJoin(_ query: LabelQuery) -> String {
        query.readsRetractions ? " LEFT JOIN retracted_labels ON retracted_labels.label_seq = labels.seq" : ""
    }

    /// The `WHERE` condition of `query`'s labels, with its values.
    static func labelFilter(_ query: LabelQuery) -> (sql: String, values: [Statement.Value]) {
        var sql = "tuple_id IN (SELECT value FROM json_each(?))"
        var values: [Statement.Value] = [.jsonList(query.tupleIDs)]
        if !query.tasks.isEmpty {
            sql += " AND task IN (SELECT value FROM json_each(?))"
            values.append(.jsonList(query.tasks))
        }
        if let since = query.since {
            sql += " AND created_at >= ?"
            values.append(.integer(since))
        }
        if let until = query.until {
            sql += " AND created_at < ?"
            values.append(.integer(until))
        }
        if !query.excludedRuns.isEmpty {
            sql += " AND (run IS NULL OR run NOT IN (SELECT value FROM json_each(?)))"
            values.append(.jsonList(query.excludedRuns))
        }
        if let ingest = query.ingestedThrough {
            sql += " AND ingest_id <= ?"
            values.append(.integer(ingest))
        }
        return (sql, values)
    }

    /// The distinct run ids of labels of `tasks` (all tasks when empty), sorted.
    func runs(tasks: [String]) throws -> [String] {
        var sql = "SELECT DISTINCT run FROM labels WHERE run IS NOT NULL"
        var values: [Statement.Value] = []
        if !tasks.isEmpty {
            sql += " AND task IN (SELECT value FROM json_each(?))"
            values.append(.jsonList(tasks))
        }
        return try connection.prepare(sql + " ORDER BY run").rows(values) { $0.string(0) ?? "" }
    }

    /// Whether some label of `tasks` (all tasks when empty) comes from `run`.
    func hasRun(_ run: String, tasks: [String]) throws -> Bool {
        var sql = "SELECT 1 FROM labels WHERE run = ?"
        var values: [Statement.Value] = [.text(run)]
        if !tasks.isEmpty {
            sql += " AND task IN (SELECT value FROM json_each(?))"
            values.append(.jsonList(tasks))
        }
        return try !connection.prepare(sql + " LIMIT 1").rows(values) { _ in true }.isEmpty
    }

    /// Whether a label with record id `id` is stored.
    func hasRecord(id: String) throws -> Bool {
        let statement = try connection.prepare(Self.seqOfRecord(key: "?1", id: "?2"))
        return try !statement.rows([.integer(RecordIDKey.of(id)), .text(id)]) { _ in true }.isEmpty
    }
}
