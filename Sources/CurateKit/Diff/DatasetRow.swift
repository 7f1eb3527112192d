/// The fields of one data-file row that a diff compares.
struct DatasetRow: Sendable {
    let task: String
    let inputID: String
    let label: RecordLabel

    /// Orders two rows' inputs by task, then input id, each by UTF-8 bytes: the order
    /// `curate export` writes rows in.
    /// - Returns: a negative number, zero or a positive number.
    static func compareInputs(_ lhsTask: String, _ lhsInput: String, _ rhsTask: String, _ rhsInput: String) -> Int {
        let byTask = String.compareUTF8(lhsTask, rhsTask)
        return byTask != 0 ? byTask : String.compareUTF8(lhsInput, rhsInput)
    }
}
