/// One task and provenance tuple that has labels: what export selectors and flags are
/// resolved against.
struct CatalogEntry: Sendable, Hashable {
    let tupleID: Int64
    /// The tuple, including the task.
    let tuple: ProvenanceTuple
}
