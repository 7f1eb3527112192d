/// How one task's label distribution moved between two datasets.
public struct TaskLabelShift: Sendable, Hashable {
    /// What a manifest says about one task's labels.
    public enum Distribution: String, Sendable, Hashable {
        /// The dataset has no records of the task.
        case absent
        /// The manifest counts each label.
        case categorical
        /// The task's outputs are not categorical, so the manifest has no counts.
        case notCategorical = "not-categorical"
    }

    public var task: String
    /// The task's distribution in the dataset before.
    public var before: Distribution
    /// The task's distribution in the dataset after.
    public var after: Distribution
    /// The task's counted records before (the sum of its label counts).
    public var beforeTotal: Int
    /// The task's counted records after.
    public var afterTotal: Int
    /// Every label of either side, sorted by label (UTF-8 bytes); empty when neither side counts labels.
    public var labels: [LabelShift]

    /// A shift with every field given.
    public init(task: String, before: Distribution, after: Distribution, beforeTotal: Int, afterTotal: Int, labels: [LabelShift]) {
        self.task = task
        self.before = before
        self.after = after
        self.beforeTotal = beforeTotal
        self.afterTotal = afterTotal
        self.labels = labels
    }

    /// Whether the distribution differs: the task appeared, disappeared, stopped or started
    /// being categorical, or a label's count changed.
    public var isChanged: Bool {
        before != after || labels.contains { $0.before != $0.after }
    }
}

/// One label's count and share on each side.
public struct LabelShift: Sendable, Hashable {
    public var label: String
    public var before: Int
    public var after: Int
    /// Its share of the task's counted records before, from 0 to 1 (0 when there were none).
    public var shareBefore: Double
    /// Its share after.
    public var shareAfter: Double

    /// A shift with every field given.
    public init(label: String, before: Int, after: Int, shareBefore: Double, shareAfter: Double) {
        self.label = label
        self.before = before
        self.after = after
        self.shareBefore = shareBefore
        self.shareAfter = shareAfter
    }
}
