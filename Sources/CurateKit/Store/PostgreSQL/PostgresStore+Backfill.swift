extension PostgresStore {
    /// Every LLM label whose prompt hash is `unknown` or `ambiguous`, by prompt version then `created_at`.
    func unplacedLabels() throws -> [UnplacedLabel] {
        try connection.query(PortableSQL.unplacedLabels).map { fields in
            let row = PostgresRow(fields, table: "labels", store: url) { "row id \(fields[1] ?? "NULL")" }
            return UnplacedLabel(
                id: try row.text(1, "id"), task: try row.text(3, "task"),
                version: PromptVersion(name: try row.text(5, "prompt name"), version: try row.text(6, "prompt version")),
                hashStatus: try row.value(7, "hash_status"), createdAt: try row.timestamp(4, "created_at"),
                row: try row.integer(0, "seq"), tupleID: try row.integer(2, "tuple_id"))
        }
    }

    /// Moves labels to the prompt texts given, all in one transaction, and counts the labels of
    /// the tuples they left and joined again into `tuple_labels`.
    ///
    /// Each label keeps its model (or annotator) and origin; only its prompt and hash status
    /// change. A label is found by its record id (the primary key; `seq` has no index here) and
    /// the tuple it was read in: one that changed since (another process placed it) is left alone.
    /// - Returns: how many labels moved.
    @discardableResult
    func reassignPrompts(_ assignments: [PromptAssignment]) throws -> Int {
        try connection.transaction {
            let rows = PostgresProvenanceRows(connection: connection)
            var touchedTuples: Set<Int64> = []
            var moved = 0
            for assignment in assignments {
                let promptID = try rows.promptID(for: assignment.prompt, text: assignment.text)
                for (oldTuple, labels) in Dictionary(grouping: assignment.labels, by: \.tupleID).sorted(by: { $0.key < $1.key }) {
                    guard let producer = try producer(ofTuple: oldTuple) else { continue }
                    let newTuple = try rows.tupleID(for: TupleRowKey(
                        origin: producer.origin, model: producer.model, annotator: producer.annotator,
                        promptID: promptID, hashStatus: assignment.hashStatus))
                    touchedTuples.formUnion([oldTuple, newTuple])
                    // Many labels a statement: a round trip per label made a large backfill slow.
                    for start in stride(from: 0, to: labels.count, by: Self.movesPerStatement) {
                        let ids = labels[start..<min(start + Self.movesPerStatement, labels.count)].map { JSONValue.string($0.id) }
                        moved += try connection.execute("""
                            UPDATE labels SET tuple_id = $1
                            WHERE id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb))) AND tuple_id = $3
                            """, [String(newTuple), JSONWriter.canonical(.array(ids)), String(oldTuple)])
                    }
                }
            }
            try recountTupleLabels(touchedTuples)
            return moved
        }
    }

    /// How many labels one statement of ``reassignPrompts(_:)`` moves at most.
    private static let movesPerStatement = 10_000

    /// The origin, model and annotator of tuple `id`; nil when there is no such tuple.
    private func producer(ofTuple id: Int64) throws -> (origin: Origin, model: String?, annotator: String?)? {
        try connection.query("SELECT origin, model, annotator FROM tuples WHERE id = $1", [String(id)]).map { fields in
            let row = PostgresRow(fields, table: "tuples", store: url) { "row id \(id)" }
            return (origin: try row.value(0, "origin") as Origin, model: row.optionalText(1), annotator: row.optionalText(2))
        }.first
    }

    /// Counts the labels of `tupleIDs` again into `tuple_labels`, after labels moved between tuples.
    private func recountTupleLabels(_ tupleIDs: Set<Int64>) throws {
        guard !tupleIDs.isEmpty else { return }
        let list = "{" + tupleIDs.sorted().map(String.init).joined(separator: ",") + "}"
        try connection.execute("DELETE FROM tuple_labels WHERE tuple_id = ANY ($1::bigint[])", [list])
        try connection.execute("""
            INSERT INTO tuple_labels (task, tuple_id, labels, first_created_at, last_created_at)
            SELECT task, tuple_id, count(*), min(created_at), max(created_at) FROM labels
            WHERE tuple_id = ANY ($1::bigint[])
            GROUP BY task, tuple_id
            """, [list])
    }
}
