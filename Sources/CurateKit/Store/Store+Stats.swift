extension Store {
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple.
    public func tupleStats() throws -> [TupleStats] {
        let statement = try connection.prepare("""
            SELECT c.task, t.origin, t.model, t.annotator, p.name, p.version, p.sha256, t.hash_status,
                   c.labels, c.first_created_at, c.last_created_at
            FROM tuple_labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            """)
        return try statement.rows { row in
            let prompt = row.string(4).map { name in
                PromptRef(name: name, version: row.string(5) ?? "", sha256: row.string(6))
            }
            let tuple = ProvenanceTuple(
                task: row.string(0) ?? "",
                origin: row.string(1).flatMap(Origin.init(rawValue:)) ?? .llm,
                model: row.string(2),
                annotator: row.string(3),
                prompt: prompt,
                hashStatus: row.string(7).flatMap(HashStatus.init(rawValue:))
            )
            return TupleStats(
                tuple: tuple,
                labels: Int(row.int64(8) ?? 0),
                firstCreatedAt: Timestamp(nanosecondsSinceEpoch: row.int64(9) ?? 0),
                lastCreatedAt: Timestamp(nanosecondsSinceEpoch: row.int64(10) ?? 0)
            )
        }.sorted { $0.tuple < $1.tuple }
    }
}
