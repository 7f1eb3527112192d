/// Which stored labels an export considers, before one label per input is chosen.
///
/// Every list is a rule that applies only when it is non-empty. Includes of one kind
/// are a union (`--include-model a --include-model b` keeps both); kinds combine as an
/// intersection; an exclude always wins over an include. Prompt and model rules apply
/// to LLM labels; human labels have neither and are kept or dropped by ``origins``.
public struct Selection: Sendable, Hashable {
    /// Tasks to export; empty means every task.
    public var tasks: [String]
    /// Prompt selectors (`v2`, `NAME`, `NAME@VERSION`, hash prefix, short form) to keep.
    public var includePrompts: [String]
    /// Prompt selectors to drop.
    public var excludePrompts: [String]
    /// Model id globs (`claude-*`) to keep.
    public var includeModels: [String]
    /// Model id globs to drop.
    public var excludeModels: [String]
    /// Only labels created at or after this instant.
    public var since: Timestamp?
    /// Only labels created before this instant.
    public var until: Timestamp?
    /// Run ids whose labels are dropped.
    public var excludeRuns: [String]
    /// Origins to keep; empty means both.
    public var origins: [Origin]
    /// Whether flagged labels are exported too.
    public var includeFlagged: Bool
    /// `params` members to keep (`--param`): one value of each key must match.
    public var includeParams: [ParamMatch]
    /// `params` members whose labels are dropped (`--exclude-param`).
    public var excludeParams: [ParamMatch]
    /// Regular expressions (``OutputPattern`` syntax) of which a label's output must match one.
    public var outputMatches: [String]
    /// Regular expressions whose matching outputs are dropped.
    public var excludeOutputMatches: [String]

    /// A selection with the given rules; the defaults select every unflagged label.
    public init(
        tasks: [String] = [], includePrompts: [String] = [], excludePrompts: [String] = [],
        includeModels: [String] = [], excludeModels: [String] = [], since: Timestamp? = nil, until: Timestamp? = nil,
        excludeRuns: [String] = [], origins: [Origin] = [], includeFlagged: Bool = false,
        includeParams: [ParamMatch] = [], excludeParams: [ParamMatch] = [],
        outputMatches: [String] = [], excludeOutputMatches: [String] = []
    ) {
        self.tasks = tasks
        self.includePrompts = includePrompts
        self.excludePrompts = excludePrompts
        self.includeModels = includeModels
        self.excludeModels = excludeModels
        self.since = since
        self.until = until
        self.excludeRuns = excludeRuns
        self.origins = origins
        self.includeFlagged = includeFlagged
        self.includeParams = includeParams
        self.excludeParams = excludeParams
        self.outputMatches = outputMatches
        self.excludeOutputMatches = excludeOutputMatches
    }

    /// The same rules with every list sorted (by UTF-8 bytes) and free of repeats,
    /// so two spellings of one selection give one manifest.
    public var normalized: Selection {
        var copy = self
        copy.tasks = Self.sortedUnique(tasks)
        copy.includePrompts = Self.sortedUnique(includePrompts)
        copy.excludePrompts = Self.sortedUnique(excludePrompts)
        copy.includeModels = Self.sortedUnique(includeModels)
        copy.excludeModels = Self.sortedUnique(excludeModels)
        copy.excludeRuns = Self.sortedUnique(excludeRuns)
        copy.origins = Origin.allCases.filter(origins.contains).sorted { $0.rawValue < $1.rawValue }
        if copy.origins.count == Origin.allCases.count { copy.origins = [] }
        copy.includeParams = Self.sortedUnique(includeParams)
        copy.excludeParams = Self.sortedUnique(excludeParams)
        copy.outputMatches = Self.sortedUnique(outputMatches)
        copy.excludeOutputMatches = Self.sortedUnique(excludeOutputMatches)
        return copy
    }

    static func sortedUnique(_ values: [String]) -> [String] {
        Array(Set(values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func sortedUnique(_ values: [ParamMatch]) -> [ParamMatch] {
        Array(Set(values)).sorted { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
    }
}
