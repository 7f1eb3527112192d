/// What `curate store copy` did: where from, where to, what it wrote, and the copy's state.
public struct StoreCopySummary: Sendable, Equatable {
    /// The store copied.
    public var source: StoreLocation
    /// The store copied into.
    public var target: StoreLocation
    /// The rows written, by kind.
    public var copied: StoreCopyCounts
    /// The copy's labels as a whole (count, digest of the ids, last ingest): the source's state too.
    public var state: StoreState

    /// A summary with every part given.
    public init(source: StoreLocation, target: StoreLocation, copied: StoreCopyCounts, state: StoreState) {
        self.source = source
        self.target = target
        self.copied = copied
        self.state = state
    }
}
