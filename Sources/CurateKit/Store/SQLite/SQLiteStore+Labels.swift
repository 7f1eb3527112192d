extension SQLiteStore {
    /// Runs `body` with a ``SQLiteLabelWriter`` inside one write transaction.
    ///
    /// Everything `body` adds is committed when it returns and rolled back when it throws,
    /// so an invocation that is refused, or killed, leaves the store as it was.
    /// - Parameters:
    ///   - sources: the names of the inputs, kept in the ingest log.
    ///   - ingestedAt: the time recorded as every new label's `ingested_at`.
    func ingest<T>(sources: [String], ingestedAt: Timestamp, _ body: (any LabelBatchWriter) throws -> T) throws -> T {
        try ingest(sources: sources, ingestedAt: ingestedAt, keyRunLength: LabelKeys.defaultRunLength, body)
    }

    /// ``ingest(sources:ingestedAt:_:)``, holding at most `keyRunLength` new id keys before
    /// storing them (``LabelKeys``): tests make the runs short.
    func ingest<T>(
        sources: [String], ingestedAt: Timestamp, keyRunLength: Int, _ body: (any LabelBatchWriter) throws -> T
    ) throws -> T {
        // The writer takes every tuple and ingest id from rows it just found or made, so SQLite's
        // own check of those references (two lookups per label) is switched off for the ingest.
        // The setting only changes outside a transaction.
        try connection.execute("PRAGMA foreign_keys = OFF")
        defer { try? connection.execute("PRAGMA foreign_keys = ON") }
        return try transaction {
            let log = try connection.prepare("INSERT INTO ingests (ingested_at, sources) VALUES (?, ?)")
            let sourcesJSON = JSONWriter.canonical(.array(sources.map { .string($0) }))
            try log.run([.integer(ingestedAt.nanosecondsSinceEpoch), .text(sourcesJSON)])
            let ingestID = connection.lastInsertRowID
            // Into an empty store, the export index is built once from the labels at the end
            // rather than entry by entry at random places as they arrive: a first import of a
            // large log spends most of its time there once the index outgrows the page cache.
            let exportIndex = try isEmpty() ? try dropExportIndex() : nil
            let writer = try SQLiteLabelWriter(connection: connection, ingestID: ingestID, keyRunLength: keyRunLength)
            let result = try body(writer)
            try writer.finish()
            if let exportIndex { try build(exportIndex) }
            return result
        }
    }

    /// Drops `labels_export`, the index export, stale and audit read labels through.
    /// - Returns: the statement that made it, as the store's schema holds it.
    private func dropExportIndex() throws(StoreError) -> String {
        let definition = try connection.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'labels_export'")
            .rows { $0.string(0) }.first ?? nil
        guard let definition else { throw .inconsistent(path: path, reason: "the export index labels_export is missing") }
        try connection.execute("DROP INDEX labels_export")
        return definition
    }

    /// Builds an index by `definition` from the labels stored, its sort spilling to files.
    /// SQLite sorts runs as large as the page cache in memory, beside the cache itself; here
    /// on two threads (the ingest's parse workers are done), one run each, so the cache is a
    /// quarter of its size meanwhile and the peak memory of the build stays below the ingest's.
    private func build(_ definition: String) throws {
        try connection.execute("PRAGMA cache_size = -\(Self.pageCacheKiB / 4); PRAGMA threads = 1")
        defer { try? connection.execute("PRAGMA cache_size = -\(Self.pageCacheKiB); PRAGMA threads = 0") }
        try spillingTemporaryData { try connection.execute(definition) }
    }

    /// Whether the store holds no label.
    private func isEmpty() throws(StoreError) -> Bool {
        try connection.prepare("SELECT 1 FROM labels LIMIT 1").rows { _ in true }.isEmpty
    }
}
