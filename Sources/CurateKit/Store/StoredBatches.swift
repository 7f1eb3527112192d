/// The input batches an ingest stored whole (the `stored_batches` table), by the SHA-256 of
/// their bytes: every line a record, stored as a label (new or a duplicate). The same bytes
/// read again are the same labels, stored already, so an ingest counts them as duplicates
/// without parsing them; a file ingested again, or grown by appending, is mostly such batches.
///
/// Only ingest reads and writes these rows, inside its transaction.
final class StoredBatches {
    /// The SHA-256 of a batch's bytes.
    typealias Digest = [UInt8]

    private let insert: Statement
    private let find: Statement
    /// The store's path, for errors.
    private let path: String
    /// The digest of every batch stored whole, including the ones this ingest added.
    private(set) var digests: Set<Digest> = []

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
        digests = Set(try all.rows { row in row.withBlob(0) { Digest($0) } })
    }

    /// The provenance the records of batch `digest` state (before any prompt is resolved),
    /// with how many records state each.
    /// - Parameter lines: the batch's lines, which its records must add up to.
    func provenance(of digest: Digest, lines: Int) throws(StoreError) -> [(tuple: ProvenanceTuple, records: Int)] {
        let provenance = try find.rows([.blob(digest)]) { row in
            let origin = row.string(1).flatMap(Origin.init(rawValue:)) ?? .llm
            let prompt = row.string(4).map { PromptRef(name: $0, version: row.string(5) ?? "", sha256: row.string(6)) }
            let tuple = ProvenanceTuple(
                task: row.string(0) ?? "", origin: origin, model: row.string(2), annotator: row.string(3),
                prompt: prompt, hashStatus: row.string(7).flatMap(HashStatus.init(rawValue:)))
            return (tuple: tuple, records: Int(row.int64(8) ?? 0))
        }
        let records = provenance.reduce(0) { $0 + $1.records }
        guard records == lines else {
            throw StoreError.inconsistent(path: path, reason: "it says a stored input batch holds \(records) records, but the batch has \(lines) lines")
        }
        return provenance
    }

    /// Records batch `digest` as stored whole, its records stating `provenance`; a batch
    /// recorded already is left as it is.
    func add(_ digest: Digest, provenance: [(tuple: ProvenanceTuple, records: Int)]) throws(StoreError) {
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
