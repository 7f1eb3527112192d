/// Label rows copied out of the store's statements: their bytes in one buffer, and each
/// row's texts as ranges of it, so they outlive the statement step that showed them.
struct CopiedLabelRows: ~Copyable {
    /// Where a row's texts lie in the buffer (nil for NULL), and its numbers.
    struct Row {
        let task, inputID, id, output, input, run, supersedes, params, meta: Range<Int>?
        let contentSHA256: Range<Int>
        let createdAt: Int64
        let tupleID: Int64
        let retraction: Int64?

        subscript(text: StoredLabel.Text) -> Range<Int>? {
            switch text {
            case .task: task
            case .inputID: inputID
            case .id: id
            case .output: output
            case .input: input
            case .run: run
            case .supersedes: supersedes
            case .params: params
            case .meta: meta
            }
        }
    }

    private var bytes = ByteBuffer(capacity: 1 << 18)
    private(set) var rows: [Row] = []

    /// Room for `capacity` rows before the list of rows grows.
    init(capacity: Int) {
        rows.reserveCapacity(capacity)
    }

    var count: Int { rows.count }
    /// The bytes of the rows' texts.
    var byteCount: Int { bytes.count }

    /// Appends the row `columns` shows, copying its bytes: one access to the buffer per row
    /// rather than one per column.
    mutating func append(_ columns: any StoredLabelColumns) throws {
        func copy(_ text: StoredLabel.Text) throws -> Range<Int>? {
            try columns.withText(text) { $0.map { bytes.appendSpan($0) } }
        }
        rows.append(Row(
            task: try copy(.task), inputID: try copy(.inputID), id: try copy(.id), output: try copy(.output),
            input: try copy(.input), run: try copy(.run), supersedes: try copy(.supersedes), params: try copy(.params),
            meta: try copy(.meta), contentSHA256: try columns.withContentSHA256 { bytes.appendSpan($0) },
            createdAt: try columns.createdAt(), tupleID: try columns.tupleID(), retraction: try columns.retraction()))
    }

    /// Empties the rows, keeping their storage.
    mutating func removeAll() {
        bytes.removeAll()
        rows.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with the rows' bytes, in which each ``Row``'s ranges lie.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    /// The bytes of `row`'s text `text` in `buffer`, the rows' bytes; nil for NULL.
    static func text(_ text: StoredLabel.Text, of row: Row, in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        row[text].map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }
    }
}

/// One copied row seen as a label query's columns (``StoredLabelColumns``), its bytes in place.
struct CopiedLabelColumns: StoredLabelColumns {
    let row: CopiedLabelRows.Row
    /// The bytes of the rows `row` is one of.
    let buffer: UnsafeRawBufferPointer

    func createdAt() -> Int64 { row.createdAt }
    func tupleID() -> Int64 { row.tupleID }
    func retraction() -> Int64? { row.retraction }

    func withText<R>(_ text: StoredLabel.Text, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try body(CopiedLabelRows.text(text, of: row, in: buffer))
    }

    func withContentSHA256<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(rebasing: buffer[row.contentSHA256]))
    }
}
