extension PostgresStore {
    /// Runs `body` with a ``PostgresLabelWriter`` inside one write transaction.
    ///
    /// Everything `body` adds is committed when it returns and rolled back when it throws,
    /// so an invocation that is refused, or killed, leaves the store as it was. The
    /// transaction is not retried: `body` consumes its input as it goes. So ingests take
    /// turns, through a transaction-level advisory lock: two writers adding overlapping
    /// labels a batch at a time would otherwise each wait for a label the other added in an
    /// earlier batch, a deadlock one of them loses.
    /// - Parameters:
    ///   - sources: the names of the inputs, kept in the ingest log.
    ///   - ingestedAt: the time recorded as every new label's `ingested_at`.
    func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (any LabelBatchWriter) throws -> T) throws -> T {
        try connection.transaction(.write, retried: false) {
            _ = try connection.query("SELECT pg_advisory_xact_lock(hashtext('curate.ingest'))")
            let sourcesJSON = JSONWriter.canonical(.array(sources.map { .string($0) }))
            let logged = try connection.query(
                "INSERT INTO ingests (ingested_at, sources) VALUES ($1, $2) RETURNING id", [String(ingestedAt.nanosecondsSinceEpoch), sourcesJSON])
            guard let text = logged.first?.first ?? nil, let ingestID = Int64(text) else {
                throw PostgresError.badValue(store: url, table: "ingests", row: "the row just inserted", column: "id", value: logged.first?.first.flatMap { $0 } ?? "NULL")
            }
            let writer = try PostgresLabelWriter(connection: connection, ingestID: ingestID)
            let result = try body(writer)
            try writer.storeTupleCounts()
            return result
        }
    }
}
