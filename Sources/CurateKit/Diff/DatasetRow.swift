/// The fields of one data-file row that a diff compares.
struct DatasetRow: Sendable {
    let task: String
    let inputID: String
    let label: RecordLabel

    /// Orders two rows' inputs by task, then input id, each by UTF-8 bytes: the order
    /// `curate export` writes rows in.
    /// - Returns: a negative number, zero or a positive number.
    static func compareInputs(_ lhsTask: String, _ lhsInput: String, _ rhsTask: String, _ rhsInput: String) -> Int {
        let byTask = compareBytes(lhsTask, rhsTask)
        return byTask != 0 ? byTask : compareBytes(lhsInput, rhsInput)
    }

    /// Compares two strings by their UTF-8 bytes (not by Unicode canonical equivalence).
    static func compareBytes(_ lhs: String, _ rhs: String) -> Int {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?) where a != b: return a < b ? -1 : 1
            default: continue
            }
        }
    }
}
