/// What an export selected, per provenance tuple and split: the numbers a dry run
/// prints and a manifest records.
public struct ExportSummary: Sendable, Hashable {
    /// The split names, in the order of every ``TupleCount/perSplit``.
    public var splits: [String]
    /// Exported records per provenance tuple, sorted by tuple; only tuples with records.
    public var tuples: [TupleCount]
    /// Records exported (rows over all data files).
    public var records: Int
    /// Distinct inputs (task and input_id) with at least one exported record.
    public var inputs: Int
    /// Labels the selection matched, before flags and resolution, less retracted ones.
    public var labelsSelected: Int
    /// Of those, labels left out because a flag matched them.
    public var labelsFlagged: Int
    /// The flags that matched labels of the selection.
    public var flags: [Manifest.AppliedFlag]
    /// The label distribution of each exported task; empty from a dry run that counts no labels
    /// (``Exporter/dryRun(_:countingLabels:)``).
    public var labels: [Manifest.LabelDistribution]
    /// The label distribution of each exported task in each split, in the order of ``splits``;
    /// empty from a dry run that counts no labels.
    public var labelsPerSplit: [[Manifest.LabelDistribution]] = []
    /// Distinct input payloads written to more than one split (see ``Manifest/inputsInSeveralSplits``).
    public var inputsInSeveralSplits = 0
    /// The `created_at` of the newest record written; nil when none was.
    public var newestCreatedAt: Timestamp?
    /// Labels the selection matched that a retraction took out: never exported.
    public var labelsRetracted = 0
    /// The retractions that took labels of the selection out, sorted by id.
    public var retractions: [Manifest.AppliedRetraction] = []

    /// A summary with every part given.
    public init(
        splits: [String], tuples: [TupleCount], records: Int, inputs: Int, labelsSelected: Int, labelsFlagged: Int,
        flags: [Manifest.AppliedFlag], labels: [Manifest.LabelDistribution]
    ) {
        self.splits = splits
        self.tuples = tuples
        self.records = records
        self.inputs = inputs
        self.labelsSelected = labelsSelected
        self.labelsFlagged = labelsFlagged
        self.flags = flags
        self.labels = labels
    }

    /// Exported records of one provenance tuple, in total and per split.
    public struct TupleCount: Sendable, Hashable {
        public var tuple: ProvenanceTuple
        /// Records per split, in the order of ``ExportSummary/splits``.
        public var perSplit: [Int]

        public init(tuple: ProvenanceTuple, perSplit: [Int]) {
            self.tuple = tuple
            self.perSplit = perSplit
        }

        /// Records over all splits.
        public var records: Int { perSplit.reduce(0, +) }
    }

    /// Records per split, in the order of ``splits``.
    public var recordsPerSplit: [Int] {
        splits.indices.map { index in tuples.reduce(0) { $0 + $1.perSplit[index] } }
    }
}
