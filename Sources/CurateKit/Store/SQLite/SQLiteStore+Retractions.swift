extension SQLiteStore {
    /// Every retraction in the journal, oldest first.
    func retractions() throws -> [Retraction] {
        let statement = try connection.prepare("SELECT id, kind, target, reason, created_at FROM retractions ORDER BY id")
        return try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "retractions") { "row id \(row.shownValue(0))" }
            return Retraction(
                id: try row.integer(0, of: place), kind: try row.value(1, of: place), target: try row.text(2, of: place),
                reason: try row.text(3, of: place), createdAt: try row.timestamp(4, of: place))
        }
    }

    /// How many labels each retraction took out, by retraction id.
    func retractedLabelCounts() throws -> [Int64: Int] {
        let statement = try connection.prepare("SELECT retraction_id, count(*) FROM retracted_labels GROUP BY retraction_id")
        return Dictionary(uniqueKeysWithValues: try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "retracted_labels") { "retraction id \(row.shownValue(0))" }
            return (try row.integer(0, of: place), Int(try row.integer(1, of: place)))
        })
    }

    /// Retracts, in one transaction, the labels `target` of `kind` names that no earlier retraction
    /// took: a journal entry with `reason` and `time`, and a row per label in `retracted_labels`.
    /// When the target names no label, or only labels retracted already, nothing is written.
    /// - Parameter target: a whole record id, a run id or an ingest id (decimal).
    func retract(kind: RetractionKind, target: String, reason: String, at time: Timestamp) throws -> RetractionOutcome {
        let (condition, values) = Self.labels(of: kind, target: target)
        return try transaction {
            // A row per earlier retraction that holds some of the labels, and one (NULL) for the rest.
            let tally = try connection.prepare("""
                SELECT r.retraction_id, count(*) FROM labels l LEFT JOIN retracted_labels r ON r.label_seq = l.seq
                WHERE \(condition) GROUP BY r.retraction_id ORDER BY r.retraction_id
                """)
            let counts = try tally.rows(values) { row throws(StoreError) in
                (row.int64(0), Int(try row.integer(1, of: Statement.RowPlace(table: "labels") { "count of \(kind) \(target)" })))
            }
            let earlier = counts.filter { $0.0 != nil }
            var outcome = RetractionOutcome(
                retraction: nil, retracted: counts.first { $0.0 == nil }?.1 ?? 0, alreadyRetracted: earlier.reduce(0) { $0 + $1.1 },
                earlierRetractions: earlier.compactMap(\.0))
            guard outcome.retracted > 0 else { return outcome }
            let journal = try connection.prepare("INSERT INTO retractions (kind, target, reason, created_at) VALUES (?, ?, ?, ?)")
            try journal.run([.text(kind.rawValue), .text(target), .text(reason), .integer(time.nanosecondsSinceEpoch)])
            let id = connection.lastInsertRowID
            let take = try connection.prepare("""
                INSERT OR IGNORE INTO retracted_labels (label_seq, retraction_id) SELECT l.seq, ? FROM labels l WHERE \(condition)
                """)
            try take.run([.integer(id)] + values)
            outcome.retraction = Retraction(id: id, kind: kind, target: target, reason: reason, createdAt: time)
            return outcome
        }
    }

    /// The SQL condition on `labels l` that selects the labels `target` of `kind` names, and its values.
    private static func labels(of kind: RetractionKind, target: String) -> (String, [Statement.Value]) {
        switch kind {
        case .record:
            let key = Statement.Value.integer(RecordIDKey.of(target))
            return ("l.seq IN (\(seqOfRecord(key: "?", id: "?")))", [key, .text(target), key, .text(target)])
        case .run:
            return ("l.run = ?", [.text(target)])
        case .ingest:
            return ("l.ingest_id = ?", [.integer(Int64(target))])
        }
    }

    /// The id of the latest ingest; nil before the first. Ingests are numbered from 1 without gaps
    /// (a refused one leaves no row), so every id up to this one names an ingest.
    func lastIngestID() throws -> Int64? {
        try connection.prepare("SELECT max(id) FROM ingests").rows { $0.int64(0) }.first ?? nil
    }
}
