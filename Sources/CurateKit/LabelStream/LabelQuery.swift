/// The store-side filters of a selection, once every selector is resolved to concrete values.
struct LabelQuery: Sendable, Hashable {
    /// Only labels of these provenance tuples.
    var tupleIDs: [Int64]
    /// Only these tasks; empty means all.
    var tasks: [String] = []
    /// Only labels created at or after this many nanoseconds since the epoch.
    var since: Int64?
    /// Only labels created before this many nanoseconds since the epoch.
    var until: Int64?
    /// Drop labels of these runs.
    var excludedRuns: [String] = []
    /// Only labels of this ingest and earlier ones (a rebuild from a manifest); nil for all.
    var ingestedThrough: Int64?
    /// Whether labels carry their `params` as text (only selections by param need them).
    var readsParams = false
    /// Whether labels carry their `input` as text; a reader that never looks at it (an audit,
    /// a count) leaves it out. Every label's input is re-hashed all the same.
    var readsInputs = true
    /// Whether labels carry the retraction that took them out, if any (only when some retraction exists).
    var readsRetractions = false
}
