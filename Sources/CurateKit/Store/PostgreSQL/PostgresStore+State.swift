extension PostgresStore {
    /// The store's labels as a whole: their count, a digest of their ids, the last ingest;
    /// the same digest as ``SQLiteStore/state(throughIngest:)`` gives for the same labels.
    ///
    /// The table keeps no id keys (``RecordIDKey``), so the ids are streamed through COPY and
    /// their keys worked out here, held (8 bytes a label: 80 MB at 10M labels), then sorted.
    /// - Parameter ingest: count only labels of this ingest and earlier ones (a rebuild from a
    ///   manifest); nil for every label.
    func state(throughIngest ingest: Int64?) throws -> StoreState {
        let last = try lastIngestID() ?? 0
        let through = ingest.map { min($0, last) } ?? last
        var keys: [Int64] = []
        let filter = through < last ? " WHERE ingest_id <= current_setting('curate.arg1')::bigint" : ""
        try connection.copyOut("COPY (SELECT id FROM labels\(filter)) TO STDOUT", through < last ? [String(through)] : []) { fields in
            keys.append(RecordIDKey.of(try row(fields, of: "labels") { "an id" }.text(0, "id")))
        }
        keys.sort()
        var digest = IDKeysDigest()
        keys.forEach { digest.add($0) }
        return digest.state(lastIngest: through)
    }

    /// The id of the latest ingest; nil before the first.
    func lastIngestID() throws -> Int64? {
        let fields = try connection.query("SELECT max(id) FROM ingests").first ?? [nil]
        return try row(fields, of: "ingests") { "the highest id" }.optionalInteger(0, "id")
    }
}
