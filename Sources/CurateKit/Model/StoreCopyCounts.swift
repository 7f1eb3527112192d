/// How many rows of each kind a store copy wrote.
public struct StoreCopyCounts: Sendable, Hashable {
    /// Entries of the ingest log.
    public var ingests = 0
    /// Prompt rows: a version label's text (or unknown text).
    public var prompts = 0
    /// Provenance tuple rows (producer, prompt, hash status).
    public var tuples = 0
    public var labels = 0
    /// Label counts kept per task and tuple.
    public var tupleCounts = 0
    public var flags = 0
    /// Entries of the retraction journal.
    public var retractions = 0
    /// Labels some retraction took out.
    public var retractedLabels = 0
    /// Rows of the input batches stored whole (a batch and a provenance its records state).
    public var storedBatches = 0

    /// No rows of any kind.
    public init() {}
}
