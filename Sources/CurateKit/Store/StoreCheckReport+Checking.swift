/// The parts of a store check that do not depend on the backend.
extension StoreCheckReport {
    /// What identifies a `tuple_labels` row: a task and a provenance tuple.
    struct TupleCountKey: Hashable {
        let task: String
        let tupleID: Int64
    }

    /// Compares the `tuple_labels` rows a store keeps with the counts and spans of its labels,
    /// by task and tuple: a problem for each row that differs, is missing or has no labels.
    mutating func compareTupleCounts(stored: [TupleCountKey: TupleSpan], counted: [TupleCountKey: TupleSpan]) {
        tupleCounts = stored.count
        for key in Set(stored.keys).union(counted.keys).sorted(by: { ($0.task, $0.tupleID) < ($1.task, $1.tupleID) })
        where stored[key] != counted[key] {
            add(.tupleCounts(task: key.task, tupleID: key.tupleID, stored: stored[key], labels: counted[key]))
        }
    }

    /// The producer the records of tuple `id` stated when they were hashed (see
    /// ``StoredLabelDigest/statedProducer(of:)``); nil, with a problem added, when the tuple
    /// says its hash was recorded but its prompt row, `promptRow` (its id as shown), has none.
    mutating func statedProducer(ofTuple id: Int64, _ tuple: ProvenanceTuple, promptRow: String) -> LabelRecord.Producer? {
        guard let producer = StoredLabelDigest.statedProducer(of: tuple) else {
            add(.badValue(table: "prompts", row: "row id \(promptRow)", column: "sha256", value: "NULL while tuple \(id) says its hash was recorded"))
            return nil
        }
        return producer
    }
}
