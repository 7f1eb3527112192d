extension PostgresStore {
    /// Every retraction in the journal, oldest first.
    func retractions() throws -> [Retraction] {
        try connection.query("SELECT id, kind, target, reason, created_at FROM retractions ORDER BY id").map { fields in
            let row = PostgresRow(fields, table: "retractions", store: url) { "row id \(fields[0] ?? "NULL")" }
            return Retraction(
                id: try row.integer(0, "id"), kind: try row.value(1, "kind"), target: try row.text(2, "target"),
                reason: try row.text(3, "reason"), createdAt: try row.timestamp(4, "created_at"))
        }
    }

    /// How many labels each retraction took out, by retraction id.
    func retractedLabelCounts() throws -> [Int64: Int] {
        Dictionary(uniqueKeysWithValues: try connection.query(
            "SELECT retraction_id, count(*) FROM retracted_labels GROUP BY retraction_id"
        ).map { fields in
            let row = PostgresRow(fields, table: "retracted_labels", store: url) { "retraction id \(fields[0] ?? "NULL")" }
            return (try row.integer(0, "retraction_id"), Int(try row.integer(1, "count")))
        })
    }

    /// Retracts, in one transaction, the labels `target` of `kind` names that no earlier retraction
    /// took: a journal entry with `reason` and `time`, and a row per label in `retracted_labels`.
    /// When the target names no label, or only labels retracted already, nothing is written.
    ///
    /// Retractions take turns (a transaction-long advisory lock), so two at once never both count the same
    /// labels as theirs.
    /// - Parameter target: a whole record id, a run id or an ingest id (decimal).
    func retract(kind: RetractionKind, target: String, reason: String, at time: Timestamp) throws -> RetractionOutcome {
        let (condition, value) = Self.labels(of: kind, target: target)
        return try connection.transaction {
            _ = try connection.query("SELECT pg_advisory_xact_lock(hashtext('curate.retract'))")
            // A row per earlier retraction that holds some of the labels, and one (NULL) for the rest.
            let counts = try connection.query("""
                SELECT r.retraction_id, count(*) FROM labels l LEFT JOIN retracted_labels r ON r.label_id = l.id
                WHERE \(condition) GROUP BY r.retraction_id ORDER BY r.retraction_id
                """, [value]).map { fields in
                let row = PostgresRow(fields, table: "labels", store: url) { "count of \(kind) \(target)" }
                return (row.optionalText(0) == nil ? nil : try row.integer(0, "retraction_id"), Int(try row.integer(1, "count")))
            }
            let earlier = counts.filter { $0.0 != nil }
            var outcome = RetractionOutcome(
                retraction: nil, retracted: counts.first { $0.0 == nil }?.1 ?? 0, alreadyRetracted: earlier.reduce(0) { $0 + $1.1 },
                earlierRetractions: earlier.compactMap(\.0))
            guard outcome.retracted > 0 else { return outcome }
            let journal = try connection.query("""
                INSERT INTO retractions (kind, target, reason, created_at) VALUES ($1, $2, $3, $4) RETURNING id
                """, [kind.rawValue, target, reason, String(time.nanosecondsSinceEpoch)])
            let id = try PostgresRow(journal.first ?? [], table: "retractions", store: url) { "the row just added" }
                .integer(0, "id")
            // Labels an ingest committed since the count are taken too: count what was taken.
            outcome.retracted = try connection.execute("""
                INSERT INTO retracted_labels (label_id, retraction_id) SELECT l.id, $2::bigint FROM labels l WHERE \(condition)
                ON CONFLICT (label_id) DO NOTHING
                """, [value, String(id)])
            outcome.retraction = Retraction(id: id, kind: kind, target: target, reason: reason, createdAt: time)
            return outcome
        }
    }

    /// The SQL condition on `labels l` that selects the labels `target` of `kind` names, with its
    /// one value, `$1`: NULL (no label) for an ingest id that is not a number.
    private static func labels(of kind: RetractionKind, target: String) -> (String, String?) {
        switch kind {
        case .record: ("l.id = $1", target)
        case .run: ("l.run = $1", target)
        case .ingest: ("l.ingest_id = $1::bigint", Int64(target).map(String.init))
        }
    }
}
