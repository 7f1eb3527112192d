/// The input batches an ingest stored whole (the `stored_batches` table), by the SHA-256 of
/// their bytes: every line a record, stored as a label (new or a duplicate). The same bytes
/// read again are the same labels, stored already, so an ingest counts them as duplicates
/// without parsing them; a file ingested again, or grown by appending, is mostly such batches.
///
/// Only ingest reads and writes these rows, inside its transaction.
final class StoredBatches {
    private let insert: Statement
    private let find: Statement
    /// The store's path, for errors.
    private let path: String
    /// The digest of every batch stored whole, including the ones this ingest added.
    private(set) var digests: Set<StoredBatchDigest> = []

    init(connection: SQLiteConnection) throws(StoreError) {
        path = connection.path
        insert = try connection.prepare("""
            INSERT INTO stored_batches
                (sha256, task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        find = try connection.prepare("""
            SELECT task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records
            FROM stored_batches WHERE sha256 = ?
            """)
        let all = try connection.prepare("SELECT DISTINCT sha256 FROM stored_batches")
        digests = Set(try all.rows { row in row.withBlob(0) { StoredBatchDigest($0) } })
    }

    /// The provenance the records of batch `digest` state (before any prompt is resolved),
    /// with how many records state each.
    /// - Parameter lines: the batch's lines, which its records must add up to.
    func provenance(of digest: StoredBatchDigest, lines: Int) throws(StoreError) -> [(tuple: ProvenanceTuple, records: Int)] {
        let place = Statement.RowPlace(table: "stored_batches") { "row with sha256 \(SHA256Hex.hex(digest))" }
        let provenance = try find.rows([.blob(digest)]) { row throws(StoreError) in
            (tuple: try row.provenanceTuple(of: place), records: Int(try row.integer(8, of: place)))
        }
        let records = provenance.reduce(0) { $0 + $1.records }
        guard records == lines else {
            throw StoreError.badValue(
                path: path, table: "stored_batches", row: place.key(), column: "records",
                value: "\(records) records in all for a batch of \(lines) lines")
        }
        return provenance
    }

    /// Records batch `digest` as stored whole, its records stating `provenance`; a batch
    /// recorded already is left as it is.
    func add(_ digest: StoredBatchDigest, provenance: [(tuple: ProvenanceTuple, records: Int)]) throws(StoreError) {
        guard digests.insert(digest).inserted else { return }
        for (tuple, records) in provenance {
            try insert.run([
                .blob(digest), .text(tuple.task), .text(tuple.origin.rawValue), .text(tuple.model), .text(tuple.annotator),
                .text(tuple.prompt?.name), .text(tuple.prompt?.version), .text(tuple.prompt?.sha256),
                .text(tuple.hashStatus?.rawValue), .integer(Int64(records)),
            ])
        }
    }
}
