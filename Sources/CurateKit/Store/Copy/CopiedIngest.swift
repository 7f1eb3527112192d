/// One ingest of a store being copied: a row of its ingest log.
struct CopiedIngest: Sendable, Equatable {
    /// The ingest's number, as `curate ingest` printed it and `curate retract ingest` names it.
    var id: Int64
    var ingestedAt: Timestamp
    /// The names of the inputs it read, as the JSON array the store keeps.
    var sources: String
}
