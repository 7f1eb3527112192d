extension SQLiteStore {
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple, with how
    /// many of its labels are retracted (read from the retracted labels alone, not every label).
    func tupleStats() throws -> [TupleStats] {
        let statement = try connection.prepare("""
            SELECT \(Self.tupleColumns), c.labels, c.first_created_at, c.last_created_at, c.tuple_id, ifnull(r.labels, 0)
            FROM tuple_labels c
            JOIN tuples t ON t.id = c.tuple_id
            LEFT JOIN prompts p ON p.id = t.prompt_id
            LEFT JOIN (
                SELECT l.task, l.tuple_id, count(*) AS labels FROM retracted_labels x JOIN labels l ON l.seq = x.label_seq
                GROUP BY l.task, l.tuple_id
            ) r ON r.task = c.task AND r.tuple_id = c.tuple_id
            """)
        return try statement.rows { row throws(StoreError) in
            let counts = Statement.RowPlace(table: "tuple_labels") { "row (task, tuple_id) = (\(row.shownValue(0)), \(row.shownValue(11)))" }
            return TupleStats(
                tuple: try row.provenanceTuple(of: Self.tupleRow(try row.integer(11, of: counts))),
                labels: Int(try row.integer(8, of: counts)),
                firstCreatedAt: try row.timestamp(9, of: counts),
                lastCreatedAt: try row.timestamp(10, of: counts),
                retracted: Int(try row.integer(12, of: counts))
            )
        }.sorted { $0.tuple < $1.tuple }
    }
}
