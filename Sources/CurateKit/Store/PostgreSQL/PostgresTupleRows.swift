/// Finds or inserts the `prompts` and `tuples` rows labels are moved to, every id remembered for
/// the life of one write transaction: the PostgreSQL twin of the SQLite store's ``ProvenanceRows``,
/// so a prompt text or provenance tuple has one row however it arrived.
///
/// Safe with other writers: an insert that meets a row another transaction is adding waits for
/// it (READ COMMITTED) and does nothing, and the lookup after it then finds that row.
final class PostgresTupleRows {
    private let connection: PostgresConnection
    private var promptIDs: [PromptRef: (id: Int64, hasText: Bool)] = [:]
    private var tupleIDs: [TupleRowKey: Int64] = [:]

    /// Rows for one write transaction on `connection`.
    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The id of the tuple row `key`, inserted when new.
    func tupleID(for key: TupleRowKey) throws -> Int64 {
        if let id = tupleIDs[key] { return id }
        let values = [key.origin.rawValue, key.model, key.annotator, key.promptID.map(String.init), key.hashStatus?.rawValue]
        try connection.execute("""
            INSERT INTO tuples (origin, model, annotator, prompt_id, hash_status) VALUES ($1, $2, $3, $4::bigint, $5) ON CONFLICT DO NOTHING
            """, values)
        let found = try connection.query("""
            SELECT id FROM tuples WHERE origin = $1 AND coalesce(model, '') = coalesce($2, '') AND coalesce(annotator, '') = coalesce($3, '')
              AND coalesce(prompt_id, 0) = coalesce($4::bigint, 0) AND coalesce(hash_status, '') = coalesce($5, '')
            """, values)
        guard let fields = found.first else {
            throw PostgresError.inconsistent(store: connection.url, reason: "a provenance tuple vanished while it was being stored")
        }
        let id = try PostgresRow(fields, table: "tuples", store: connection.url) { "the row just stored" }.integer(0, "id")
        tupleIDs[key] = id
        return id
    }

    /// The id of the prompt row (name, version, hash), inserted when new; `text` fills in a missing text.
    func promptID(for prompt: PromptRef, text: String?) throws -> Int64 {
        if let known = promptIDs[prompt], known.hasText || text == nil { return known.id }
        try connection.execute(
            "INSERT INTO prompts (name, version, sha256, text) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            [prompt.name, prompt.version, prompt.sha256, text])
        let found = try connection.query(
            "SELECT id, text IS NOT NULL FROM prompts WHERE name = $1 AND version = $2 AND coalesce(sha256, '') = coalesce($3, '')",
            [prompt.name, prompt.version, prompt.sha256])
        guard let fields = found.first else {
            throw PostgresError.inconsistent(store: connection.url, reason: "a prompt vanished while it was being stored")
        }
        let id = try PostgresRow(fields, table: "prompts", store: connection.url) { "the row just stored" }.integer(0, "id")
        var hasText = fields.count > 1 && fields[1] == "t"
        if let text, !hasText {
            try connection.execute("UPDATE prompts SET text = $1 WHERE id = $2 AND text IS NULL", [text, String(id)])
            hasText = true
        }
        promptIDs[prompt] = (id, hasText)
        return id
    }
}
