import Foundation

/// Reads an export's rows from the store on a second thread, a few batches ahead of
/// the thread that resolves and writes them.
///
/// Reading — SQLite's walk of the index and the table, and each row's strings — is
/// about half of an export's work and needs nothing from the other half, so each half
/// gets a core. The store's connection is used by the reading thread alone until
/// ``forEach(_:in:_:)`` returns, which waits for that thread to end.
final class RowPrefetcher: @unchecked Sendable {
    private static let batchSize = 1024
    private static let ahead = 8
    private let store: Store
    private let query: ExportQuery
    private let condition = NSCondition()
    // Everything below is guarded by `condition`.
    private var batches: [RowBatch] = []
    private var failure: (any Error)?
    private var finished = false
    private var cancelled = false

    private init(store: Store, query: ExportQuery) {
        self.store = store
        self.query = query
    }

    /// Streams the rows `query` selects to `body`, in the order and with the errors of
    /// ``Store/forEachExportRow(_:_:)``.
    /// - Throws: what reading the store or `body` throws; reading stops at the first error.
    static func forEach(_ query: ExportQuery, in store: Store, _ body: (consuming ExportRow) throws -> Void) throws {
        let prefetcher = RowPrefetcher(store: store, query: query)
        let thread = Thread { [prefetcher] in prefetcher.read() }
        thread.name = "curate.export.read"
        thread.start()
        defer { prefetcher.stop() }
        while let batch = try prefetcher.next() {
            while let row = batch.take() { try body(row) }
        }
    }

    /// The reading thread: batches of rows, at most ``ahead`` waiting at a time.
    private func read() {
        var batch = RowBatch(capacity: Self.batchSize)
        do {
            try store.forEachExportRow(query) { row in
                batch.append(row)
                if batch.isFull {
                    try hand(batch)
                    batch = RowBatch(capacity: Self.batchSize)
                }
            }
            if !batch.isEmpty { try hand(batch) }
        } catch {
            condition.lock()
            if !cancelled { failure = error }
            condition.unlock()
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues `batch` for the caller, waiting while ``ahead`` batches are queued.
    private func hand(_ batch: RowBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && batches.count >= Self.ahead { condition.wait() }
        if cancelled { throw CancellationError() }
        batches.append(batch)
        condition.broadcast()
    }

    /// The next batch; nil after the last.
    private func next() throws -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && failure == nil && !finished { condition.wait() }
        if let failure { throw failure }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// Stops reading if it has not finished, and waits for the reading thread to end.
    private func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}

/// Rows on their way from the reading thread to the caller: appended by the one, then
/// taken out by the other, in order, each moved rather than copied.
private final class RowBatch: @unchecked Sendable {
    private let rows: UnsafeMutablePointer<ExportRow>
    private let capacity: Int
    private var count = 0
    private var taken = 0

    init(capacity: Int) {
        self.capacity = capacity
        rows = .allocate(capacity: capacity)
    }

    deinit {
        (rows + taken).deinitialize(count: count - taken)
        rows.deallocate()
    }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    /// Appends `row`; the batch must not be full.
    func append(_ row: consuming ExportRow) {
        precondition(count < capacity, "a full batch of export rows")
        (rows + count).initialize(to: row)
        count += 1
    }

    /// Moves the next row out, in the order they were appended; nil after the last.
    func take() -> ExportRow? {
        guard taken < count else { return nil }
        defer { taken += 1 }
        return (rows + taken).move()
    }
}
