import CPendingLabels
import CSQLite

/// Labels on their way into the `labels` table, a batch at a time.
///
/// `curate_pending_labels` (Sources/CPendingLabels) is a virtual table over the rows
/// queued here, so one `INSERT … SELECT` stores a whole batch: SQLite opens and closes
/// the table's and its indexes' cursors once per batch instead of once per label, and
/// reads every value in place from one buffer.
final class PendingLabels {
    /// Where a value lies in ``bytes``; nil is NULL.
    private typealias Span = Range<Int>?

    /// One queued label: where its texts lie, and its numbers.
    private struct Row {
        let id, contentSHA256, task, inputID, output, input, params, run, meta, supersedes: Span
        let idKey: Int64
        let tupleID: Int64
        let createdAt: Int64
    }

    private var bytes = ByteBuffer(capacity: 1 << 19)
    private var rows: [Row] = []
    /// The rows a statement is about to read, as the virtual table reads them: laid out
    /// just before it, since the buffer may move while rows are queued.
    private var table: UnsafeMutablePointer<curate_pending_label>
    private var tableCapacity = 0
    /// What `curate_pending_labels` shows on this connection; empty between inserts.
    private let source: UnsafeMutablePointer<curate_pending_labels>
    private let insertStatement: Statement
    private let connection: SQLiteConnection
    private let ingestID: Int64

    /// Ready to insert into `connection`'s labels as part of ingest `ingestID`.
    init(connection: SQLiteConnection, ingestID: Int64) throws(StoreError) {
        guard let source = connection.pendingLabels else { throw connection.lastError(SQLITE_ERROR) }
        self.connection = connection
        self.source = source
        table = .allocate(capacity: 0)
        // OR IGNORE: no constraint can then abort the statement midway, so SQLite keeps no
        // statement journal (a copy of every page the batch changes) to undo one.
        insertStatement = try connection.prepare("""
            INSERT OR IGNORE INTO labels (id, id_key, content_sha256, tuple_id, ingest_id, task, input_id, created_at,
                                          output, input, params, run, meta, supersedes, collided)
            SELECT id, id_key, content_sha256, tuple_id, ?1, task, input_id, created_at, output, input, params, run, meta,
                   supersedes, ?2
            FROM curate_pending_labels
            """)
        self.ingestID = ingestID
    }

    deinit {
        table.deallocate()
    }

    /// Labels queued since the last ``removeAll()``.
    var count: Int { rows.count }

    /// Queues `record`, copying its texts.
    func append(_ record: LabelRecord, key: Int64, tupleID: Int64) {
        rows.append(Self.row(of: record, key: key, tupleID: tupleID, copyingTextsTo: &bytes))
    }

    /// Inserts the queued labels at `indices`, in that order, marked `collided` or not.
    /// - Returns: how many were inserted (all of them unless a row breaks a constraint,
    ///   which only a bug does); they take consecutive `seq` numbers ending at the
    ///   connection's last insert row id.
    func insert(_ indices: [Int], collided: Bool) throws -> Int {
        try showing(indices) {
            insertStatement.bind(1, ingestID)
            insertStatement.bind(2, collided ? 1 : 0)
            defer { insertStatement.reset() }
            try insertStatement.step()
            return connection.changes
        }
    }

    /// The queued labels at `indices` in the order of the export index (``ExportKeyOrder``),
    /// ties in their queue order.
    func exportOrder(_ indices: [Int]) -> [Int] {
        bytes.withUnsafeBytes { buffer in
            func text(_ span: Span) -> UnsafeRawBufferPointer {
                span.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
            }
            return ExportKeyOrder.sorted(indices) { (text(rows[$0].task), text(rows[$0].inputID), rows[$0].createdAt) }
        }
    }

    /// Runs `statement`, a query of `curate_pending_labels` whose first column is the
    /// table's rowid, over the queued labels at `indices`, and calls `body` with each result
    /// row's label (its index in the queue) and the statement, to read its other columns.
    func query(_ indices: [Int], _ statement: Statement, _ body: (Int, Statement) throws -> Void) throws {
        try showing(indices) {
            defer { statement.reset() }
            while try statement.step() {
                try body(indices[Int(statement.int64(0) ?? 0)], statement)
            }
        }
    }

    /// Runs `body` while `curate_pending_labels` shows the queued labels at `indices`, in
    /// that order, its rowids counting from 0.
    private func showing<T>(_ indices: [Int], _ body: () throws -> T) throws -> T {
        try bytes.withUnsafeBytes { buffer in
            layOut(indices, in: buffer)
            source.pointee.rows = UnsafePointer(table)
            source.pointee.count = Int32(indices.count)
            defer {
                source.pointee.rows = nil
                source.pointee.count = 0
            }
            return try body()
        }
    }

    /// Runs `body` with the id of queued label `index` bound, in place, to parameter `parameter` of `statement`.
    func bindingID<T>(of index: Int, to statement: Statement, parameter: Int32, _ body: () throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes { buffer in
            let span = rows[index].id ?? 0..<0
            let start = buffer.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + span.lowerBound }
            statement.bind(parameter, borrowing: start ?? Self.empty, count: span.count)
            return try body()
        }
    }

    /// Whether queued label `index` has the content digest `digest`.
    func hasContent(_ index: Int, equalTo digest: UnsafeRawBufferPointer) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let span = rows[index].contentSHA256 else { return digest.isEmpty }
            return UnsafeRawBufferPointer(rebasing: buffer[span]).elementsEqual(digest)
        }
    }

    /// Whether queued labels `index` and `other` have the same id.
    func hasSameID(_ index: Int, as other: Int) -> Bool {
        sameBytes(rows[index].id, rows[other].id)
    }

    /// Whether queued labels `index` and `other` have the same content digest.
    func hasSameContent(_ index: Int, as other: Int) -> Bool {
        sameBytes(rows[index].contentSHA256, rows[other].contentSHA256)
    }

    private func sameBytes(_ span: Span, _ other: Span) -> Bool {
        bytes.withUnsafeBytes { buffer in
            switch (span, other) {
            case (nil, nil): true
            case let (span?, other?): buffer[span].elementsEqual(buffer[other])
            default: false
            }
        }
    }

    /// The id key of queued label `index`.
    func idKey(of index: Int) -> Int64 { rows[index].idKey }

    /// The `created_at` of queued label `index`.
    func createdAt(of index: Int) -> Int64 { rows[index].createdAt }

    /// Forgets the queued labels, keeping the buffers.
    func removeAll() {
        rows.removeAll(keepingCapacity: true)
        bytes.removeAll()
    }

    /// An address for values of no bytes: SQLite reads a text or blob without one as NULL.
    private static var empty: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    /// `record` as a row, its texts appended to `bytes` (one access to the buffer for all of them).
    private static func row(of record: LabelRecord, key: Int64, tupleID: Int64, copyingTextsTo bytes: inout ByteBuffer) -> Row {
        func add(_ text: String?) -> Span {
            guard var text else { return nil }
            return text.withUTF8 { bytes.appendSpan(UnsafeRawBufferPointer($0)) }
        }
        return Row(
            id: add(record.id), contentSHA256: record.contentDigest.withUnsafeBytes { bytes.appendSpan($0) }, task: add(record.task),
            inputID: add(record.inputID), output: add(record.output), input: add(record.input),
            params: add(record.params), run: add(record.run), meta: add(record.meta), supersedes: add(record.supersedes),
            idKey: key, tupleID: tupleID, createdAt: record.createdAt.nanosecondsSinceEpoch)
    }

    /// Writes the queued rows at `indices` into ``table``, pointing into `buffer`, the bytes where they now are.
    private func layOut(_ indices: [Int], in buffer: UnsafeRawBufferPointer) {
        if tableCapacity < indices.count {
            table.deallocate()
            tableCapacity = max(indices.count, tableCapacity * 2)
            table = .allocate(capacity: tableCapacity)
        }
        let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Self.empty
        func value(_ span: Span) -> curate_bytes {
            guard let span else { return curate_bytes(bytes: nil, count: 0) }
            return curate_bytes(bytes: span.isEmpty ? Self.empty : base + span.lowerBound, count: Int32(span.count))
        }
        for (offset, index) in indices.enumerated() {
            let row = rows[index]
            (table + offset).initialize(to: curate_pending_label(
                id: value(row.id), content_sha256: value(row.contentSHA256), task: value(row.task),
                input_id: value(row.inputID), output: value(row.output), input: value(row.input),
                params: value(row.params), run: value(row.run), meta: value(row.meta), supersedes: value(row.supersedes),
                id_key: row.idKey, tuple_id: row.tupleID, created_at: row.createdAt))
        }
    }
}
