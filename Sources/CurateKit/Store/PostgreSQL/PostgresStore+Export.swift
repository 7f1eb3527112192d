extension PostgresStore {
    /// Every (task, provenance tuple) that has labels, sorted by tuple: read from
    /// `tuple_labels`, a row per pair, without touching the labels.
    func exportCatalog() throws -> [CatalogEntry] {
        try connection.query("""
            SELECT \(Self.tupleColumns), c.tuple_id
            FROM tuple_labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            """).map { fields throws(PostgresError) in
            let tupleID = try row(fields, of: "tuple_labels") { "row with task \(fields[0] ?? "NULL")" }.integer(8, "tuple_id")
            return CatalogEntry(tupleID: tupleID, tuple: try tupleRow(fields, id: tupleID).provenanceTuple(from: 0))
        }.sorted { ($0.tuple, $0.tupleID) < ($1.tuple, $1.tupleID) }
    }

    /// Streams the labels `query` selects to `body`, one at a time, ordered by
    /// (task, input_id, created_at) in byte order (the columns are `COLLATE "C"`), so all
    /// labels of one input arrive together, oldest first. Labels of one input with equal
    /// `created_at` come in no particular order; the caller orders them by id.
    ///
    /// The rows come through `COPY (query) TO STDOUT`, handed on as the server sends them, so
    /// memory stays flat however many there are; the filters' values go through the session
    /// settings ``PostgresConnection/copyOut(_:_:row:)`` binds. Retracted labels come too,
    /// with their retraction when the query reads retractions (the join is left out otherwise).
    func forEachStoredLabel(_ query: LabelQuery, _ body: (any StoredLabelColumns) throws -> Void) throws {
        var values: [String] = []
        func argument(_ value: String, as type: String) -> String {
            values.append(value)
            return "current_setting('curate.arg\(values.count)')::\(type)"
        }
        var sql = """
            SELECT task, input_id, created_at, id, output, input, run, tuple_id, supersedes, params, meta, content_sha256,
                   \(query.readsRetractions ? "retraction_id" : "NULL")
            FROM labels\(query.readsRetractions ? " LEFT JOIN retracted_labels ON retracted_labels.label_id = labels.id" : "")
            WHERE tuple_id = ANY (\(argument(PostgresArray.literal(query.tupleIDs), as: "bigint[]")))
            """
        if !query.tasks.isEmpty {
            sql += " AND task = ANY (\(argument(PostgresArray.literal(query.tasks), as: "text[]")))"
        }
        if let since = query.since {
            sql += " AND created_at >= \(argument(String(since), as: "bigint"))"
        }
        if let until = query.until {
            sql += " AND created_at < \(argument(String(until), as: "bigint"))"
        }
        if !query.excludedRuns.isEmpty {
            sql += " AND (run IS NULL OR run <> ALL (\(argument(PostgresArray.literal(query.excludedRuns), as: "text[]"))))"
        }
        if let ingest = query.ingestedThrough {
            sql += " AND ingest_id <= \(argument(String(ingest), as: "bigint"))"
        }
        sql += " ORDER BY task, input_id, created_at"
        try connection.copyOut("COPY (\(sql)) TO STDOUT", values) { fields in
            try body(PostgresLabelColumns(fields, store: url))
        }
    }

    /// The distinct run ids of labels of `tasks` (all tasks when empty), sorted.
    func runs(tasks: [String]) throws -> [String] {
        var sql = "SELECT DISTINCT run FROM labels WHERE run IS NOT NULL"
        var values: [String?] = []
        if !tasks.isEmpty {
            sql += " AND task = ANY ($1::text[])"
            values.append(PostgresArray.literal(tasks))
        }
        return try connection.query(sql + " ORDER BY run", values).map { fields throws(PostgresError) in
            try row(fields, of: "labels") { "a row of the distinct runs" }.text(0, "run")
        }
    }

    /// Whether some label of `tasks` (all tasks when empty) comes from `run`.
    func hasRun(_ run: String, tasks: [String]) throws -> Bool {
        var sql = "SELECT 1 FROM labels WHERE run = $1"
        var values: [String?] = [run]
        if !tasks.isEmpty {
            sql += " AND task = ANY ($2::text[])"
            values.append(PostgresArray.literal(tasks))
        }
        return try !connection.query(sql + " LIMIT 1", values).isEmpty
    }

    /// Whether a label with record id `id` is stored.
    func hasRecord(id: String) throws -> Bool {
        try !connection.query("SELECT 1 FROM labels WHERE id = $1", [id]).isEmpty
    }
}
