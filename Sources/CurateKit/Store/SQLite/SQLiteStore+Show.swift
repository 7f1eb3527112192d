extension SQLiteStore {
    /// The label with record id `id`, found by its `id_key` as ingest finds it, with its
    /// provenance tuple and ingest; nil when no label has that id.
    /// - Throws: ``StoreError/badValue(path:table:row:column:value:)`` for a damaged row.
    func labelDetail(id: String) throws -> StoredLabelDetail? {
        let statement = try connection.prepare("""
            SELECT \(Self.tupleColumns), c.id, c.input_id, c.created_at, c.output, c.input, c.params, c.run, c.meta,
                   c.supersedes, c.ingest_id, i.ingested_at, i.sources, c.tuple_id, r.retraction_id
            FROM labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            JOIN ingests i ON i.id = c.ingest_id
            LEFT JOIN retracted_labels r ON r.label_seq = c.seq
            WHERE c.seq IN (\(Self.seqOfRecord(key: "?1", id: "?2")))
            """)
        return try statement.rows([.integer(RecordIDKey.of(id)), .text(id)]) { row throws(StoreError) in
            let place = Statement.RowPlace(table: "labels") { "with id \(row.shownValue(8))" }
            let tupleID = try row.integer(20, of: place)
            let ingestPlace = Statement.RowPlace(table: "ingests") { "row id \(row.shownValue(17))" }
            let ingest = LabelDetail.Ingest(
                id: try row.integer(17, of: place), ingestedAt: try row.timestamp(18, of: ingestPlace),
                sources: try row.jsonStrings(19, of: ingestPlace))
            let detail = LabelDetail(
                id: try row.text(8, of: place), tuple: try row.provenanceTuple(of: Self.tupleRow(tupleID)),
                inputID: try row.text(9, of: place), input: try row.optionalJSON(12, of: place), output: try row.json(11, of: place),
                createdAt: try row.timestamp(10, of: place), ingest: ingest, params: try row.optionalJSON(13, of: place),
                run: row.string(14), meta: try row.optionalJSON(15, of: place), supersedes: row.string(16), supersededBy: [], flags: [],
                retraction: nil)
            return StoredLabelDetail(detail: detail, tupleID: tupleID, retractionID: row.int64(21))
        }.first
    }

    /// The record ids that start with `prefix`, sorted, at most `limit` of them: a scan of every label.
    func labelIDs(prefix: String, limit: Int) throws -> [String] {
        let statement = try connection.prepare("SELECT id FROM labels WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2")
        return try statement.rows([.text(prefix), .integer(Int64(limit))]) { $0.string(0) }.compactMap { $0 }
    }

    /// The record ids of the labels that supersede label `id` of `task` and `inputID`, sorted
    /// (ingest checks that a superseded label has the same task and input, so this reads the
    /// `labels_export` index, not every label).
    func labelIDs(superseding id: String, task: String, inputID: String) throws -> [String] {
        let statement = try connection.prepare("SELECT id FROM labels WHERE task = ? AND input_id = ? AND supersedes = ? ORDER BY id")
        return try statement.rows([.text(task), .text(inputID), .text(id)]) { $0.string(0) }.compactMap { $0 }
    }
}

extension Statement {
    /// The JSON text in column `column`, parsed; NULL or text that is not JSON is damage.
    fileprivate func json(_ column: Int32, of row: RowPlace) throws(StoreError) -> JSONValue {
        guard let value = try optionalJSON(column, of: row) else { throw badValue(column, of: row) }
        return value
    }

    /// The JSON text in column `column`, parsed; nil for NULL, damage for text that is not JSON.
    fileprivate func optionalJSON(_ column: Int32, of row: RowPlace) throws(StoreError) -> JSONValue? {
        try StoredJSON.parse(string(column)) { badValue(column, of: row) }
    }

    /// A JSON array of strings in column `column` (an ingest's sources).
    fileprivate func jsonStrings(_ column: Int32, of row: RowPlace) throws(StoreError) -> [String] {
        try StoredJSON.strings(string(column)) { badValue(column, of: row) }
    }
}
