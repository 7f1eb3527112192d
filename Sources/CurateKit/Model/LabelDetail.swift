/// One stored label with its full provenance, as `curate show` reports it.
public struct LabelDetail: Sendable, Equatable {
    /// The record id.
    public var id: String
    /// Task, producer (model and prompt, or annotator) and how sure the store is of the prompt hash.
    public var tuple: ProvenanceTuple
    /// The stable id of the thing labeled.
    public var inputID: String
    /// The input payload, when the record had one.
    public var input: JSONValue?
    /// The generated label.
    public var output: JSONValue
    /// When the LLM (or person) produced the label.
    public var createdAt: Timestamp
    /// The ingest that stored the label: its id in the ingest log, time and input names.
    public var ingest: Ingest
    /// The generation parameters, when the record had them.
    public var params: JSONValue?
    /// The batch or job id.
    public var run: String?
    /// Anything else the record carried, kept as is.
    public var meta: JSONValue?
    /// The record id of the label this one replaces, as its record named it.
    public var supersedes: String?
    /// The record ids of the stored labels that name this one in `supersedes`, sorted.
    public var supersededBy: [String]
    /// The flags that quarantine the label (sorted by kind, then target); empty when none does.
    public var flags: [LabelFlag]
    /// The retraction that took the label out of every export for good; nil when none did.
    public var retraction: Retraction?

    /// One run of `curate ingest`, as the ingest log keeps it.
    public struct Ingest: Sendable, Equatable {
        /// Its row id in the ingest log.
        public var id: Int64
        /// When it ran.
        public var ingestedAt: Timestamp
        /// The names of its inputs (`-` for standard input).
        public var sources: [String]

        /// An ingest with every field given.
        public init(id: Int64, ingestedAt: Timestamp, sources: [String]) {
            self.id = id
            self.ingestedAt = ingestedAt
            self.sources = sources
        }
    }

    /// A label with every field given.
    public init(
        id: String, tuple: ProvenanceTuple, inputID: String, input: JSONValue?, output: JSONValue, createdAt: Timestamp, ingest: Ingest,
        params: JSONValue?, run: String?, meta: JSONValue?, supersedes: String?, supersededBy: [String], flags: [LabelFlag],
        retraction: Retraction? = nil
    ) {
        self.id = id
        self.tuple = tuple
        self.inputID = inputID
        self.input = input
        self.output = output
        self.createdAt = createdAt
        self.ingest = ingest
        self.params = params
        self.run = run
        self.meta = meta
        self.supersedes = supersedes
        self.supersededBy = supersededBy
        self.flags = flags
        self.retraction = retraction
    }
}
