extension PostgresStore {
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple, with how
    /// many of its labels are retracted (read from the retracted labels alone, not every label).
    func tupleStats() throws -> [TupleStats] {
        try connection.query("""
            SELECT \(Self.tupleColumns), c.labels, c.first_created_at, c.last_created_at, c.tuple_id, coalesce(r.labels, 0)
            FROM tuple_labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            LEFT JOIN (
                SELECT l.task, l.tuple_id, count(*) AS labels FROM retracted_labels x JOIN labels l ON l.id = x.label_id
                GROUP BY l.task, l.tuple_id
            ) r ON r.task = c.task AND r.tuple_id = c.tuple_id
            """).map { fields throws(PostgresError) in
            let counts = row(fields, of: "tuple_labels") { "row (task, tuple_id) = (\(fields[0] ?? "NULL"), \(fields[11] ?? "NULL"))" }
            return TupleStats(
                tuple: try tupleRow(fields, id: try counts.integer(11, "tuple_id")).provenanceTuple(from: 0),
                labels: Int(try counts.integer(8, "labels")),
                firstCreatedAt: try counts.timestamp(9, "first_created_at"),
                lastCreatedAt: try counts.timestamp(10, "last_created_at"),
                retracted: Int(try counts.integer(12, "retracted"))
            )
        }.sorted { $0.tuple < $1.tuple }
    }

    /// The distinct `params` of each (task, provenance tuple), with how many labels have each:
    /// what `curate stats --params` shows. Reads every label once, grouped on the server.
    /// - Returns: per tuple (with its task), the param sets as canonical JSON (nil for none),
    ///   sorted by tuple, then by count (most first) and text.
    func paramSets() throws -> [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])] {
        let tuples = Dictionary(uniqueKeysWithValues: try exportCatalog().map { (TupleKey(task: $0.tuple.task, id: $0.tupleID), $0.tuple) })
        var sets: [TupleKey: [(params: String?, labels: Int)]] = [:]
        try connection.copyOut("COPY (SELECT task, tuple_id, params, count(*) FROM labels GROUP BY task, tuple_id, params) TO STDOUT") { fields in
            let counts = row(fields, of: "labels") { "a row of task \(fields[0] ?? "NULL")" }
            let key = TupleKey(task: try counts.text(0, "task"), id: try counts.integer(1, "tuple_id"))
            sets[key, default: []].append((counts.optionalText(2), Int(try counts.integer(3, "count"))))
        }
        return try sets.map { key, params in
            guard let tuple = tuples[key] else {
                throw PostgresError.inconsistent(store: url, reason: "labels of tuple \(key.id) in task \(key.task) are not counted in tuple_labels")
            }
            return (tuple, params.sorted { ($1.labels, $0.params ?? "") < ($0.labels, $1.params ?? "") })
        }.sorted { $0.tuple < $1.tuple }
    }

    private struct TupleKey: Hashable {
        let task: String
        let id: Int64
    }
}
