extension PostgresStore {
    /// The label with record id `id` (its primary key), with its provenance tuple, ingest and
    /// retraction; nil when no label has that id.
    /// - Throws: ``PostgresError/badValue(store:table:row:column:value:)`` for a damaged row.
    func labelDetail(id: String) throws -> StoredLabelDetail? {
        try connection.query("""
            SELECT \(Self.tupleColumns), c.id, c.input_id, c.created_at, c.output, c.input, c.params, c.run, c.meta,
                   c.supersedes, c.ingest_id, i.ingested_at, i.sources, c.tuple_id, r.retraction_id
            FROM labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            JOIN ingests i ON i.id = c.ingest_id
            LEFT JOIN retracted_labels r ON r.label_id = c.id
            WHERE c.id = $1
            """, [id]).map { fields throws(PostgresError) in
            let label = row(fields, of: "labels") { "with id \(id)" }
            let tupleID = try label.integer(20, "tuple_id")
            let ingestID = try label.integer(17, "ingest_id")
            let ingestRow = row(fields, of: "ingests") { "row id \(ingestID)" }
            let ingest = LabelDetail.Ingest(
                id: ingestID, ingestedAt: try ingestRow.timestamp(18, "ingested_at"), sources: try ingestRow.jsonStrings(19, "sources"))
            let detail = LabelDetail(
                id: try label.text(8, "id"), tuple: try tupleRow(fields, id: tupleID).provenanceTuple(from: 0),
                inputID: try label.text(9, "input_id"), input: try label.optionalJSON(12, "input"), output: try label.json(11, "output"),
                createdAt: try label.timestamp(10, "created_at"), ingest: ingest, params: try label.optionalJSON(13, "params"),
                run: label.optionalText(14), meta: try label.optionalJSON(15, "meta"), supersedes: label.optionalText(16),
                supersededBy: [], flags: [], retraction: nil)
            return StoredLabelDetail(detail: detail, tupleID: tupleID, retractionID: try label.optionalInteger(21, "retraction_id"))
        }.first
    }

    /// The record ids that start with `prefix`, sorted, at most `limit` of them: read from the
    /// primary key's index (`LIKE` with a fixed prefix on a `COLLATE "C"` column is a range of it).
    func labelIDs(prefix: String, limit: Int) throws -> [String] {
        var pattern = ""
        for character in prefix {
            if character == "\\" || character == "%" || character == "_" { pattern.append("\\") }
            pattern.append(character)
        }
        return try ids("SELECT id FROM labels WHERE id LIKE $1 ORDER BY id LIMIT $2", [pattern + "%", String(limit)])
    }

    /// The record ids of the labels that supersede label `id` of `task` and `inputID`, sorted
    /// (ingest checks that a superseded label has the same task and input, so this reads the
    /// `labels_export` index, not every label).
    func labelIDs(superseding id: String, task: String, inputID: String) throws -> [String] {
        try ids("SELECT id FROM labels WHERE task = $1 AND input_id = $2 AND supersedes = $3 ORDER BY id", [task, inputID, id])
    }

    /// The record ids `sql` selects, with `values` bound.
    private func ids(_ sql: String, _ values: [String?]) throws -> [String] {
        try connection.query(sql, values).map { fields throws(PostgresError) in
            try row(fields, of: "labels") { "a row of the record ids" }.text(0, "id")
        }
    }
}

extension PostgresRow {
    /// The JSON text in field `index`, of column `column`, parsed; NULL or text that is not JSON is damage.
    fileprivate func json(_ index: Int, _ column: String) throws(PostgresError) -> JSONValue {
        guard let value = try optionalJSON(index, column) else { throw badValue(index, column) }
        return value
    }

    /// The JSON text in field `index`, of column `column`, parsed; nil for NULL, damage for text that is not JSON.
    fileprivate func optionalJSON(_ index: Int, _ column: String) throws(PostgresError) -> JSONValue? {
        try StoredJSON.parse(optionalText(index)) { badValue(index, column) }
    }

    /// A JSON array of strings in field `index`, of column `column` (an ingest's sources).
    fileprivate func jsonStrings(_ index: Int, _ column: String) throws(PostgresError) -> [String] {
        try StoredJSON.strings(optionalText(index)) { badValue(index, column) }
    }
}
