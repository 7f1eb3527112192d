extension SQLiteStore {
    /// Checks the whole store, in one read snapshot (an ingest running meanwhile is not seen
    /// half done): SQLite's `PRAGMA integrity_check` of the file's structure; every label's
    /// content hash recomputed from its stored values and its tuple (``StoredLabelDigest``)
    /// against its `content_sha256`; every value curate reads back where it must be well formed
    /// (tuples, labels); each `tuple_labels` row's count and `created_at` span against the
    /// labels of its task and tuple; and `label_keys` against the labels it finds by id.
    ///
    /// A part of the store that cannot be read at all (SQLite reports it corrupt) is a problem
    /// of the report, and the other checks still run.
    /// - Throws: ``StoreError/busy(path:)`` when another process holds the store too long.
    func check() throws -> StoreCheckReport {
        try readSnapshot {
            var report = StoreCheckReport(path: path)
            try checking("integrity check", &report, checkIntegrity)
            var producers: [Int64: LabelRecord.Producer] = [:]
            try checking("tuples", &report) { report throws(StoreError) in producers = try readProducers(&report) }
            try checking("labels", &report) { report throws(StoreError) in try checkContent(producers, &report) }
            try checking("tuple_labels", &report, checkTupleCounts)
            try checking("label_keys", &report, checkIDKeys)
            return report
        }
    }

    /// Runs one part of the check; what makes the part unreadable becomes a problem, except a
    /// busy store, which the caller is told about.
    private func checking(
        _ part: String, _ report: inout StoreCheckReport, _ body: (inout StoreCheckReport) throws(StoreError) -> Void
    ) throws(StoreError) {
        do {
            try body(&report)
        } catch .busy(let path) {
            throw .busy(path: path)
        } catch .sqlite(_, let code, let message) {
            report.add(.unreadable(part: part, message: "SQLite error \(code): \(message)"))
        } catch {
            report.add(.unreadable(part: part, message: error.errorDescription ?? "\(error)"))
        }
    }

    private func checkIntegrity(_ report: inout StoreCheckReport) throws(StoreError) {
        report.pages = Int(try connection.prepare("PRAGMA page_count").rows { $0.int64(0) }.first.flatMap { $0 } ?? 0)
        let lines = try connection.prepare("PRAGMA integrity_check").rows { $0.string(0) }
        for case let line? in lines where line != "ok" {
            report.add(.integrity(line))
        }
    }

    /// The producer each tuple's records stated when they were hashed, by tuple id.
    private func readProducers(_ report: inout StoreCheckReport) throws(StoreError) -> [Int64: LabelRecord.Producer] {
        let statement = try connection.prepare("""
            SELECT '' AS task, t.origin, t.model, t.annotator, p.name AS prompt_name, p.version AS prompt_version,
                   p.sha256 AS prompt_sha256, t.hash_status, t.id, t.prompt_id
            FROM tuples t LEFT JOIN prompts p ON p.id = t.prompt_id
            """)
        defer { statement.reset() }
        var producers: [Int64: LabelRecord.Producer] = [:]
        while try statement.step() {
            report.tuples += 1
            guard let id = statement.int64(8) else { continue }  // a rowid: never NULL
            do {
                let tuple = try statement.provenanceTuple(of: Self.tupleRow(id))
                producers[id] = report.statedProducer(ofTuple: id, tuple, promptRow: statement.shownValue(9))
            } catch {
                report.add(try Self.problem(error))
            }
        }
        return producers
    }

    /// Recomputes every label's content hash and compares it with the stored one.
    private func checkContent(_ producers: [Int64: LabelRecord.Producer], _ report: inout StoreCheckReport) throws(StoreError) {
        let statement = try connection.prepare("""
            SELECT seq, id, content_sha256, tuple_id, task, input_id, created_at, output, input, params, run, meta, supersedes
            FROM labels
            """)
        defer { statement.reset() }
        var digest = StoredLabelDigest()
        var unverifiable: [Int64: Int] = [:]
        while try statement.step() {
            report.labels += 1
            let seq = statement.int64(0) ?? 0  // a rowid: never NULL
            let place = Statement.RowPlace(table: "labels") { "row seq \(seq) (id \(statement.shownValue(1)))" }
            do {
                let tupleID = try statement.integer(3, of: place)
                guard let producer = producers[tupleID] else {
                    unverifiable[tupleID, default: 0] += 1
                    continue
                }
                let computed = digest.digest(
                    task: try statement.textBytes(4, of: place), inputID: try statement.textBytes(5, of: place),
                    output: try statement.textBytes(7, of: place), input: statement.textBytes(8), params: statement.textBytes(9),
                    run: statement.textBytes(10), meta: statement.textBytes(11), supersedes: statement.textBytes(12), createdAt: try statement.integer(6, of: place),
                    producer: producer)
                let same = statement.withBlob(2) { stored in computed.withUnsafeBytes { $0.sameBytes(as: stored) } }
                if !same { report.add(.contentChanged(labelID: try statement.text(1, of: place), seq: seq)) }
            } catch {
                report.add(try Self.problem(error))
            }
        }
        for (tupleID, labels) in unverifiable.sorted(by: { $0.key < $1.key }) {
            report.add(.unverifiable(tupleID: tupleID, labels: labels))
        }
    }

    /// Compares `tuple_labels` with the labels it counts.
    private func checkTupleCounts(_ report: inout StoreCheckReport) throws(StoreError) {
        let stored = try tupleSpans(report: &report, table: "tuple_labels", sql: """
            SELECT task, tuple_id, labels, first_created_at, last_created_at FROM tuple_labels
            """)
        let counted = try tupleSpans(report: &report, table: "labels", sql: """
            SELECT task, tuple_id, count(*) AS labels, min(created_at) AS first_created_at, max(created_at) AS last_created_at
            FROM labels GROUP BY task, tuple_id
            """)
        report.compareTupleCounts(stored: stored, counted: counted)
    }

    /// Compares `label_keys` with the labels that are not `collided`: each such label has the
    /// entry of its id key, naming it, and no entry names another label.
    private func checkIDKeys(_ report: inout StoreCheckReport) throws(StoreError) {
        let problems = try connection.prepare("""
            SELECT k.id_key, k.seq, CASE WHEN l.seq IS NULL THEN 'names no label'
                                         WHEN l.collided = 1 THEN 'names a collided label'
                                         ELSE 'names a label whose id_key is ' || l.id_key END
            FROM label_keys AS k LEFT JOIN labels AS l ON l.seq = k.seq
            WHERE l.seq IS NULL OR l.collided = 1 OR l.id_key != k.id_key
            UNION ALL
            SELECT l.id_key, l.seq, 'the label, not collided, has no entry'
            FROM labels AS l
            WHERE l.collided = 0 AND NOT EXISTS (SELECT 1 FROM label_keys AS k WHERE k.id_key = l.id_key AND k.seq = l.seq)
            """)
        let place = Statement.RowPlace(table: "label_keys") { "an entry" }
        let found = try problems.rows { row throws(StoreError) in
            StoreCheckReport.Problem.idKey(key: try row.integer(0, of: place), seq: try row.integer(1, of: place), reason: try row.text(2, of: place))
        }
        found.forEach { report.add($0) }
    }

    /// Label counts and spans by task and tuple from `sql`, whose columns are those of `tuple_labels`.
    private func tupleSpans(
        report: inout StoreCheckReport, table: String, sql: String
    ) throws(StoreError) -> [StoreCheckReport.TupleCountKey: StoreCheckReport.TupleSpan] {
        let statement = try connection.prepare(sql)
        defer { statement.reset() }
        var spans: [StoreCheckReport.TupleCountKey: StoreCheckReport.TupleSpan] = [:]
        while try statement.step() {
            let place = Statement.RowPlace(table: table) { "row (task, tuple_id) = (\(statement.shownValue(0)), \(statement.shownValue(1)))" }
            do {
                let key = StoreCheckReport.TupleCountKey(task: try statement.text(0, of: place), tupleID: try statement.integer(1, of: place))
                spans[key] = StoreCheckReport.TupleSpan(
                    labels: try statement.integer(2, of: place),
                    first: try statement.timestamp(3, of: place), last: try statement.timestamp(4, of: place))
            } catch {
                report.add(try Self.problem(error))
            }
        }
        return spans
    }

    /// A bad value as a problem of the report; any other error is rethrown.
    private static func problem(_ error: StoreError) throws(StoreError) -> StoreCheckReport.Problem {
        guard case .badValue(_, let table, let row, let column, let value) = error else { throw error }
        return .badValue(table: table, row: row, column: column, value: value)
    }
}
