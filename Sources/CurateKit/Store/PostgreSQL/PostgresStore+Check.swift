extension PostgresStore {
    /// Checks the whole store, in one read snapshot (an ingest running meanwhile is not seen
    /// half done): every label's content hash recomputed from its stored values and its tuple
    /// (``StoredLabelDigest``) against its `content_sha256`, the labels streamed so memory stays
    /// flat; every value curate reads back where it must be well formed (tuples, labels); and each
    /// `tuple_labels` row's count and `created_at` span against the labels of its task and tuple.
    ///
    /// There is no structural check like SQLite's `PRAGMA integrity_check` (``StoreCheckReport/pages``
    /// stays 0): the server keeps its own files, and what PostgreSQL offers (`amcheck`) is an
    /// extension to install with rights a user of the store may not have.
    ///
    /// A part of the store the server cannot read (a table dropped or no longer readable) is a
    /// problem of the report, and the other checks still run.
    /// - Throws: ``PostgresError`` when the connection or the server fails.
    func check() throws -> StoreCheckReport {
        try readSnapshot {
            var report = StoreCheckReport(path: location)
            var producers: [Int64: LabelRecord.Producer] = [:]
            try checking("tuples", &report) { report in producers = try readProducers(&report) }
            try checking("labels", &report) { report in try checkContent(producers, &report) }
            try checking("tuple_labels", &report, checkTupleCounts)
            return report
        }
    }

    /// Runs one part of the check inside a savepoint; a statement the server refuses becomes a
    /// problem (and the savepoint is rolled back so the next part runs), except a lost
    /// connection, a conflict or a server out of resources, which the caller is told about.
    private func checking(
        _ part: String, _ report: inout StoreCheckReport, _ body: (inout StoreCheckReport) throws -> Void
    ) throws {
        try connection.execute("SAVEPOINT curate_check")
        do {
            try body(&report)
        } catch let error as PostgresError where !Self.endsTheCheck(error) {
            try connection.execute("ROLLBACK TO SAVEPOINT curate_check")
            let message = switch error {
            case .statementFailed(_, let state, let text): "PostgreSQL error \(state): \(text)"
            default: error.errorDescription ?? "\(error)"
            }
            report.add(.unreadable(part: part, message: message))
        }
        try connection.execute("RELEASE SAVEPOINT curate_check")
    }

    /// Whether `error` is one the check cannot go on after: a lost connection, a conflict (the
    /// snapshot is then read again whole), a server out of resources or shutting down.
    private static func endsTheCheck(_ error: PostgresError) -> Bool {
        error.sqlState.map { ["08", "40", "53", "57"].contains($0.prefix(2)) } ?? false
    }

    /// The producer each tuple's records stated when they were hashed, by tuple id.
    private func readProducers(_ report: inout StoreCheckReport) throws -> [Int64: LabelRecord.Producer] {
        let rows = try connection.query("""
            SELECT t.id, t.prompt_id, '' AS task, t.origin, t.model, t.annotator, p.name, p.version, p.sha256, t.hash_status
            FROM tuples t LEFT JOIN prompts p ON p.id = t.prompt_id
            ORDER BY t.id
            """)
        var producers: [Int64: LabelRecord.Producer] = [:]
        for fields in rows {
            report.tuples += 1
            let row = PostgresRow(fields, table: "tuples", store: url) { "row id \(fields[0] ?? "NULL")" }
            do {
                let id = try row.integer(0, "id")
                producers[id] = report.statedProducer(ofTuple: id, try row.provenanceTuple(from: 2), promptRow: fields[1] ?? "NULL")
            } catch {
                report.add(try Self.problem(error))
            }
        }
        return producers
    }

    /// Recomputes every label's content hash and compares it with the stored one.
    private func checkContent(_ producers: [Int64: LabelRecord.Producer], _ report: inout StoreCheckReport) throws {
        var digest = StoredLabelDigest()
        var unverifiable: [Int64: Int] = [:]
        var bytes: [UInt8] = []
        try connection.copyOut("""
            COPY (SELECT seq, id, content_sha256, tuple_id, task, input_id, created_at, output, input, params, run, meta, supersedes
                  FROM labels) TO STDOUT
            """) { fields in
            report.labels += 1
            let row = PostgresRow(fields, table: "labels", store: url) {
                "row seq \(fields[0] ?? "NULL") (id \(fields[1] ?? "NULL"))"
            }
            do {
                let tupleID = try row.integer(3, "tuple_id")
                guard let producer = producers[tupleID] else {
                    unverifiable[tupleID, default: 0] += 1
                    return
                }
                let (id, seq, createdAt) = (try row.text(1, "id"), try row.integer(0, "seq"), try row.integer(6, "created_at"))
                // The texts' bytes, one after another in one buffer reused from row to row.
                bytes.removeAll(keepingCapacity: true)
                func append(_ text: String) -> Range<Int> {
                    let start = bytes.count
                    bytes.append(contentsOf: text.utf8)
                    return start..<bytes.count
                }
                let (task, inputID, output) = (append(try row.text(4, "task")), append(try row.text(5, "input_id")), append(try row.text(7, "output")))
                let optional = (8...12).map { row.optionalText($0).map(append) }
                let computed = bytes.withUnsafeBytes { all in
                    let text = { (range: Range<Int>) in UnsafeRawBufferPointer(rebasing: all[range]) }
                    return digest.digest(
                        task: text(task), inputID: text(inputID), output: text(output), input: optional[0].map(text),
                        params: optional[1].map(text), run: optional[2].map(text), meta: optional[3].map(text),
                        supersedes: optional[4].map(text), createdAt: createdAt, producer: producer)
                }
                if row.optionalText(2) != "\\x" + SHA256Hex.hex(computed) { report.add(.contentChanged(labelID: id, seq: seq)) }
            } catch {
                report.add(try Self.problem(error))
            }
        }
        for (tupleID, labels) in unverifiable.sorted(by: { $0.key < $1.key }) {
            report.add(.unverifiable(tupleID: tupleID, labels: labels))
        }
    }

    /// Compares `tuple_labels` with the labels it counts.
    private func checkTupleCounts(_ report: inout StoreCheckReport) throws {
        let stored = try tupleSpans(report: &report, table: "tuple_labels", sql: """
            SELECT task, tuple_id, labels, first_created_at, last_created_at FROM tuple_labels
            """)
        let counted = try tupleSpans(report: &report, table: "labels", sql: """
            SELECT task, tuple_id, count(*), min(created_at), max(created_at) FROM labels GROUP BY task, tuple_id
            """)
        report.compareTupleCounts(stored: stored, counted: counted)
    }

    /// Label counts and spans by task and tuple from `sql`, whose columns are those of `tuple_labels`.
    private func tupleSpans(
        report: inout StoreCheckReport, table: String, sql: String
    ) throws -> [StoreCheckReport.TupleCountKey: StoreCheckReport.TupleSpan] {
        var spans: [StoreCheckReport.TupleCountKey: StoreCheckReport.TupleSpan] = [:]
        for fields in try connection.query(sql) {
            let row = PostgresRow(fields, table: table, store: url) {
                "row (task, tuple_id) = (\(fields[0] ?? "NULL"), \(fields[1] ?? "NULL"))"
            }
            do {
                let key = StoreCheckReport.TupleCountKey(task: try row.text(0, "task"), tupleID: try row.integer(1, "tuple_id"))
                spans[key] = StoreCheckReport.TupleSpan(
                    labels: try row.integer(2, "labels"),
                    first: try row.timestamp(3, "first_created_at"), last: try row.timestamp(4, "last_created_at"))
            } catch {
                report.add(try Self.problem(error))
            }
        }
        return spans
    }

    /// A bad value as a problem of the report; any other error is rethrown.
    private static func problem(_ error: any Error) throws -> StoreCheckReport.Problem {
        guard case PostgresError.badValue(_, let table, let row, let column, let value) = error else { throw error }
        return .badValue(table: table, row: row, column: column, value: value)
    }
}
