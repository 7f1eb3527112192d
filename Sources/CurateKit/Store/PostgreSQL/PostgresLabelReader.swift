/// Reads labels out of a PostgreSQL store as a stream, for export.
enum PostgresLabelReader {
    /// Hands `body` every label of `task`, one at a time, in export order: by input id, then
    /// creation time, then record id, all compared as bytes (as the SQLite store orders them).
    ///
    /// One snapshot (a read-only REPEATABLE READ transaction), streamed with `COPY … TO
    /// STDOUT` through the export index, so memory stays flat however many labels there are.
    /// - Returns: how many labels were read.
    /// - Throws: ``PostgresError/badValue(store:table:row:column:value:)`` for a row curate
    ///   never writes, what `body` throws, or the server's error.
    @discardableResult
    static func labels(ofTask task: String, in connection: PostgresConnection, _ body: (PostgresLabelRow) throws -> Void) throws -> Int {
        try connection.transaction(.read) {
            try connection.copyOut("""
                COPY (SELECT \(PostgresLabelRow.columns) FROM labels WHERE task = current_setting('curate.arg1')
                      ORDER BY input_id, created_at, id) TO STDOUT
                """, [task]) { fields in
                try body(PostgresLabelRow(fields: fields, store: connection.url))
            }
        }
    }
}
