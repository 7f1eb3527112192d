extension SQLiteStore {
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple, with how
    /// many of its labels are retracted (read from the retracted labels alone, not every label).
    func tupleStats() throws -> [TupleStats] {
        let statement = try connection.prepare(PortableSQL.tupleStats(tupleColumns: Self.tupleColumns, retractedLabel: "l.seq = x.label_seq"))
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
