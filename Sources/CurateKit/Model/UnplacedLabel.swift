/// A stored LLM label whose prompt text is not known yet (hash status `unknown` or `ambiguous`).
public struct UnplacedLabel: Sendable, Hashable {
    /// The record id.
    public var id: String
    /// The labeling task.
    public var task: String
    /// The prompt's name and version label (the label carries no hash).
    public var version: PromptVersion
    /// `unknown` or `ambiguous`.
    public var hashStatus: HashStatus
    /// When the label was made, which decides the text it gets.
    public var createdAt: Timestamp
    /// The store's row of the label, to move it without a second lookup.
    let row: Int64
    /// The tuple the label belongs to now.
    let tupleID: Int64

    init(id: String, task: String, version: PromptVersion, hashStatus: HashStatus, createdAt: Timestamp, row: Int64, tupleID: Int64) {
        self.id = id
        self.task = task
        self.version = version
        self.hashStatus = hashStatus
        self.createdAt = createdAt
        self.row = row
        self.tupleID = tupleID
    }
}

/// A decision to give labels a known prompt text.
public struct PromptAssignment: Sendable, Hashable {
    /// The labels to move.
    public var labels: [UnplacedLabel]
    /// The prompt text they get: name, version label and hash.
    public var prompt: PromptRef
    /// The template text, when known, kept with the prompt.
    public var text: String?
    /// The hash status they get (`inferred-git` from backfill).
    public var hashStatus: HashStatus

    /// An assignment of `labels` to `prompt`.
    public init(labels: [UnplacedLabel], prompt: PromptRef, text: String?, hashStatus: HashStatus) {
        self.labels = labels
        self.prompt = prompt
        self.text = text
        self.hashStatus = hashStatus
    }
}
