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
    private var batches: [[ExportRow]] = []
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
        while var batch = try prefetcher.next() {
            while let row = batch.popLast() { try body(row) }
        }
    }

    /// The reading thread: batches of rows, at most ``ahead`` waiting at a time.
    private func read() {
        var batch: [ExportRow] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            try store.forEachExportRow(query) { row in
                batch.append(row)
                if batch.count == Self.batchSize {
                    try hand(batch)
                    batch = []
                    batch.reserveCapacity(Self.batchSize)
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

    /// Queues `batch` for the caller, last row first, so the caller takes each row out
    /// of it in order with `popLast()`, without copying; waits while ``ahead`` batches
    /// are queued.
    private func hand(_ batch: consuming [ExportRow]) throws {
        batch.reverse()
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && batches.count >= Self.ahead { condition.wait() }
        if cancelled { throw CancellationError() }
        batches.append(batch)
        condition.broadcast()
    }

    /// The next batch, last row first; nil after the last.
    private func next() throws -> [ExportRow]? {
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
