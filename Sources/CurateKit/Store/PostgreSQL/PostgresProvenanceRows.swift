/// Finds or inserts the `prompts` and `tuples` rows of a PostgreSQL store that labels point
/// to, remembering every id for the life of one write transaction: the twin of SQLite's
/// ``ProvenanceRows``, with the same identity rules (the unique indexes compare a missing
/// hash, model, annotator or prompt as `coalesce` does).
///
/// A row is inserted with `ON CONFLICT DO NOTHING`, then looked up when it was there
/// already: a writer adding the same row at the same time is waited for, never an error.
final class PostgresProvenanceRows {
    private let connection: PostgresConnection
    private var promptIDs: [PromptRef: (id: Int64, hasText: Bool)] = [:]
    /// How many `prompts` rows this has inserted: the store's known prompt texts changed when it grows.
    private(set) var promptRowsAdded = 0
    /// The id of each `tuples` row met.
    private var tupleIDs: [TupleRowKey: Int64] = [:]
    /// The tuple row of each provenance seen, by provenance number.
    private var numberedTupleIDs = NumberedTupleIDs()

    /// Ready to find and make rows inside a write transaction of `connection`.
    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The tuple row of a record's producer, found or made (with its prompt row) when not met yet.
    /// - Parameter number: the number of the record's provenance (see ``ProvenanceNumbers``).
    func tupleID(for producer: LabelRecord.Producer, number: Int) throws -> Int64 {
        try numberedTupleIDs.id(for: producer, number: number) { producer in
            switch producer {
            case .llm(let model, let prompt, let text, let status):
                try tupleID(for: TupleRowKey(
                    origin: .llm, model: model, annotator: nil, promptID: try promptID(for: prompt, text: text), hashStatus: status))
            case .human(let annotator):
                try tupleID(for: TupleRowKey(origin: .human, model: nil, annotator: annotator, promptID: nil, hashStatus: nil))
            }
        }
    }

    /// The id of the `tuples` row `key`, inserted when new.
    func tupleID(for key: TupleRowKey) throws -> Int64 {
        if let id = tupleIDs[key] { return id }
        let values = [key.origin.rawValue, key.model, key.annotator, key.promptID.map(String.init), key.hashStatus?.rawValue]
        let rows = try connection.query("""
            INSERT INTO tuples (origin, model, annotator, prompt_id, hash_status) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT DO NOTHING RETURNING id
            """, values)
        let found = try rows.isEmpty ? connection.query("""
            SELECT id FROM tuples WHERE origin = $1 AND coalesce(model, '') = coalesce($2::text, '')
              AND coalesce(annotator, '') = coalesce($3::text, '') AND coalesce(prompt_id, 0) = coalesce($4::bigint, 0)
              AND coalesce(hash_status, '') = coalesce($5::text, '')
            """, values) : rows
        let id = try identity(of: found, table: "tuples", vanished: "a provenance tuple")
        tupleIDs[key] = id
        return id
    }

    /// The id of the prompt row (name, version, hash), inserted when new; `text` fills in a missing text.
    func promptID(for prompt: PromptRef, text: String?) throws -> Int64 {
        if let known = promptIDs[prompt], known.hasText || text == nil { return known.id }
        let inserted = try connection.query("""
            INSERT INTO prompts (name, version, sha256, text) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING RETURNING id, text IS NOT NULL
            """, [prompt.name, prompt.version, prompt.sha256, text])
        promptRowsAdded += inserted.count
        let rows = try inserted.isEmpty ? connection.query("""
            SELECT id, text IS NOT NULL FROM prompts WHERE name = $1 AND version = $2 AND coalesce(sha256, '') = coalesce($3::text, '')
            """, [prompt.name, prompt.version, prompt.sha256]) : inserted
        let id = try identity(of: rows, table: "prompts", vanished: "a prompt")
        var hasText = rows[0].count == 2 && rows[0][1] == "t"
        if let text, !hasText {
            try connection.execute("UPDATE prompts SET text = $1 WHERE id = $2 AND text IS NULL", [text, String(id)])
            hasText = true
        }
        promptIDs[prompt] = (id, hasText)
        return id
    }

    /// The id in the first column of the one row `rows` a find-or-make of a `table` row returned.
    /// - Throws: ``PostgresError/inconsistent(store:reason:)`` when there is no row (it was
    ///   deleted meanwhile), ``PostgresError/badValue(store:table:row:column:value:)`` when the id is no number.
    private func identity(of rows: [[String?]], table: String, vanished what: String) throws(PostgresError) -> Int64 {
        guard let row = rows.first else {
            throw .inconsistent(store: connection.url, reason: "\(what) vanished while it was being stored")
        }
        guard let text = row.first ?? nil, let id = Int64(text) else {
            throw .badValue(store: connection.url, table: table, row: "the row just found or made", column: "id", value: row.first.flatMap { $0 } ?? "NULL")
        }
        return id
    }
}
