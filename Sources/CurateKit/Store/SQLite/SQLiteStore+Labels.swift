extension SQLiteStore {
    /// Runs `body` with a ``SQLiteLabelWriter`` inside one write transaction.
    ///
    /// Everything `body` adds is committed when it returns and rolled back when it throws,
    /// so an invocation that is refused, or killed, leaves the store as it was.
    /// - Parameters:
    ///   - sources: the names of the inputs, kept in the ingest log.
    ///   - ingestedAt: the time recorded as every new label's `ingested_at`.
    func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (any LabelBatchWriter) throws -> T) throws -> T {
        // The writer takes every tuple and ingest id from rows it just found or made, so SQLite's
        // own check of those references (two lookups per label) is switched off for the ingest.
        // The setting only changes outside a transaction.
        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        return try transaction {
            let log = try connection.prepare("INSERT INTO ingests (ingested_at, sources) VALUES (?, ?)")
            let sourcesJSON = JSONWriter.canonical(.array(sources.map { .string($0) }))
            try log.run([.integer(ingestedAt.nanosecondsSinceEpoch), .text(sourcesJSON)])
            let writer = try SQLiteLabelWriter(connection: connection, ingestID: connection.lastInsertRowID)
            let result = try body(writer)
            try writer.storeTupleCounts()
            return result
        }
    }
}
