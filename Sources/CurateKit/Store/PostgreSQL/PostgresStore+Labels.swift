extension PostgresStore {
    /// Runs `body` with a ``PostgresLabelWriter`` inside one write transaction.
    ///
    /// Everything `body` adds is committed when it returns and rolled back when it throws,
    /// so an invocation that is refused, or killed, leaves the store as it was. The
    /// transaction is not retried: `body` consumes its input as it goes. So ingests take
    /// turns, through a transaction-level advisory lock: two writers adding overlapping
    /// labels a batch at a time would otherwise each wait for a label the other added in an
    /// earlier batch, a deadlock one of them loses. The lock also numbers ingests without gaps.
    /// - Parameters:
    ///   - sources: the names of the inputs, kept in the ingest log.
    ///   - ingestedAt: the time recorded as every new label's `ingested_at`.
    func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (any LabelBatchWriter) throws -> T) throws -> T {
        try connection.transaction(.write, retried: false) {
            _ = try connection.query("SELECT pg_advisory_xact_lock(hashtext('curate.ingest'))")
            let sourcesJSON = JSONWriter.canonical(.array(sources.map { .string($0) }))
            // Numbered after the last ingest rather than by the identity sequence, which a refused
            // ingest would leave a gap in: ingests are numbered from 1 without gaps, as in SQLite,
            // so `retract ingest N` and a manifest's last ingest mean the same in either store.
            let logged = try connection.query("""
                INSERT INTO ingests (id, ingested_at, sources) SELECT coalesce(max(id), 0) + 1, $1, $2 FROM ingests RETURNING id
                """, [String(ingestedAt.nanosecondsSinceEpoch), sourcesJSON])
            let ingestID = try PostgresRow(logged.first ?? [], table: "ingests", store: url) { "the row just inserted" }.integer(0, "id")
            let writer = try PostgresLabelWriter(connection: connection, ingestID: ingestID)
            let result = try body(writer)
            try writer.storeTupleCounts()
            return result
        }
    }
}
