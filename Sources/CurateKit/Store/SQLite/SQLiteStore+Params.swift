extension SQLiteStore {
    /// The distinct `params` of each (task, provenance tuple), with how many labels have each:
    /// what `curate stats --params` shows. Reads every label once.
    /// - Returns: per tuple (with its task), the param sets as canonical JSON (nil for none),
    ///   sorted by tuple, then by count (most first) and text.
    func paramSets() throws -> [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])] {
        let statement = try connection.prepare("SELECT task, tuple_id, params, count(*) FROM labels GROUP BY task, tuple_id, params")
        defer { statement.reset() }
        var counts = ParamSetCounts()
        while try statement.step() {
            let place = Statement.RowPlace(table: "labels") { "a row of task \(statement.shownValue(0))" }
            counts.add(
                task: try statement.text(0, of: place), tupleID: try statement.integer(1, of: place), params: statement.string(2),
                labels: Int(try statement.integer(3, of: place)))
        }
        return try counts.sets(of: try exportCatalog()) { task, tupleID in
            StoreError.inconsistent(path: path, reason: "labels of tuple \(tupleID) in task \(task) are not counted in tuple_labels")
        }
    }
}
