extension SQLiteStore {
    /// The distinct `params` of each (task, provenance tuple), with how many labels have each:
    /// what `curate stats --params` shows. Reads every label once.
    /// - Returns: per tuple (with its task), the param sets as canonical JSON (nil for none),
    ///   sorted by tuple, then by count (most first) and text.
    func paramSets() throws -> [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])] {
        let tuples = Dictionary(uniqueKeysWithValues: try exportCatalog().map { (TupleKey(task: $0.tuple.task, id: $0.tupleID), $0.tuple) })
        let statement = try connection.prepare("SELECT task, tuple_id, params, count(*) FROM labels GROUP BY task, tuple_id, params")
        defer { statement.reset() }
        var sets: [TupleKey: [(params: String?, labels: Int)]] = [:]
        while try statement.step() {
            let place = Statement.RowPlace(table: "labels") { "a row of task \(statement.shownValue(0))" }
            let key = TupleKey(task: try statement.text(0, of: place), id: try statement.integer(1, of: place))
            sets[key, default: []].append((statement.string(2), Int(try statement.integer(3, of: place))))
        }
        return try sets.map { key, params in
            guard let tuple = tuples[key] else {
                throw StoreError.inconsistent(path: path, reason: "labels of tuple \(key.id) in task \(key.task) are not counted in tuple_labels")
            }
            return (tuple, params.sorted { ($1.labels, $0.params ?? "") < ($0.labels, $1.params ?? "") })
        }.sorted { $0.tuple < $1.tuple }
    }

    private struct TupleKey: Hashable {
        let task: String
        let id: Int64
    }
}
