/// A PostgreSQL store's whole contents (``StoreContents``), read through its connection inside
/// the read snapshot of ``PostgresStore/readContents(_:)``: the small tables by query, labels
/// and retracted labels streamed with `COPY … TO STDOUT`.
final class PostgresStoreContents: StoreContents {
    private let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    func ingests() throws -> [CopiedIngest] {
        try rows("SELECT id, ingested_at, sources FROM ingests ORDER BY id", table: "ingests") { row in
            CopiedIngest(id: try row.integer(0, "id"), ingestedAt: try row.timestamp(1, "ingested_at"), sources: try row.text(2, "sources"))
        }
    }

    func prompts() throws -> [CopiedPrompt] {
        try rows("SELECT id, name, version, sha256, text FROM prompts ORDER BY id", table: "prompts") { row in
            CopiedPrompt(
                id: try row.integer(0, "id"), name: try row.text(1, "name"), version: try row.text(2, "version"),
                sha256: row.optionalText(3), text: row.optionalText(4))
        }
    }

    func tuples() throws -> [CopiedTuple] {
        try rows("SELECT id, origin, model, annotator, prompt_id, hash_status FROM tuples ORDER BY id", table: "tuples") { row in
            CopiedTuple(
                id: try row.integer(0, "id"), origin: try row.value(1, "origin"), model: row.optionalText(2), annotator: row.optionalText(3),
                promptID: try row.optionalInteger(4, "prompt_id"), hashStatus: try row.optionalValue(5, "hash_status"))
        }
    }

    func forEachLabel(_ body: (CopiedLabel) throws -> Void) throws {
        // No index orders labels by seq: the server sorts them, on disk past its work_mem.
        try connection.copyOut("COPY (SELECT seq, \(PostgresLabelRow.columns) FROM labels ORDER BY seq) TO STDOUT") { fields in
            let label = try PostgresLabelRow(fields: Array(fields.dropFirst()), store: connection.url)
            let seq = try PostgresRow(fields, table: "labels", store: connection.url) { "row id \(label.id)" }.integer(0, "seq")
            try body(CopiedLabel(seq: seq, columns: label))
        }
    }

    func tupleCounts() throws -> [CopiedTupleCount] {
        let sql = "SELECT task, tuple_id, labels, first_created_at, last_created_at FROM tuple_labels ORDER BY task, tuple_id"
        return try rows(sql, table: "tuple_labels", key: { "row (task, tuple_id) = (\($0[0] ?? "NULL"), \($0[1] ?? "NULL"))" }) { row in
            CopiedTupleCount(
                task: try row.text(0, "task"), tupleID: try row.integer(1, "tuple_id"), labels: try row.integer(2, "labels"),
                firstCreatedAt: try row.timestamp(3, "first_created_at"), lastCreatedAt: try row.timestamp(4, "last_created_at"))
        }
    }

    func flags() throws -> [CopiedFlag] {
        try rows("SELECT id, kind, target, reason, created_at FROM flags ORDER BY id", table: "flags") { row in
            let flag = LabelFlag(
                kind: try row.value(1, "kind"), target: try row.text(2, "target"), reason: try row.text(3, "reason"),
                createdAt: try row.timestamp(4, "created_at"))
            return CopiedFlag(id: try row.integer(0, "id"), flag: flag)
        }
    }

    func retractions() throws -> [Retraction] {
        try rows("SELECT id, kind, target, reason, created_at FROM retractions ORDER BY id", table: "retractions") { row in
            Retraction(
                id: try row.integer(0, "id"), kind: try row.value(1, "kind"), target: try row.text(2, "target"),
                reason: try row.text(3, "reason"), createdAt: try row.timestamp(4, "created_at"))
        }
    }

    func forEachRetractedLabel(_ body: (CopiedRetractedLabel) throws -> Void) throws {
        try connection.copyOut("""
            COPY (SELECT r.label_id, r.retraction_id FROM retracted_labels r JOIN labels l ON l.id = r.label_id ORDER BY l.seq) TO STDOUT
            """) { fields in
            let row = PostgresRow(fields, table: "retracted_labels", store: connection.url) { "row label_id \(fields.first.flatMap { $0 } ?? "NULL")" }
            try body(CopiedRetractedLabel(labelID: try row.text(0, "label_id"), retractionID: try row.integer(1, "retraction_id")))
        }
    }

    func storedBatches() throws -> [CopiedStoredBatch] {
        // The table has no key: ctid is the order rows were stored in, as nothing updates or deletes them.
        let sql = """
            SELECT task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records, sha256
            FROM stored_batches ORDER BY ctid
            """
        return try rows(sql, table: "stored_batches", key: { "row with sha256 \($0[9] ?? "NULL")" }) { row in
            CopiedStoredBatch(sha256: try row.bytes(9, "sha256"), tuple: try row.provenanceTuple(from: 0), records: try row.integer(8, "records"))
        }
    }

    /// The rows of `sql` read by `read`, each told where it is by `key` (its id, the first column, by default).
    private func rows<Row>(
        _ sql: String, table: String, key: @escaping ([String?]) -> String = { "row id \($0.first.flatMap { $0 } ?? "NULL")" },
        _ read: (PostgresRow) throws -> Row
    ) throws -> [Row] {
        try connection.query(sql).map { values in
            try read(PostgresRow(values, table: table, store: connection.url) { key(values) })
        }
    }
}
