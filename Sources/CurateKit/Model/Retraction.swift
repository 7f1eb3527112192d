/// Labels taken out of every export, `stale` and `audit` for good, with why and when: an entry
/// of the store's retraction journal. The labels themselves stay in the store.
public struct Retraction: Sendable, Hashable {
    /// Its number in the journal, as `curate retractions`, `curate show` and manifests name it.
    public var id: Int64
    /// What kind of thing was retracted.
    public var kind: RetractionKind
    /// What was retracted, resolved: a whole record id, a run id or an ingest id.
    public var target: String
    /// Why, in the words of whoever retracted it.
    public var reason: String
    /// When it was retracted.
    public var createdAt: Timestamp

    /// A retraction with every field given.
    public init(id: Int64, kind: RetractionKind, target: String, reason: String, createdAt: Timestamp) {
        self.id = id
        self.kind = kind
        self.target = target
        self.reason = reason
        self.createdAt = createdAt
    }
}
