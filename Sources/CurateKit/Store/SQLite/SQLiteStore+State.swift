extension SQLiteStore {
    /// The store's labels as a whole: their count, a digest of their ids, the last ingest.
    ///
    /// Reads `label_keys` and the `collided` labels' index in key order, one key at a time, so
    /// memory stays flat.
    /// - Parameter ingest: count only labels of this ingest and earlier ones (a rebuild from a
    ///   manifest); nil for every label.
    func state(throughIngest ingest: Int64?) throws -> StoreState {
        let last = try lastIngestID() ?? 0
        let through = ingest.map { min($0, last) } ?? last
        // The ingest filter, needed only when later ingests exist, costs a row lookup per label.
        let filter = through < last ? " AND ingest_id <= ?" : ""
        let values: [Statement.Value] = through < last ? [.integer(through)] : []
        let place = Statement.RowPlace(table: "labels") { "an id_key" }
        // Keys shared by several ids (`collided`) are rare: those are held in memory and merged in.
        var collided = try connection.prepare("SELECT id_key FROM labels WHERE collided = 1\(filter) ORDER BY id_key")
            .rows(values) { row throws(StoreError) in try row.integer(0, of: place) }[...]
        let keys = try connection.prepare(through < last
            ? "SELECT k.id_key FROM label_keys AS k JOIN labels AS l ON l.seq = k.seq WHERE l.ingest_id <= ? ORDER BY k.id_key"
            : "SELECT id_key FROM label_keys ORDER BY id_key")
        defer { keys.reset() }
        keys.bind(values)
        var digest = IDKeysDigest()
        while try keys.step() {
            let key = try keys.integer(0, of: place)
            while let first = collided.first, first <= key { digest.add(collided.removeFirst()) }
            digest.add(key)
        }
        collided.forEach { digest.add($0) }
        return digest.state(lastIngest: through)
    }
}
