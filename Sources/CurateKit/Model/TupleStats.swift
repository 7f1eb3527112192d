/// How many labels one provenance tuple holds, and when they were made.
public struct TupleStats: Sendable, Hashable, Codable {
    public var tuple: ProvenanceTuple
    public var labels: Int
    /// The earliest `created_at` among the tuple's labels.
    public var firstCreatedAt: Timestamp
    /// The latest `created_at` among the tuple's labels.
    public var lastCreatedAt: Timestamp
    /// Of ``labels``, those a retraction took out: still stored, never exported.
    public var retracted: Int

    public init(tuple: ProvenanceTuple, labels: Int, firstCreatedAt: Timestamp, lastCreatedAt: Timestamp, retracted: Int = 0) {
        self.tuple = tuple
        self.labels = labels
        self.firstCreatedAt = firstCreatedAt
        self.lastCreatedAt = lastCreatedAt
        self.retracted = retracted
    }
}
