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

    private let store: any StoreBackend
    private let policy: BadLinePolicy
    private let ingestedAt: Timestamp
    private let resolver: PromptResolver?
    private let maximumLineBytes: Int
    private let schemas: TaskSchemas
    private let allowNewTasks: Bool
    /// How many problems a refusal lists before it only counts them.
    public static let listedProblems = 10

    /// - Parameters:
    ///   - store: where the labels go.
    ///   - policy: refuse the invocation on a bad line, or set bad lines aside.
    ///   - ingestedAt: the time recorded for this ingest (inject a fixed one in tests).
    ///   - resolver: finds the hash of a prompt given only as `{name, version}`; nil stores it `unknown`.
    ///   - maximumLineBytes: the longest line read; a longer one is a bad line, skipped without
    ///     being held in memory.
    ///   - schemas: the workspace's label schemas; a record of an undeclared task or with an output
    ///     outside its task's schema is a bad line.
    ///   - allowNewTasks: accept records of tasks that have no schema although the workspace declares its tasks.
    public init(
        store: Store, policy: BadLinePolicy, ingestedAt: Timestamp, resolver: PromptResolver? = nil,
        maximumLineBytes: Int = LineReader.defaultMaximumLineBytes, schemas: TaskSchemas = TaskSchemas(), allowNewTasks: Bool = false
    ) {
        self.store = store.backend
        self.policy = policy
        self.ingestedAt = ingestedAt
        self.resolver = resolver
        self.maximumLineBytes = maximumLineBytes
        self.schemas = schemas
        self.allowNewTasks = allowNewTasks
    }

    /// Ingests every path in order (`-` is standard input).
    /// - Parameters:
    ///   - progress: called after each chunk of input, from the calling thread.
    ///   - warning: called with each of the first ``listedProblems`` bad lines set aside under
    ///     `.reject` (the summary counts them all).
    /// - Throws: ``IngestError`` when input is refused or unreadable, or the reject file is one
    ///   of the inputs (nothing is stored then), or a store error.
    public func run(
        paths: [String],
        progress: (IngestProgress) -> Void = { _ in },
        warning: (IngestError) -> Void = { _ in }
    ) throws -> IngestSummary {
        if case .reject(let rejectPath) = policy { try RejectFile.checkNotAmong(paths, rejectPath: rejectPath) }
        var invocation = IngestRun(policy: policy, resolver: resolver)
        var totalBytes = 0
        let ingestID = try store.ingest(sources: paths, ingestedAt: ingestedAt) { writer in
            let pipeline = ParsePipeline(
                paths: paths, provenanceNumbers: writer.provenanceNumbers, storedBatches: writer.storedBatchDigests,
                maximumLineBytes: maximumLineBytes, schemas: schemas, allowNewTasks: allowNewTasks)
            defer { pipeline.stop() }
            while let item = try pipeline.next() {
                if item.storedBefore {
                    try invocation.countDuplicates(of: item, on: writer)
                } else {
                    try invocation.store(item, on: writer, warning: warning)
                }
                totalBytes += item.batch.bytes.count
                progress(IngestProgress(bytesRead: totalBytes, lines: invocation.summary.lines))
                pipeline.recycle(consume item)
            }
            try invocation.finish(provenanceNumbers: writer.provenanceNumbers)
            return writer.ingestID
        }
        var summary = invocation.summary
        summary.ingestID = ingestID
        return summary
    }
}
