extension PostgresStore {
    /// Label counts and first/last `created_at` per provenance tuple, sorted by tuple, with how
    /// many of its labels are retracted (read from the retracted labels alone, not every label).
    func tupleStats() throws -> [TupleStats] {
        try connection.query(PortableSQL.tupleStats(tupleColumns: Self.tupleColumns, retractedLabel: "l.id = x.label_id")).map { fields throws(PostgresError) in
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
        var counts = ParamSetCounts()
        try connection.copyOut("COPY (SELECT task, tuple_id, params, count(*) FROM labels GROUP BY task, tuple_id, params) TO STDOUT") { fields in
            let group = row(fields, of: "labels") { "a row of task \(fields[0] ?? "NULL")" }
            counts.add(
                task: try group.text(0, "task"), tupleID: try group.integer(1, "tuple_id"), params: group.optionalText(2),
                labels: Int(try group.integer(3, "count")))
        }
        return try counts.sets(of: try exportCatalog()) { task, tupleID in
            PostgresError.inconsistent(store: url, reason: "labels of tuple \(tupleID) in task \(task) are not counted in tuple_labels")
        }
    }
}
