/// One provenance tuple of one task as `curate audit` counts it.
public struct TupleAudit: Sendable, Hashable {
    /// A label and how much of the tuple's output it is.
    public struct LabelShare: Sendable, Hashable {
        /// A string output as its text, any other as its JSON.
        public let label: String
        /// The tuple's labels with this output.
        public let count: Int
        /// `count` over the tuple's labels.
        public let share: Double

        public init(label: String, count: Int, share: Double) {
            self.label = label
            self.count = count
            self.share = share
        }
    }

    /// The most labels a tuple's distribution lists.
    public static let topLabelCount = 10

    /// The tuple, with the task it is counted for.
    public let tuple: ProvenanceTuple
    /// Its selected labels.
    public let labels: Int
    /// The distinct inputs it labeled.
    public let inputs: Int
    /// Its most frequent labels, most frequent first (at most ``topLabelCount``); nil when
    /// the task's outputs are not categorical.
    public let topLabels: [LabelShare]?
    /// How many distinct labels it gave; nil when the task's outputs are not categorical.
    public let distinctLabels: Int?

    public init(tuple: ProvenanceTuple, labels: Int, inputs: Int, topLabels: [LabelShare]?, distinctLabels: Int?) {
        self.tuple = tuple
        self.labels = labels
        self.inputs = inputs
        self.topLabels = topLabels
        self.distinctLabels = distinctLabels
    }
}
