import Foundation

/// Reads a selection's labels from the store on a second thread, a few batches ahead of
/// the thread that resolves and writes them.
///
/// Reading — SQLite's walk of its index and table, or PostgreSQL's COPY stream — is about
/// half of an export's work and needs nothing from the other half, so each half gets a core.
/// The reading thread copies each row's bytes into its batch; the caller's thread re-hashes
/// each row (``ContentVerifier``) and makes its strings. When the caller falls behind (every
/// queue place taken), the reading thread re-hashes the batch it holds instead of waiting, so
/// whichever half is lighter on a store takes that work. The store's connection is used by
/// the reading thread alone until ``forEach(_:in:tuples:_:)`` returns, which waits for that
/// thread to end.
///
/// What the reading thread reads is a source: every row a query selects, or (see
/// ``IndexedChoice``) only the rows of the labels it chose from the store's index, with
/// what the source counted on its way as the `Summary` handed back at the end.
final class RowPrefetcher<Summary>: @unchecked Sendable {
    /// Reads rows on the reading thread, handing each to its argument, and returns what it counted.
    typealias Source = (_ emit: (any StoredLabelColumns) throws -> Void) throws -> Summary

    private static var batchSize: Int { 1024 }
    private static var ahead: Int { 8 }
    private let source: Source
    /// The reading thread's own verifier, for batches it re-hashes while the caller is behind.
    private var readerVerifier: ContentVerifier
    private let condition = NSCondition()
    // Everything below is guarded by `condition`.
    private var batches: [RowBatch] = []
    /// Batches the caller is done with, for the reading thread to fill again.
    private var spares: [RowBatch] = []
    private var failure: (any Error)?
    private var summary: Summary?
    private var finished = false
    private var cancelled = false

    private init(source: @escaping Source, verifier: consuming ContentVerifier) {
        self.source = source
        readerVerifier = verifier
    }

    /// Streams the rows `source` reads, on a second thread, to `body`, each checked by a
    /// ``ContentVerifier`` of `tuples` (the selected tuples, by id) first. Of several changed
    /// labels, the first in the source's order is the one reported, whichever thread re-hashed it.
    /// - Parameters:
    ///   - withParams: whether each label carries its `params` text.
    ///   - withInput: whether each label carries its `input` text.
    /// - Returns: what `source` returned.
    /// - Throws: what `source`, the verifier or `body` throws; reading stops at the first error.
    static func forEach(
        reading source: @escaping Source, from store: any StoreBackend, tuples: [Int64: ProvenanceTuple], withParams: Bool, withInput: Bool,
        _ body: (consuming StoredLabel) throws -> Void
    ) throws -> Summary {
        var verifier = ContentVerifier(tuples: tuples, storePath: store.location)
        let prefetcher = RowPrefetcher(source: source, verifier: ContentVerifier(tuples: tuples, storePath: store.location))
        let thread = Thread { [prefetcher] in prefetcher.read() }
        thread.name = "curate.labels.read"
        thread.start()
        defer { prefetcher.stop() }
        while let batch = try prefetcher.next() {
            while let row = try batch.take(verifying: &verifier, withParams: withParams, withInput: withInput) {
                try body(row)
            }
            prefetcher.recycle(batch)
        }
        return try prefetcher.result()
    }

    /// The reading thread: batches of rows, at most ``ahead`` waiting at a time.
    private func read() {
        var batch = emptyBatch()
        do {
            let counted = try source { columns in
                try batch.append(columns)
                if batch.isFull {
                    try hand(batch)
                    batch = emptyBatch()
                }
            }
            if !batch.isEmpty { try hand(batch) }
            condition.lock()
            summary = counted
            condition.unlock()
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

    /// What the source returned, once every batch was taken.
    private func result() throws -> Summary {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        if let failure { throw failure }
        guard let summary else { preconditionFailure("the reading thread ended without a failure or a summary") }
        return summary
    }

    /// Queues `batch` for the caller, waiting while ``ahead`` batches are queued; if they
    /// already are when `batch` is handed, re-hashes it first instead of only waiting.
    private func hand(_ batch: RowBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        if !cancelled && batches.count >= Self.ahead {
            condition.unlock()
            batch.verifyAhead(with: &readerVerifier)
            condition.lock()
        }
        while !cancelled && batches.count >= Self.ahead { condition.wait() }
        if cancelled { throw CancellationError() }
        batches.append(batch)
        condition.broadcast()
    }

    /// A batch to fill: one the caller is done with, its storage kept, or a new one.
    private func emptyBatch() -> RowBatch {
        condition.lock()
        let spare = spares.popLast()
        condition.unlock()
        guard let spare else { return RowBatch(capacity: Self.batchSize) }
        spare.removeAll()
        return spare
    }

    /// Takes back a batch the caller has taken every row of.
    private func recycle(_ batch: RowBatch) {
        condition.lock()
        spares.append(batch)
        condition.unlock()
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

/// Rows on their way from the reading thread to the caller: their bytes copied in by the
/// one, then made into rows by the other, in order.
private final class RowBatch: @unchecked Sendable {
    private var copied: CopiedLabelRows
    private let capacity: Int
    private var taken = 0
    /// The rows before this one were re-hashed, and found intact, by the reading thread.
    private var verifiedAhead = 0

    init(capacity: Int) {
        self.capacity = capacity
        copied = CopiedLabelRows(capacity: capacity)
    }

    var isFull: Bool { copied.count == capacity }
    var isEmpty: Bool { copied.count == 0 }

    /// Empties the batch for the reading thread to fill again, keeping its storage.
    func removeAll() {
        copied.removeAll()
        taken = 0
        verifiedAhead = 0
    }

    /// Appends the row `columns` shows, copying its bytes; the batch must not be full.
    func append(_ columns: any StoredLabelColumns) throws {
        precondition(!isFull, "a full batch of label rows")
        try copied.append(columns)
    }

    /// Re-hashes the rows in order, on the reading thread before the batch is queued, until
    /// one is not intact; the caller re-hashes that one and those after it, so it is reported
    /// in the order of the stream.
    func verifyAhead(with verifier: inout ContentVerifier) {
        copied.withUnsafeBytes { buffer in
            while verifiedAhead < copied.count, (try? Self.verify(copied.rows[verifiedAhead], in: buffer, with: &verifier)) != nil {
                verifiedAhead += 1
            }
        }
    }

    /// Checks `row`, whose bytes are in `buffer`, with `verifier`.
    private static func verify(_ row: CopiedLabelRows.Row, in buffer: UnsafeRawBufferPointer, with verifier: inout ContentVerifier) throws {
        func bytes(_ text: StoredLabel.Text) -> UnsafeRawBufferPointer? { CopiedLabelRows.text(text, of: row, in: buffer) }
        try verifier.verify(
            id: bytes(.id), task: bytes(.task), inputID: bytes(.inputID), output: bytes(.output), input: bytes(.input),
            params: bytes(.params), run: bytes(.run), meta: bytes(.meta), supersedes: bytes(.supersedes),
            createdAt: row.createdAt, tupleID: row.tupleID, stored: UnsafeRawBufferPointer(rebasing: buffer[row.contentSHA256]))
    }

    /// The next row, in the order they were appended, once found intact (by `verifier`
    /// unless the reading thread checked it already); nil after the last.
    /// - Parameters:
    ///   - withParams: whether the label carries its `params` text.
    ///   - withInput: whether the label carries its `input` text.
    func take(verifying verifier: inout ContentVerifier, withParams: Bool, withInput: Bool) throws -> StoredLabel? {
        guard taken < copied.count else { return nil }
        let row = copied.rows[taken]
        let checkedAhead = taken < verifiedAhead
        taken += 1
        return try copied.withUnsafeBytes { buffer in
            if !checkedAhead { try Self.verify(row, in: buffer, with: &verifier) }
            return try verifier.label(
                text: { text in CopiedLabelRows.text(text, of: row, in: buffer).map { String(decoding: $0, as: UTF8.self) } },
                createdAt: row.createdAt, tupleID: row.tupleID, withParams: withParams, withInput: withInput,
                retraction: row.retraction)
        }
    }
}

extension RowPrefetcher where Summary == Void {
    /// Streams the rows `query` selects to `body`, in the order and with the errors of
    /// ``StoreBackend/forEachStoredLabel(_:_:)``, each checked by a ``ContentVerifier`` of
    /// `tuples` (the selected tuples, by id) first.
    /// - Throws: what reading the store, the verifier or `body` throws; reading stops at the first error.
    static func forEach(
        _ query: LabelQuery, in store: any StoreBackend, tuples: [Int64: ProvenanceTuple], _ body: (consuming StoredLabel) throws -> Void
    ) throws {
        try forEach(
            reading: { emit in try store.forEachStoredLabel(query, emit) }, from: store, tuples: tuples,
            withParams: query.readsParams, withInput: query.readsInputs, body)
    }
}
