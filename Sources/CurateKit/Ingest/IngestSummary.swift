/// What one `curate ingest` invocation did.
public struct IngestSummary: Sendable, Equatable {
    /// The ingest's number in the store's ingest log, set once it has run: what
    /// `curate retract ingest ID` names to take back every label it stored.
    public var ingestID: Int64 = 0
    /// Non-blank lines read.
    public var lines = 0
    /// Labels stored for the first time.
    public var new = 0
    /// Records already stored with the same content.
    public var duplicates = 0
    /// Lines refused and written to the reject file (`--skip-invalid` only).
    public var rejected = 0
    /// Rejected lines longer than the line limit, counted in `rejected` but not copied to the
    /// reject file (they were never held in memory); the warnings name them by file and line.
    public var rejectedTooLong = 0
    /// Where the rejected lines went, when there were any.
    public var rejectPath: String?
    /// New and duplicate counts per provenance tuple.
    public var perTuple: [ProvenanceTuple: TupleCounts] = [:]

    /// New and duplicate records of one provenance tuple.
    public struct TupleCounts: Sendable, Equatable {
        public var new = 0
        public var duplicates = 0
    }

    public init() {}
}

/// How far an ingest has got, for a progress line.
public struct IngestProgress: Sendable {
    public var bytesRead: Int
    public var lines: Int
}
