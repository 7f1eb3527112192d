/// The text and blob values of one row, laid out in one reused buffer and bound to a
/// statement without SQLite copying each of them.
struct BorrowedValues {
    private var bytes: [UInt8] = []
    private var slots: [(index: Int32, range: Range<Int>?, isBlob: Bool)] = []

    /// Forgets the previous row's values, keeping the buffers.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
    }

    /// Adds a text value for parameter `index`; nil binds NULL.
    mutating func add(_ index: Int32, _ text: String?) {
        guard var text else {
            slots.append((index, nil, false))
            return
        }
        let start = bytes.count
        text.withUTF8 { bytes.append(contentsOf: $0) }
        slots.append((index, start..<bytes.count, false))
    }

    /// Adds a blob value for parameter `index`.
    mutating func add(_ index: Int32, blob: [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: blob)
        slots.append((index, start..<bytes.count, true))
    }

    /// Binds every value to `statement` and runs `body` (which steps and resets it)
    /// while the bytes stay where SQLite reads them.
    func bind<T>(to statement: Statement, _ body: () throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            for slot in slots {
                switch (slot.range, buffer.baseAddress) {
                case (nil, _):
                    statement.bind(slot.index, nil as String?)
                case (let range?, let base?):
                    statement.bind(slot.index, borrowing: base + range.lowerBound, count: range.count, asBlob: slot.isBlob)
                case (_?, nil):  // every value is empty and the buffer has no storage
                    statement.bind(slot.index, "")
                }
            }
            return try body()
        }
    }
}
