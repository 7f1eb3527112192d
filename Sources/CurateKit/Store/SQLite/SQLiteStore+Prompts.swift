extension SQLiteStore {
    /// Label counts and first/last `created_at` per prompt text and hash status, sorted by prompt.
    ///
    /// Labels whose text is not known (`ambiguous`, `unknown`) appear with a nil hash.
    func promptUsage() throws -> [PromptUsage] {
        return try connection.prepare(PortableSQL.promptUsage).rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "tuples") {
                "rows of prompt (name, version, sha256) = (\(row.shownValue(0)), \(row.shownValue(1)), \(row.shownValue(2)))"
            }
            return PromptUsage(
                prompt: PromptRef(name: try row.text(0, of: place), version: try row.text(1, of: place), sha256: row.string(2)),
                hashStatus: try row.value(3, of: place),
                labels: Int(try row.integer(4, of: place)),
                firstCreatedAt: try row.timestamp(5, of: place),
                lastCreatedAt: try row.timestamp(6, of: place)
            )
        }.sorted { ($0.prompt, $0.hashStatus) < ($1.prompt, $1.hashStatus) }
    }

    /// Every LLM label whose prompt hash is `unknown` or `ambiguous`, by prompt version then `created_at`.
    func unplacedLabels() throws -> [UnplacedLabel] {
        let statement = try connection.prepare(PortableSQL.unplacedLabels)
        return try statement.rows { row throws(StoreError) in
            let place = Statement.RowPlace(table: "labels") { "row seq \(row.shownValue(0)) (id \(row.shownValue(1)))" }
            return UnplacedLabel(
                id: try row.text(1, of: place),
                task: try row.text(3, of: place),
                version: PromptVersion(name: try row.text(5, of: place), version: try row.text(6, of: place)),
                hashStatus: try row.value(7, of: place),
                createdAt: try row.timestamp(4, of: place),
                row: try row.integer(0, of: place),
                tupleID: try row.integer(2, of: place)
            )
        }
    }

    /// Moves labels to the prompt texts given, all in one transaction.
    ///
    /// Each label keeps its model (or annotator) and origin; only its prompt and hash status
    /// change. A label that changed since it was read (another process placed it) is left alone.
    /// - Returns: how many labels moved.
    @discardableResult
    func reassignPrompts(_ assignments: [PromptAssignment]) throws -> Int {
        try transaction {
            let provenance = try ProvenanceRows(connection: connection)
            let producerOf = try connection.prepare("SELECT origin, model, annotator FROM tuples WHERE id = ?")
            let move = try connection.prepare("UPDATE labels SET tuple_id = ? WHERE seq = ? AND tuple_id = ?")
            var newTuples: [Int64: Int64] = [:]
            var touchedTuples: Set<Int64> = []
            var moved = 0
            for assignment in assignments {
                let promptID = try provenance.promptID(for: assignment.prompt, text: assignment.text)
                for label in assignment.labels {
                    if newTuples[label.tupleID] == nil {
                        let producer = try producerOf.rows([.integer(label.tupleID)]) { row throws(StoreError) in
                            (try row.value(0, of: Self.tupleRow(label.tupleID)) as Origin, row.string(1), row.string(2))
                        }.first
                        guard let producer else { continue }
                        let key = ProvenanceRows.TupleKey(
                            origin: producer.0, model: producer.1, annotator: producer.2,
                            promptID: promptID, hashStatus: assignment.hashStatus)
                        newTuples[label.tupleID] = try provenance.tupleID(for: key)
                    }
                    guard let tupleID = newTuples[label.tupleID] else { continue }
                    try move.run([.integer(tupleID), .integer(label.row), .integer(label.tupleID)])
                    moved += connection.changes
                }
                touchedTuples.formUnion(newTuples.keys)
                touchedTuples.formUnion(newTuples.values)
                newTuples.removeAll(keepingCapacity: true)
            }
            try recountTupleLabels(touchedTuples)
            return moved
        }
    }

    /// Counts the labels of `tupleIDs` again into `tuple_labels` (one pass over the labels),
    /// after labels moved between tuples.
    private func recountTupleLabels(_ tupleIDs: Set<Int64>) throws(StoreError) {
        guard !tupleIDs.isEmpty else { return }
        let list = Statement.Value.jsonList(tupleIDs.sorted())
        try connection.prepare("DELETE FROM tuple_labels WHERE tuple_id IN (SELECT value FROM json_each(?))").run([list])
        try connection.prepare("""
            INSERT INTO tuple_labels (task, tuple_id, labels, first_created_at, last_created_at)
            SELECT task, tuple_id, count(*), min(created_at), max(created_at) FROM labels
            WHERE tuple_id IN (SELECT value FROM json_each(?))
            GROUP BY task, tuple_id
            """).run([list])
    }

    /// A reader of the hashes the store knows for a version label, prepared once for many lookups.
    func knownHashes() throws -> KnownHashes {
        let statement = try connection.prepare("""
            SELECT DISTINCT sha256 FROM prompts WHERE name = ? AND version = ? AND sha256 IS NOT NULL ORDER BY sha256
            """)
        return KnownHashes { version in
            try statement.rows([.text(version.name), .text(version.version)]) { row throws(StoreError) in
                try row.text(0, of: Statement.RowPlace(table: "prompts") { "rows of \(version.name)@\(version.version)" })
            }
        }
    }
}
