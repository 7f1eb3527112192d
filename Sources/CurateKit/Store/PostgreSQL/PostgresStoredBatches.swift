/// The input batches an ingest stored whole (the `stored_batches` table of a PostgreSQL
/// store), by the SHA-256 of their bytes: the twin of SQLite's ``StoredBatches``, read and
/// written only by ingest, inside its transaction.
final class PostgresStoredBatches {
    private let connection: PostgresConnection
    /// The digest of every batch stored whole, including the ones this ingest added.
    private(set) var digests: Set<StoredBatchDigest> = []

    /// Reads the digests of the batches stored so far.
    /// - Throws: ``PostgresError/badValue(store:table:row:column:value:)`` for a digest that is no `bytea`.
    init(connection: PostgresConnection) throws {
        self.connection = connection
        for row in try connection.query("SELECT DISTINCT sha256 FROM stored_batches") {
            let text = row.first ?? nil
            guard let text, let digest = PostgresLabelRow.bytea(text) else {
                throw PostgresError.badValue(store: connection.url, table: "stored_batches", row: "a row", column: "sha256", value: text ?? "NULL")
            }
            digests.insert(digest)
        }
    }

    /// The provenance the records of batch `digest` state (before any prompt is resolved),
    /// with how many records state each.
    /// - Parameter lines: the batch's lines, which its records must add up to.
    func provenance(of digest: StoredBatchDigest, lines: Int) throws -> [(tuple: ProvenanceTuple, records: Int)] {
        let rowName = "row with sha256 \(SHA256Hex.hex(digest))"
        let rows = try connection.query("""
            SELECT task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records
            FROM stored_batches WHERE sha256 = $1::bytea
            ORDER BY task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status
            """, [Self.bytea(digest)])
        let provenance = try rows.map { fields in try Self.provenance(of: fields, store: connection.url, row: rowName) }
        let records = provenance.reduce(0) { $0 + $1.records }
        guard records == lines else {
            throw PostgresError.badValue(
                store: connection.url, table: "stored_batches", row: rowName, column: "records",
                value: "\(records) records in all for a batch of \(lines) lines")
        }
        return provenance
    }

    /// Records batch `digest` as stored whole, its records stating `provenance`; a batch
    /// recorded already is left as it is.
    func add(_ digest: StoredBatchDigest, provenance: [(tuple: ProvenanceTuple, records: Int)]) throws {
        guard digests.insert(digest).inserted else { return }
        for (tuple, records) in provenance {
            try connection.execute("""
                INSERT INTO stored_batches
                    (sha256, task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records)
                VALUES ($1::bytea, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """, [
                    Self.bytea(digest), tuple.task, tuple.origin.rawValue, tuple.model, tuple.annotator,
                    tuple.prompt?.name, tuple.prompt?.version, tuple.prompt?.sha256, tuple.hashStatus?.rawValue, String(records),
                ])
        }
    }

    /// A row of `stored_batches` as the query of ``provenance(of:lines:)`` reads it: the
    /// tuple its columns name and its record count, each value checked as SQLite's
    /// ``StoredBatches`` checks it.
    private static func provenance(of fields: [String?], store: PostgresURL, row: String) throws(PostgresError) -> (tuple: ProvenanceTuple, records: Int) {
        let columns = ["task", "origin", "model", "annotator", "prompt_name", "prompt_version", "prompt_sha256", "hash_status", "records"]
        func bad(_ index: Int) -> PostgresError {
            .badValue(store: store, table: "stored_batches", row: row, column: columns[index], value: fields[index] ?? "NULL")
        }
        func text(_ index: Int) throws(PostgresError) -> String {
            guard let value = fields[index] else { throw bad(index) }
            return value
        }
        func value<Value: RawRepresentable<String>>(_ index: Int) throws(PostgresError) -> Value {
            guard let value = Value(rawValue: try text(index)) else { throw bad(index) }
            return value
        }
        guard fields.count == columns.count else {
            throw .badValue(store: store, table: "stored_batches", row: row, column: "(all)", value: "\(fields.count) columns")
        }
        let origin: Origin = try value(1)
        var tuple = ProvenanceTuple(task: try text(0), origin: origin, model: nil, annotator: nil, prompt: nil, hashStatus: nil)
        switch origin {
        case .llm:
            tuple.model = try text(2)
            tuple.prompt = PromptRef(name: try text(4), version: try text(5), sha256: fields[6])
            tuple.hashStatus = try value(7) as HashStatus
        case .human:
            tuple.annotator = try text(3)
        }
        guard let records = Int(try text(8)) else { throw bad(8) }
        return (tuple, records)
    }

    /// `digest` in the hex text form of a `bytea` value.
    private static func bytea(_ digest: StoredBatchDigest) -> String {
        "\\x" + SHA256Hex.hex(digest)
    }
}
