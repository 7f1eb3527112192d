extension SQLiteStore: IndexedLabelReads {
    func labelKeyReader(_ query: LabelQuery, withOutputs: Bool) throws -> any LabelKeyReader {
        try SQLiteLabelKeyReader(connection: connection, path: path, query: query, withOutputs: withOutputs)
    }

    /// Draws up to 256 selected labels at random (rows by `seq`, the same draws every time)
    /// and counts the selected labels of each one's input. A label drawn this way belongs to
    /// an input with n labels n times as often as to one with a single label, so the estimate
    /// is the draws over the sum of 1/n: the mean over inputs, whatever order their ids sort in.
    func labelsPerInput(_ query: LabelQuery) throws -> Double? {
        let draws = 256
        let (filter, values) = Self.labelFilter(query)
        let place = Statement.RowPlace(table: "labels") { "the range of seq" }
        let range = try connection.prepare("SELECT (SELECT min(seq) FROM labels), (SELECT max(seq) FROM labels)").rows { row throws(StoreError) in
            row.int64(0).flatMap { low in row.int64(1).map { low...$0 } }
        }.first ?? nil
        guard let range else { return nil }
        let pick = try connection.prepare("SELECT task, input_id FROM labels WHERE \(filter) AND seq = ?")
        let count = try connection.prepare("SELECT count(*) FROM labels WHERE \(filter) AND task = ? AND input_id = ?")
        var state: UInt64 = 0x5EED
        var drawn = 0
        var inverseSum = 0.0
        for _ in 0..<(draws * 4) where drawn < draws {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let seq = range.lowerBound + Int64(truncatingIfNeeded: (state >> 11) % UInt64(range.upperBound - range.lowerBound + 1))
            let input = try pick.rows(values + [.integer(seq)]) { row throws(StoreError) in
                (try row.text(0, of: place), try row.text(1, of: place))
            }.first
            guard let input else { continue }
            let labels = try count.rows(values + [.text(input.0), .text(input.1)]) { row throws(StoreError) in
                try row.integer(0, of: place)
            }.first ?? 1
            drawn += 1
            inverseSum += 1 / Double(max(labels, 1))
        }
        return drawn >= 32 ? Double(drawn) / inverseSum : nil
    }
}

/// Walks `labels_export` for a query's labels without reading their rows (the index holds
/// task, input id, `created_at`, tuple, `supersedes` and output, and each row's `seq`), and
/// reads single rows by `seq` between its entries.
private final class SQLiteLabelKeyReader: LabelKeyReader {
    private let keys: Statement
    private let identities: Statement
    private let rows: Statement
    /// The row `rows` reads, in place.
    private let row: SQLiteLabelColumns
    private let path: String
    /// The current entry, for an error.
    private let place: Statement.RowPlace
    private(set) var task = ""
    private var previousTask: [UInt8] = []
    private var previousInput: [UInt8] = []
    private var done = false
    /// Whether each entry carries its output.
    private let withOutputs: Bool

    init(connection: SQLiteConnection, path: String, query: LabelQuery, withOutputs: Bool) throws {
        self.path = path
        self.withOutputs = withOutputs
        let (filter, values) = SQLiteStore.labelFilter(query)
        let keys = try connection.prepare("""
            SELECT task, input_id, created_at, tuple_id, seq, supersedes IS NOT NULL, \(query.readsRetractions ? "retraction_id" : "NULL"),
                   \(withOutputs ? "output" : "NULL")
            FROM labels\(SQLiteStore.retractionJoin(query))
            WHERE \(filter)
            ORDER BY task, input_id, created_at
            """)
        keys.bind(values)
        self.keys = keys
        place = Statement.RowPlace(table: "labels") { "row seq \(keys.shownValue(4))" }
        identities = try connection.prepare("SELECT id, supersedes FROM labels WHERE seq = ?")
        rows = try connection.prepare("SELECT \(SQLiteStore.labelColumns), NULL FROM labels WHERE seq = ?")
        row = SQLiteLabelColumns(statement: rows)
    }

    func next() throws -> LabelKey? {
        guard !done else { return nil }
        guard try keys.step() else {
            done = true
            keys.reset()
            return nil
        }
        let task = try keys.textBytes(0, of: place)
        let input = try keys.textBytes(1, of: place)
        let startsInput = !(previousTask.withUnsafeBytes(task.sameBytes) && previousInput.withUnsafeBytes(input.sameBytes))
        if startsInput {
            if !previousTask.withUnsafeBytes(task.sameBytes) { self.task = String(decoding: task, as: UTF8.self) }
            previousTask.removeAll(keepingCapacity: true)
            previousTask.append(contentsOf: task)
            previousInput.removeAll(keepingCapacity: true)
            previousInput.append(contentsOf: input)
        }
        return LabelKey(
            seq: try keys.integer(4, of: place), createdAt: try keys.integer(2, of: place), tupleID: try keys.integer(3, of: place),
            replacesAnother: try keys.integer(5, of: place) != 0, retraction: keys.int64(6), startsInput: startsInput,
            output: withOutputs ? try keys.text(7, of: place) : nil)
    }

    func identity(ofLabel seq: Int64) throws -> (id: String, supersedes: String?) {
        defer { identities.reset() }
        identities.bind(1, seq)
        guard try identities.step() else { throw missingRow(seq) }
        return (try identities.text(0, of: Statement.RowPlace(table: "labels") { "row seq \(seq)" }), identities.string(1))
    }

    func withRow(ofLabel seq: Int64, _ body: (any StoredLabelColumns) throws -> Void) throws {
        defer { rows.reset() }
        rows.bind(1, seq)
        guard try rows.step() else { throw missingRow(seq) }
        try body(row)
    }

    /// The error for an index entry whose row is gone, which only damage does.
    private func missingRow(_ seq: Int64) -> StoreError {
        .inconsistent(path: path, reason: "the export index names label row seq \(seq), which the labels table does not have")
    }
}
