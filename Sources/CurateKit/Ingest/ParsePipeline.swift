import Foundation

/// Reads and parses inputs on a background thread, a few batches ahead of the
/// writer, so parsing (on every core) overlaps with writing to the store.
///
/// At most ``capacity`` parsed batches wait in memory, so memory stays flat
/// however large the input. Call ``stop()`` exactly once when done.
final class ParsePipeline: @unchecked Sendable {
    /// One batch of lines from one input, with each line's parse result.
    struct Item: Sendable {
        let source: String
        let batch: LineBatch
        let parsed: [Result<LabelRecord, RecordProblem>]
    }

    private let paths: [String]
    private let condition = NSCondition()
    private var queue: [Result<Item, IngestError>] = []
    private var finished = false
    private var cancelled = false
    private let stopped = DispatchSemaphore(value: 0)
    private static let capacity = 2

    /// Starts reading `paths` in order (`-` is standard input).
    init(paths: [String]) {
        self.paths = paths
        let thread = Thread { [self] in
            produce()
            stopped.signal()
        }
        thread.name = "curate.parse"
        thread.start()
    }

    /// The next parsed batch, in input order; nil after the last one.
    /// - Throws: the error that stopped reading (an unreadable input).
    func next() throws(IngestError) -> Item? {
        condition.lock()
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else {
            condition.unlock()
            return nil
        }
        let item = queue.removeFirst()
        condition.broadcast()
        condition.unlock()
        return try item.get()
    }

    /// Stops reading (if it has not finished) and waits for the reader thread to end.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        stopped.wait()
    }

    private func produce() {
        defer { finish() }
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            do {
                var reader = try LineReader(path: path)
                while let batch = try reader.nextBatch(path: name) {
                    let item = Item(source: name, batch: batch, parsed: Ingester.parse(batch))
                    guard push(.success(item)) else { return }
                }
            } catch {
                _ = push(.failure(error))
                return
            }
        }
    }

    /// Queues a result, waiting while the queue is full; false once stopped.
    private func push(_ result: Result<Item, IngestError>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(result)
        condition.broadcast()
        return true
    }

    private func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
