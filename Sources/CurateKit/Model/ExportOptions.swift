/// Everything an export is asked for, apart from the dataset's name and the time.
///
/// The same store and the same options give byte-identical data files.
public struct ExportOptions: Sendable, Hashable {
    /// Which labels are considered.
    public var selection: Selection
    /// How one label per input is chosen.
    public var resolve: ResolvePolicy
    /// Whether an input's human labels, when it has any, replace its LLM labels as the
    /// candidates (`--no-human-priority` turns this off and lets them compete).
    public var humanPriority: Bool
    /// The splits and their seed.
    public var split: SplitSpec
    /// The data files' format.
    public var format: ExportFormat

    /// Options with the defaults of `curate export`: latest label, human labels first,
    /// no split, JSON Lines.
    public init(
        selection: Selection = Selection(), resolve: ResolvePolicy = .latest, humanPriority: Bool = true,
        split: SplitSpec = .unsplit(), format: ExportFormat = .jsonl
    ) {
        self.selection = selection
        self.resolve = resolve
        self.humanPriority = humanPriority
        self.split = split
        self.format = format
    }
}
