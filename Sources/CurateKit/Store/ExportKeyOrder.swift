/// The order of the export index, (task, input_id, created_at), texts compared as UTF-8
/// bytes: the order both stores insert a batch of new labels in, so that the labels of one
/// input lie together on the table's pages and a read in that order reads each page about once.
enum ExportKeyOrder {
    /// One label's export key; its texts valid only while the sort runs.
    typealias Key = (task: UnsafeRawBufferPointer, inputID: UnsafeRawBufferPointer, createdAt: Int64)

    /// `indices` sorted by the key `key` gives for each, ties kept in their given order.
    static func sorted(_ indices: [Int], by key: (Int) -> Key) -> [Int] {
        indices.enumerated().sorted { first, second in
            let a = key(first.element), b = key(second.element)
            let byTask = UnsafeRawBufferPointer.compareBytes(a.task, b.task)
            if byTask != 0 { return byTask < 0 }
            let byInput = UnsafeRawBufferPointer.compareBytes(a.inputID, b.inputID)
            if byInput != 0 { return byInput < 0 }
            return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : first.offset < second.offset
        }.map(\.element)
    }
}
