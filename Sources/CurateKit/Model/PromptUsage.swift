/// How many stored labels refer to one prompt text under one hash status, and when they were made.
public struct PromptUsage: Sendable, Hashable {
    /// The prompt; `sha256` is nil for labels whose text is not known (`ambiguous`, `unknown`).
    public var prompt: PromptRef
    /// How sure the store is of the hash.
    public var hashStatus: HashStatus
    /// How many labels.
    public var labels: Int
    /// The earliest `created_at` among these labels.
    public var firstCreatedAt: Timestamp
    /// The latest `created_at` among these labels.
    public var lastCreatedAt: Timestamp

    /// A usage row with every field given.
    public init(prompt: PromptRef, hashStatus: HashStatus, labels: Int, firstCreatedAt: Timestamp, lastCreatedAt: Timestamp) {
        self.prompt = prompt
        self.hashStatus = hashStatus
        self.labels = labels
        self.firstCreatedAt = firstCreatedAt
        self.lastCreatedAt = lastCreatedAt
    }
}
