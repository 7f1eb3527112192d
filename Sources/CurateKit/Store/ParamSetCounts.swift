/// The distinct `params` of each (task, provenance tuple) with how many labels have each, as a
/// store counts them, made into what ``StoreBackend/paramSets()`` returns.
struct ParamSetCounts {
    private var sets: [TupleKey: [(params: String?, labels: Int)]] = [:]

    private struct TupleKey: Hashable {
        let task: String
        let id: Int64
    }

    /// Counts `labels` labels of `task` and tuple `tupleID` with `params` (canonical JSON, nil for none).
    mutating func add(task: String, tupleID: Int64, params: String?, labels: Int) {
        sets[TupleKey(task: task, id: tupleID), default: []].append((params, labels))
    }

    /// Per tuple of `catalog` (with its task), its param sets, sorted by tuple, then by count
    /// (most first) and text.
    /// - Parameter uncounted: the error for labels of a task and tuple that `catalog` lacks (damage).
    func sets<Failure: Error>(
        of catalog: [CatalogEntry], uncounted: (_ task: String, _ tupleID: Int64) -> Failure
    ) throws(Failure) -> [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])] {
        let tuples = Dictionary(uniqueKeysWithValues: catalog.map { (TupleKey(task: $0.tuple.task, id: $0.tupleID), $0.tuple) })
        var result: [(tuple: ProvenanceTuple, params: [(params: String?, labels: Int)])] = []
        for (key, params) in sets {
            guard let tuple = tuples[key] else { throw uncounted(key.task, key.id) }
            result.append((tuple, params.sorted { ($1.labels, $0.params ?? "") < ($0.labels, $1.params ?? "") }))
        }
        return result.sorted { $0.tuple < $1.tuple }
    }
}
