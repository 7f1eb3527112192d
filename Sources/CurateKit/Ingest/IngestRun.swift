/// What one ingest invocation has found so far, and what it does with each batch: a parsed
/// one, queue its records for the writer, store them, then account for every line in order;
/// one stored whole before, count its lines as duplicates.
struct IngestRun {
    /// A record whose prompt could not be resolved: where queueing stopped, and why.
    typealias Unresolvable = (position: Int, error: PromptError)

    let policy: Ingester.BadLinePolicy
    let resolver: PromptResolver?
    private(set) var summary = IngestSummary()
    private var tally = TupleTally()
    private var problems: [IngestError] = []
    private var problemCount = 0
    private(set) var rejects: RejectFile?
    /// The writer's count of prompt rows when the resolver last saw the store.
    private var promptRowsSeen = 0
    /// Records of the current batch set aside before storing, by position: a `supersedes`
    /// that names no stored label of the same input.
    private var setAside: [Int: RecordProblem] = [:]

    init(policy: Ingester.BadLinePolicy, resolver: PromptResolver?) {
        self.policy = policy
        self.resolver = resolver
    }

    /// Whether the ingest is being refused, so nothing more is stored.
    private var refusing: Bool { problemCount > 0 && policy == .refuse }

    /// Stores the records of a parsed batch and accounts for each of its lines (telling
    /// `warning` of each line set aside). A batch every line of which is now a stored
    /// label is recorded as stored whole, with the provenance its records state.
    mutating func store(_ item: ParsePipeline.Item, on writer: any LabelBatchWriter, warning: (IngestError) -> Void) throws {
        let unresolvable = try queueRecords(of: item, on: writer)
        let outcomes = try writer.storeQueued()
        try account(for: item, outcomes, unresolvable: unresolvable, warning: warning)
        let storedWhole = !refusing && unresolvable == nil && item.problems.isEmpty
            && outcomes.count == item.records.count && !outcomes.contains { $0.outcome == .conflict }
        if storedWhole {
            try writer.addStoredBatch(item.digest, provenance: statedProvenance(of: item, writer.provenanceNumbers))
        }
    }

    /// Counts each line of a batch an earlier ingest stored whole as a duplicate, under the
    /// provenance its record states, resolved as a parsed record's would be.
    mutating func countDuplicates(of item: ParsePipeline.Item, on writer: any LabelBatchWriter) throws {
        summary.lines += item.batch.lines.count
        guard !refusing else { return }
        for (tuple, records) in try writer.storedBatchProvenance(of: item.digest, lines: item.batch.lines.count) {
            var tuple = tuple
            if tuple.needsPromptResolution, let resolver = currentResolver(on: writer) { tuple = try resolver.resolve(tuple) }
            tally.count(.duplicate, of: writer.provenanceNumbers.number(for: tuple), records: records, in: &summary)
        }
    }

    /// How many of the batch's records state each provenance, before any prompt is resolved.
    private func statedProvenance(of item: ParsePipeline.Item, _ numbers: ProvenanceNumbers) -> [(tuple: ProvenanceTuple, records: Int)] {
        item.recordsByProvenance.enumerated().filter { $0.element > 0 }.map { (numbers.tuple($0.offset), $0.element) }
    }

    /// Queues the batch's records on `writer`, in line order, for one store of the batch.
    /// Under `.refuse`, none after the first bad line: the ingest is refused anyway.
    /// - Returns: the first record whose prompt could not be resolved, where queueing stopped.
    private mutating func queueRecords(of item: ParsePipeline.Item, on writer: any LabelBatchWriter) throws -> Unresolvable? {
        setAside.removeAll()
        guard !refusing else { return nil }
        var unresolvable: Unresolvable?
        try item.forEachLine { position, _, content in
            switch content {
            case .problem:
                return policy != .refuse
            case .record(let parsed):
                if let problem = try Self.supersessionProblem(of: parsed.record, in: item, on: writer) {
                    setAside[position] = problem
                    return policy != .refuse
                }
                do {
                    try queue(parsed, on: writer)
                    return true
                } catch let error as PromptError {
                    unresolvable = (position, error)
                    return false
                }
            }
        }
        return unresolvable
    }

    /// What is wrong with the `supersedes` of `record`, a record of `item`: nil when it has
    /// none, or names a label of the same task and input stored before or in the same batch.
    private static func supersessionProblem(of record: LabelRecord, in item: ParsePipeline.Item, on writer: any LabelBatchWriter) throws -> RecordProblem? {
        guard let replaced = record.supersedes else { return nil }
        let found = try writer.storedInput(ofRecord: replaced)
            ?? item.records.first { $0.record.id == replaced }.map { ($0.record.task, $0.record.inputID) }
        guard let found else {
            return .invalidValue(field: "supersedes", reason: "names no stored label (\"\(replaced)\"); give the record id of the label this one replaces, as `curate stale` prints it")
        }
        guard found.0 == record.task, found.1 == record.inputID else {
            return .invalidValue(field: "supersedes", reason: "names a label of another input (\(found.0) \(found.1)); a label can only replace one of its own task and input_id")
        }
        return nil
    }

    /// Queues a parsed record, its prompt resolved first when it names only a version.
    private mutating func queue(_ parsed: ParsePipeline.ParsedRecord, on writer: any LabelBatchWriter) throws {
        guard parsed.record.needsPromptResolution, let resolver = currentResolver(on: writer) else {
            return try writer.queue(parsed.record, key: parsed.idKey, provenance: parsed.provenance)
        }
        let record = try resolver.resolve(parsed.record)
        // Resolving changes the prompt only, not the id.
        try writer.queue(record, key: parsed.idKey, provenance: writer.provenanceNumbers.number(for: ProvenanceTuple(of: record)))
    }

    /// The prompt resolver, told first when this ingest has added prompt texts to the store
    /// since it last looked; nil without one.
    private mutating func currentResolver(on writer: any LabelBatchWriter) -> PromptResolver? {
        guard let resolver else { return nil }
        if writer.promptRowsAdded != promptRowsSeen {
            resolver.storeChanged()
            promptRowsSeen = writer.promptRowsAdded
        }
        return resolver
    }

    /// Counts each line of the batch, its records stored with `outcomes` (in order), and
    /// refuses or sets aside its bad lines (telling `warning` of each set aside). A bad line
    /// found by storing (a conflict) under `.refuse` leaves the records after it uncounted,
    /// as if not queued.
    private mutating func account(
        for item: ParsePipeline.Item, _ outcomes: [(outcome: InsertOutcome, provenance: Int)],
        unresolvable: Unresolvable?, warning: (IngestError) -> Void
    ) throws {
        var outcomes = outcomes.makeIterator()
        try item.forEachLine { position, line, content in
            summary.lines += 1
            let problem: IngestError
            switch content {
            case .problem(let recordProblem):
                problem = .invalidRecord(source: item.source, line: line.number, problem: recordProblem)
            case .record(let parsed):
                if let unresolvable, position >= unresolvable.position {
                    if refusing { return true }
                    throw unresolvable.error
                }
                if let recordProblem = setAside[position] {
                    if refusing { return true }
                    problem = .invalidRecord(source: item.source, line: line.number, problem: recordProblem)
                    break
                }
                guard let stored = outcomes.next() else {
                    if refusing { return true }
                    preconditionFailure("a record was neither stored nor refused")
                }
                if refusing { return true }
                tally.count(stored.outcome, of: stored.provenance, in: &summary)
                if stored.outcome != .conflict { return true }
                problem = .conflict(source: item.source, line: line.number, id: parsed.record.id)
            }
            switch policy {
            case .refuse:
                problemCount += 1
                if problems.count < Ingester.listedProblems { problems.append(problem) }
            case .reject(let rejectPath):
                if case .invalidRecord(_, _, .lineTooLong) = problem {
                    summary.rejectedTooLong += 1
                } else {
                    if rejects == nil { rejects = try RejectFile(path: rejectPath) }
                    try rejects?.write(item.batch.bytes[line.range])
                }
                summary.rejected += 1
                if summary.rejected <= Ingester.listedProblems { warning(problem) }
            }
            return true
        }
    }

    /// Ends the invocation: refuses it when a line was bad under `.refuse`, or closes the
    /// reject file and completes the summary.
    /// - Throws: ``IngestError/refused(problems:total:)``, or a failure to write the reject file.
    mutating func finish(provenanceNumbers: ProvenanceNumbers) throws {
        if problemCount > 0 {
            throw IngestError.refused(problems: problems, total: problemCount)
        }
        try rejects?.finish()
        summary.perTuple = tally.perTuple(provenanceNumbers: provenanceNumbers)
        summary.rejectPath = rejects?.path
    }
}

/// New and duplicate counts per provenance tuple, kept by provenance number (see
/// ``ProvenanceNumbers``) and turned into the summary's tuples at the end.
private struct TupleTally {
    private var counts: [IngestSummary.TupleCounts] = []

    mutating func count(_ outcome: InsertOutcome, of provenance: Int, records: Int = 1, in summary: inout IngestSummary) {
        counts.extend(toInclude: provenance, with: IngestSummary.TupleCounts())
        switch outcome {
        case .inserted:
            summary.new += records
            counts[provenance].new += records
        case .duplicate:
            summary.duplicates += records
            counts[provenance].duplicates += records
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
