extension PostgresStore {
    /// Runs `body` with the store's whole contents, every part read from one snapshot
    /// (REPEATABLE READ).
    func readContents<T>(_ body: (any StoreContents) throws -> T) throws -> T {
        try readSnapshot { try body(PostgresStoreContents(connection: connection)) }
    }

    /// Writes `contents` into this store, ids kept, in one write transaction: each table in
    /// bulk with `COPY … FROM STDIN`, labels as they stream, then each identity sequence set
    /// past the ids copied, so the next ingest, flag or retraction takes the next number.
    ///
    /// The tables are locked against other writers first (readers go on), so no ingest can
    /// slip in between the check that the store is empty and the copy.
    /// - Throws: ``StoreCopyError/targetNotEmpty(store:tables:)`` when the store holds any row,
    ///   before anything is written.
    func writeContents(_ contents: any StoreContents) throws -> StoreCopyCounts {
        try connection.transaction(.write) {
            try connection.execute("LOCK TABLE \(StoreCopier.tables.joined(separator: ", ")) IN EXCLUSIVE MODE")
            let occupied = try connection.query(StoreCopier.occupiedTablesQuery).compactMap { $0.first ?? nil }
            guard occupied.isEmpty else { throw StoreCopyError.targetNotEmpty(store: location, tables: occupied) }
            var counts = StoreCopyCounts()
            counts.ingests = try copy("ingests (id, ingested_at, sources)", contents.ingests()) { ingest, writer in
                writer.integer(ingest.id)
                writer.integer(ingest.ingestedAt.nanosecondsSinceEpoch)
                try writer.text(ingest.sources, field: "ingest \(ingest.id), field sources")
            }
            counts.prompts = try copy("prompts (id, name, version, sha256, text)", contents.prompts()) { prompt, writer in
                let field = { (column: String) in "prompt \(prompt.name)@\(prompt.version), field \(column)" }
                writer.integer(prompt.id)
                try writer.text(prompt.name, field: field("name"))
                try writer.text(prompt.version, field: field("version"))
                try writer.text(prompt.sha256, field: field("sha256"))
                try writer.text(prompt.text, field: field("text"))
            }
            counts.tuples = try copy("tuples (id, origin, model, annotator, prompt_id, hash_status)", contents.tuples()) { tuple, writer in
                let field = { (column: String) in "tuple \(tuple.id), field \(column)" }
                writer.integer(tuple.id)
                try writer.text(tuple.origin.rawValue, field: field("origin"))
                try writer.text(tuple.model, field: field("model"))
                try writer.text(tuple.annotator, field: field("annotator"))
                try writer.text(tuple.promptID.map(String.init), field: field("prompt_id"))
                try writer.text(tuple.hashStatus?.rawValue, field: field("hash_status"))
            }
            counts.labels = try connection.copyIn("COPY labels (seq, \(PostgresLabelRow.columns)) FROM STDIN") { writer in
                try contents.forEachLabel { label in
                    writer.integer(label.seq)
                    try label.columns.write(to: writer)
                    try writer.endRow()
                }
            }
            counts.tupleCounts = try copy("tuple_labels (task, tuple_id, labels, first_created_at, last_created_at)", contents.tupleCounts()) { count, writer in
                try writer.text(count.task, field: "tuple count of task \(count.task), field task")
                writer.integer(count.tupleID)
                writer.integer(count.labels)
                writer.integer(count.firstCreatedAt.nanosecondsSinceEpoch)
                writer.integer(count.lastCreatedAt.nanosecondsSinceEpoch)
            }
            counts.flags = try copy("flags (id, kind, target, reason, created_at)", contents.flags()) { copied, writer in
                let flag = copied.flag
                try Self.writeEntry("flag", id: copied.id, kind: flag.kind.rawValue, target: flag.target, reason: flag.reason, at: flag.createdAt, to: writer)
            }
            counts.retractions = try copy("retractions (id, kind, target, reason, created_at)", contents.retractions()) { retraction, writer in
                try Self.writeEntry(
                    "retraction", id: retraction.id, kind: retraction.kind.rawValue, target: retraction.target, reason: retraction.reason,
                    at: retraction.createdAt, to: writer)
            }
            counts.retractedLabels = try connection.copyIn("COPY retracted_labels (label_id, retraction_id) FROM STDIN") { writer in
                try contents.forEachRetractedLabel { retracted in
                    try writer.text(retracted.labelID, field: "retracted label \(retracted.labelID), field label_id")
                    writer.integer(retracted.retractionID)
                    try writer.endRow()
                }
            }
            let batchColumns = "sha256, task, origin, model, annotator, prompt_name, prompt_version, prompt_sha256, hash_status, records"
            counts.storedBatches = try copy("stored_batches (\(batchColumns))", contents.storedBatches()) { batch, writer in
                let field = { (column: String) in "stored batch \(SHA256Hex.hex(batch.sha256)), field \(column)" }
                writer.bytes(batch.sha256)
                try writer.text(batch.tuple.task, field: field("task"))
                try writer.text(batch.tuple.origin.rawValue, field: field("origin"))
                try writer.text(batch.tuple.model, field: field("model"))
                try writer.text(batch.tuple.annotator, field: field("annotator"))
                try writer.text(batch.tuple.prompt?.name, field: field("prompt_name"))
                try writer.text(batch.tuple.prompt?.version, field: field("prompt_version"))
                try writer.text(batch.tuple.prompt?.sha256, field: field("prompt_sha256"))
                try writer.text(batch.tuple.hashStatus?.rawValue, field: field("hash_status"))
                writer.integer(batch.records)
            }
            try setIdentitiesPastCopiedIDs()
            return counts
        }
    }

    /// Copies `rows` into `table` (its name and the columns `write` fills, in order) in one COPY.
    /// - Returns: how many rows the server stored.
    private func copy<Row>(_ table: String, _ rows: [Row], _ write: (Row, PostgresCopyWriter) throws -> Void) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try connection.copyIn("COPY \(table) FROM STDIN") { writer in
            for row in rows {
                try write(row, writer)
                try writer.endRow()
            }
        }
    }

    /// Writes the columns flags and retractions share: id, kind, target, reason, created_at.
    /// - Parameter entry: what the row is, for an error: "flag" or "retraction".
    private static func writeEntry(
        _ entry: String, id: Int64, kind: String, target: String, reason: String, at time: Timestamp, to writer: PostgresCopyWriter
    ) throws(PostgresError) {
        writer.integer(id)
        try writer.text(kind, field: "\(entry) \(id), field kind")
        try writer.text(target, field: "\(entry) \(id), field target")
        try writer.text(reason, field: "\(entry) \(id), field reason")
        writer.integer(time.nanosecondsSinceEpoch)
    }

    /// Sets each identity sequence to the highest id its table holds (a table without rows keeps its sequence).
    private func setIdentitiesPastCopiedIDs() throws {
        let identities = [("ingests", "id"), ("prompts", "id"), ("tuples", "id"), ("labels", "seq"), ("flags", "id"), ("retractions", "id")]
        _ = try connection.query("SELECT " + identities.map { table, column in
            "setval(pg_get_serial_sequence('\(table)', '\(column)'), (SELECT max(\(column)) FROM \(table)))"
        }.joined(separator: ", "))
    }
}
