import Crypto
import Foundation

/// Reads inputs in batches and parses each batch on its own worker thread, one
/// worker per core, handing the parsed batches to the writer in input order.
///
/// Workers take whole batches, so no core waits for another to finish its share;
/// at most ``ahead`` batches are read before the writer has taken them, so memory
/// stays flat however large the input. A batch whose bytes an earlier ingest stored
/// whole (see ``StoredBatches``) is hashed, not parsed. Call ``stop()`` exactly once when done.
final class ParsePipeline: @unchecked Sendable {
    /// One batch of lines from one input, parsed: every line is either a record or a problem.
    struct Item: Sendable {
        let source: String
        let batch: LineBatch
        /// The SHA-256 of the batch's bytes.
        let digest: StoredBatchDigest
        /// Whether an earlier ingest stored every line of these bytes: then they are not
        /// parsed, and `records` and `problems` are empty.
        let storedBefore: Bool
        /// The records of the valid lines, in line order.
        let records: [ParsedRecord]
        /// The invalid lines (positions in `batch.lines`), in line order, with their problem.
        let problems: [(position: Int, problem: RecordProblem)]
        /// How many of `records` have each provenance number (the provenance a record states,
        /// before any prompt is resolved); zero for numbers none has.
        let recordsByProvenance: [Int]

        /// What a line of the batch holds: a record, or the problem that kept it from being one.
        enum Line {
            case record(ParsedRecord)
            case problem(RecordProblem)
        }

        /// Calls `body` with each line in input order (its position in `batch.lines`, its range
        /// and number, and what it holds) for as long as `body` returns true.
        func forEachLine(_ body: (_ position: Int, _ line: (range: Range<Int>, number: Int), Line) throws -> Bool) rethrows {
            precondition(!storedBefore, "a batch stored before is not parsed")
            var records = self.records.makeIterator()
            var problems = self.problems.makeIterator()
            var nextProblem = problems.next()
            for (position, line) in batch.lines.enumerated() {
                let content: Line
                if let invalid = nextProblem, invalid.position == position {
                    content = .problem(invalid.problem)
                    nextProblem = problems.next()
                } else if let record = records.next() {
                    content = .record(record)
                } else {
                    preconditionFailure("a parsed batch has a record or a problem for every line")
                }
                guard try body(position, line, content) else { return }
            }
        }
    }

    /// A valid record with the number of its provenance (see ``ProvenanceNumbers``) and its id key.
    ///
    /// A class with constant fields, so the writer can hand `record` on without copying it
    /// (a copy of a record retains each of its strings, on another core than made them).
    final class ParsedRecord: Sendable {
        let record: LabelRecord
        let provenance: Int
        /// The lookup key of the record's id (``RecordIDKey``), computed here rather
        /// than on the writer's thread.
        let idKey: Int64

        init(record: LabelRecord, provenance: Int) {
            self.record = record
            self.provenance = provenance
            idKey = RecordIDKey.of(record.id)
        }
    }

    private static let ahead = 4
    private let maximumLineBytes: Int
    private let provenanceNumbers: ProvenanceNumbers
    private let storedBatches: Set<StoredBatchDigest>
    private let schemas: TaskSchemas
    private let allowNewTasks: Bool
    private let condition = NSCondition()
    // Everything below is guarded by `condition`.
    private let inputs: InputSequence
    private var handedOut = 0
    private var nextToTake = 0
    private var end: Int?
    private var ready: [Int: Result<Item, IngestError>] = [:]
    private var cancelled = false
    /// Batches the writer is done with, freed by the next worker that reads.
    private var finished: [Item] = []
    private var runningWorkers: Int

    /// Starts reading `paths` in order (`-` is standard input), numbering each record's
    /// provenance with `provenanceNumbers`; batches whose digest is in `storedBatches` are not parsed.
    /// `maximumLineBytes` is the longest line parsed; a longer one is a problem of its batch.
    /// A record of a task or with an output `schemas` refuses (see ``TaskSchemas/check(_:allowingNewTasks:)``)
    /// is a problem too.
    init(
        paths: [String], provenanceNumbers: ProvenanceNumbers, storedBatches: Set<StoredBatchDigest>,
        maximumLineBytes: Int = LineReader.defaultMaximumLineBytes, schemas: TaskSchemas = TaskSchemas(), allowNewTasks: Bool = false
    ) {
        inputs = InputSequence(paths: paths, maximumLineBytes: maximumLineBytes)
        self.maximumLineBytes = maximumLineBytes
        self.schemas = schemas
        self.allowNewTasks = allowNewTasks
        self.provenanceNumbers = provenanceNumbers
        self.storedBatches = storedBatches
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        runningWorkers = workers
        for index in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.name = "curate.parse.\(index)"
            thread.start()
        }
    }

    /// The next parsed batch, in input order; nil after the last one.
    /// - Throws: the error that stopped reading (an unreadable input).
    func next() throws(IngestError) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while ready[nextToTake] == nil && end != nextToTake { condition.wait() }
        guard let item = ready.removeValue(forKey: nextToTake) else { return nil }
        nextToTake += 1
        condition.broadcast()
        return try item.get()
    }

    /// Hands back a batch the writer is done with, so that a worker frees its records:
    /// that keeps the writer's thread, the one that bounds ingest, on the store alone.
    func recycle(_ item: consuming Item) {
        condition.lock()
        finished.append(item)
        condition.unlock()
    }

    /// Stops reading (if it has not finished) and waits for the workers to end.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    /// A worker: read the next batch (one worker at a time), parse it (all at once), repeat.
    private func work() {
        Self.giveWayToWriter()
        var provenance = ProvenanceNumbers.LocalCache(provenanceNumbers)
        condition.lock()
        while true {
            while !cancelled && end == nil && handedOut - nextToTake >= Self.ahead { condition.wait() }
            if cancelled || end != nil { break }
            let sequence = handedOut
            switch inputs.next() {
            case .success(nil):
                end = sequence
                condition.broadcast()
            case .failure(let error):
                ready[sequence] = .failure(error)
                end = sequence + 1
                condition.broadcast()
            case .success(let (source, batch)?):
                handedOut += 1
                var done: [Item] = []
                swap(&done, &finished)
                condition.unlock()
                done.removeAll()
                let digest = StoredBatchDigest(SHA256.hash(data: batch.bytes))
                let item = batch.overlong.isEmpty && storedBatches.contains(digest)
                    ? Item(source: source, batch: batch, digest: digest, storedBefore: true, records: [], problems: [], recordsByProvenance: [])
                    : Self.parse(
                        batch, from: source, digest: digest, provenance: &provenance, maximumLineBytes: maximumLineBytes,
                        schemas: schemas, allowNewTasks: allowNewTasks)
                condition.lock()
                ready[sequence] = .success(item)
                condition.broadcast()
            }
        }
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Lowers the calling worker thread's priority a little (nice 5), so that the writer's thread,
    /// which bounds an ingest, runs whenever it can and the workers use the rest of the cores:
    /// with a worker per core and the writer, there is one thread more than cores. About 5% off
    /// a 1M-record ingest on 2 cores (Benchmarks/README.md). On Linux a thread has its own nice
    /// value; elsewhere this does nothing.
    private static func giveWayToWriter() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        #endif
    }

    /// Parses each line of a batch, whose bytes' SHA-256 is `digest`; its overlong lines
    /// (longer than `maximumLineBytes`) and the records `schemas` refuses are problems.
    static func parse(
        _ batch: LineBatch, from source: String, digest: StoredBatchDigest, provenance: inout ProvenanceNumbers.LocalCache,
        maximumLineBytes: Int, schemas: TaskSchemas, allowNewTasks: Bool
    ) -> Item {
        var parser = RecordParser()
        var records: [ParsedRecord] = []
        var problems: [(position: Int, problem: RecordProblem)] = []
        var recordsByProvenance: [Int] = []
        records.reserveCapacity(batch.lines.count)
        var overlong = batch.overlong.makeIterator()
        var nextOverlong = overlong.next()
        batch.bytes.withUnsafeBytes { bytes in
            for (position, line) in batch.lines.enumerated() {
                if let long = nextOverlong, long.position == position {
                    problems.append((position, .lineTooLong(length: long.length, limit: maximumLineBytes)))
                    nextOverlong = overlong.next()
                    continue
                }
                do throws(RecordProblem) {
                    let record = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[line.range]))
                    try schemas.check(record, allowingNewTasks: allowNewTasks)
                    let number = provenance.number(for: record)
                    records.append(ParsedRecord(record: record, provenance: number))
                    recordsByProvenance.extend(toInclude: number, with: 0)
                    recordsByProvenance[number] += 1
                } catch {
                    problems.append((position, error))
                }
            }
        }
        return Item(
            source: source, batch: batch, digest: digest, storedBefore: false,
            records: records, problems: problems, recordsByProvenance: recordsByProvenance)
    }
}

/// The inputs of one ingest as one run of batches: each path in turn, to its end.
private final class InputSequence {
    private var paths: ArraySlice<String>
    private var reader: LineReader?
    private var source = ""
    private let maximumLineBytes: Int

    init(paths: [String], maximumLineBytes: Int) {
        self.paths = paths[...]
        self.maximumLineBytes = maximumLineBytes
    }

    /// The next batch and the name of its input; nil after the last input.
    func next() -> Result<(String, LineBatch)?, IngestError> {
        do {
            while true {
                if let reader, let batch = try reader.nextBatch(path: source) {
                    return .success((source, batch))
                }
                guard let path = paths.popFirst() else { return .success(nil) }
                source = path == "-" ? "<stdin>" : path
                reader = try LineReader(path: path, maximumLineBytes: maximumLineBytes)
            }
        } catch {
            return .failure(error)
        }
    }
}
