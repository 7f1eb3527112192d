import Foundation

/// Reads JSON Lines inputs into the store: parse and validate on every core, a few
/// batches ahead of the writer, write on one, all inputs of an invocation in one transaction.
public struct Ingester {
    /// What to do with bad lines.
    public enum BadLinePolicy: Sendable, Equatable {
        /// Refuse the whole invocation; the store is left exactly as it was.
        case refuse
        /// Store the good lines; write each bad one verbatim to the file at this path.
        case reject(to: String)
    }

    private let store: Store
    private let policy: BadLinePolicy
    private let ingestedAt: Timestamp
    private let resolver: PromptResolver?
    /// How many problems a refusal lists before it only counts them.
    public static let listedProblems = 10

    /// - Parameters:
    ///   - store: where the labels go.
    ///   - policy: refuse the invocation on a bad line, or set bad lines aside.
    ///   - ingestedAt: the time recorded for this ingest (inject a fixed one in tests).
    ///   - resolver: finds the hash of a prompt given only as `{name, version}`; nil stores it `unknown`.
    public init(store: Store, policy: BadLinePolicy, ingestedAt: Timestamp, resolver: PromptResolver? = nil) {
        self.store = store
        self.policy = policy
        self.ingestedAt = ingestedAt
        self.resolver = resolver
    }

    /// Ingests every path in order (`-` is standard input).
    /// - Parameters:
    ///   - progress: called after each chunk of input, from the calling thread.
    ///   - warning: called with each bad line set aside under `.reject`.
    /// - Throws: ``IngestError`` when input is refused or unreadable (nothing is stored then),
    ///   or a store error.
    public func run(
        paths: [String],
        progress: (IngestProgress) -> Void = { _ in },
        warning: (IngestError) -> Void = { _ in }
    ) throws -> IngestSummary {
        var summary = IngestSummary()
        var tally = TupleTally()
        var problems: [IngestError] = []
        var problemCount = 0
        var rejects: RejectFile?
        var totalBytes = 0
        var promptRowsSeen = 0

        try store.ingest(sources: paths, ingestedAt: ingestedAt) { writer in
            /// Whether the ingest is being refused, so nothing more is stored.
            func refusing() -> Bool { problemCount > 0 && policy == .refuse }
            /// Queues a parsed record, its prompt resolved first when it names only a version.
            func queue(_ parsed: ParsePipeline.ParsedRecord) throws {
                guard let resolver, parsed.record.needsPromptResolution else {
                    return try writer.queue(parsed.record, key: parsed.idKey, provenance: parsed.provenance)
                }
                if writer.promptRowsAdded != promptRowsSeen {
                    resolver.storeChanged()
                    promptRowsSeen = writer.promptRowsAdded
                }
                let record = try resolver.resolve(parsed.record)
                // Resolving changes the prompt only, not the id.
                try writer.queue(record, key: parsed.idKey, provenance: writer.provenanceNumbers.number(for: ProvenanceTuple(of: record)))
            }
            /// Queues the batch's records, in line order, for one store of the batch. Under
            /// `.refuse`, none after the first bad line: the ingest is refused anyway.
            /// - Returns: the first record whose prompt could not be resolved, where queueing stopped.
            func queueRecords(of item: ParsePipeline.Item) throws -> (position: Int, error: PromptError)? {
                guard !refusing() else { return nil }
                var records = item.records.makeIterator()
                var invalidLines = item.problems.makeIterator()
                var nextProblem = invalidLines.next()
                for position in item.batch.lines.indices {
                    if let invalid = nextProblem, invalid.position == position {
                        nextProblem = invalidLines.next()
                        if policy == .refuse { return nil }
                    } else if let parsed = records.next() {
                        do {
                            try queue(parsed)
                        } catch let error as PromptError {
                            return (position, error)
                        }
                    }
                }
                return nil
            }
            /// Counts each line of the batch, its records stored with `outcomes` (in order), and
            /// refuses or sets aside its bad lines; a bad line found by storing (a conflict)
            /// under `.refuse` leaves the records after it uncounted, as if not queued.
            func account(for item: ParsePipeline.Item, _ outcomes: [(outcome: InsertOutcome, provenance: Int)],
                         unresolvable: (position: Int, error: PromptError)?) throws {
                var outcomes = outcomes.makeIterator()
                var records = item.records.makeIterator()
                var invalidLines = item.problems.makeIterator()
                var nextProblem = invalidLines.next()
                for (position, line) in item.batch.lines.enumerated() {
                    summary.lines += 1
                    let problem: IngestError
                    if let invalid = nextProblem, invalid.position == position {
                        problem = .invalidRecord(source: item.source, line: line.number, problem: invalid.problem)
                        nextProblem = invalidLines.next()
                    } else if let parsed = records.next() {
                        if let unresolvable, position >= unresolvable.position {
                            if refusing() { continue }
                            throw unresolvable.error
                        }
                        guard let stored = outcomes.next() else {
                            if refusing() { continue }
                            preconditionFailure("a record was neither stored nor refused")
                        }
                        if refusing() { continue }
                        tally.count(stored.outcome, of: stored.provenance, in: &summary)
                        if stored.outcome != .conflict { continue }
                        problem = .conflict(source: item.source, line: line.number, id: parsed.record.id)
                    } else {
                        preconditionFailure("a parsed batch has a record or a problem for every line")
                    }
                    switch policy {
                    case .refuse:
                        problemCount += 1
                        if problems.count < Self.listedProblems { problems.append(problem) }
                    case .reject(let rejectPath):
                        if rejects == nil { rejects = try RejectFile(path: rejectPath) }
                        try rejects?.write(item.batch.bytes[line.range])
                        summary.rejected += 1
                        warning(problem)
                    }
                }
            }

            let pipeline = ParsePipeline(paths: paths, provenanceNumbers: writer.provenanceNumbers)
            defer { pipeline.stop() }
            while let item = try pipeline.next() {
                let unresolvable = try queueRecords(of: item)
                try account(for: item, try writer.storeQueued(), unresolvable: unresolvable)
                totalBytes += item.batch.bytes.count
                progress(IngestProgress(bytesRead: totalBytes, lines: summary.lines))
                pipeline.recycle(consume item)
            }
            if problemCount > 0 {
                throw IngestError.refused(problems: problems, total: problemCount)
            }
            try rejects?.finish()
            summary.perTuple = tally.perTuple(provenanceNumbers: writer.provenanceNumbers)
        }
        summary.rejectPath = rejects?.path
        return summary
    }
}

/// New and duplicate counts per provenance tuple, kept by provenance number (see
/// ``ProvenanceNumbers``) and turned into the summary's tuples at the end.
private struct TupleTally {
    private var counts: [IngestSummary.TupleCounts] = []

    mutating func count(_ outcome: InsertOutcome, of provenance: Int, in summary: inout IngestSummary) {
        counts.extend(toInclude: provenance, with: IngestSummary.TupleCounts())
        switch outcome {
        case .inserted:
            summary.new += 1
            counts[provenance].new += 1
        case .duplicate:
            summary.duplicates += 1
            counts[provenance].duplicates += 1
        case .conflict:
            break
        }
    }

    /// The counts by provenance tuple.
    func perTuple(provenanceNumbers: ProvenanceNumbers) -> [ProvenanceTuple: IngestSummary.TupleCounts] {
        var tuples: [ProvenanceTuple: IngestSummary.TupleCounts] = [:]
        for (number, count) in counts.enumerated() where count.new + count.duplicates > 0 {
            tuples[provenanceNumbers.tuple(number)] = count
        }
        return tuples
    }
}
