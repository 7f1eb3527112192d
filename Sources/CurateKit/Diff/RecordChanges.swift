/// What happened to the records of two datasets, compared input by input.
///
/// The unit is the input, `(task, input_id)`, which is the unit of dedup and split.
/// Every input of either dataset is in exactly one of: ``added`` (only after),
/// ``removed`` (only before), ``relabeled`` (in both, with another output),
/// ``replaced`` (in both, the same output, but from another record: another prompt,
/// model or time agreed), ``unchanged`` (the same records). An input exported with
/// several records (`--resolve all`) is compared as the set of its distinct outputs (a
/// second record with an output already there is not a relabel) and the set of its record ids.
public struct RecordChanges: Sendable, Hashable {
    /// Inputs only in the dataset after.
    public var added: Int
    /// Inputs only in the dataset before.
    public var removed: Int
    /// Inputs in both whose output differs.
    public var relabeled: Int
    /// Inputs in both with the same output from a different record.
    public var replaced: Int
    /// Inputs in both with the same records.
    public var unchanged: Int
    /// Whether the manifests' record digests (`records.sha256`) differ.
    public var digestChanged: Bool
    /// Up to the asked number of examples of each kind of change, in (task, input_id) order:
    /// added first, then removed, relabeled, replaced.
    public var examples: [RecordExample]

    /// Changes with every count given.
    public init(added: Int = 0, removed: Int = 0, relabeled: Int = 0, replaced: Int = 0, unchanged: Int = 0, digestChanged: Bool = false, examples: [RecordExample] = []) {
        self.added = added
        self.removed = removed
        self.relabeled = relabeled
        self.replaced = replaced
        self.unchanged = unchanged
        self.digestChanged = digestChanged
        self.examples = examples
    }

    /// Whether any input was added, removed, relabeled or replaced, or the record set's digest changed.
    public var hasChanges: Bool {
        added + removed + relabeled + replaced > 0 || digestChanged
    }
}

/// The kind of change an input went through.
public enum RecordChangeKind: String, Sendable, Hashable, CaseIterable {
    case added
    case removed
    case relabeled
    case replaced
}

/// One input that changed, with its records on each side.
public struct RecordExample: Sendable, Hashable {
    public var kind: RecordChangeKind
    public var task: String
    public var inputID: String
    /// Its records before (empty when added), in file order.
    public var before: [RecordLabel]
    /// Its records after (empty when removed), in file order.
    public var after: [RecordLabel]

    /// An example with every field given.
    public init(kind: RecordChangeKind, task: String, inputID: String, before: [RecordLabel], after: [RecordLabel]) {
        self.kind = kind
        self.task = task
        self.inputID = inputID
        self.before = before
        self.after = after
    }
}

/// One exported record as the diff shows it.
public struct RecordLabel: Sendable, Hashable {
    /// The record id.
    public var id: String
    /// The output as label text: a JSON string as itself, any other value as canonical JSON
    /// (as in the manifest's label distribution, and as a CSV data file holds it).
    public var output: String
    /// Who produced it: `NAME@VERSION#HASH12 by MODEL`, else `human:ANNOTATOR`.
    public var producer: String
    /// The record id of the label this one replaces, when it names one (`supersedes`).
    public var supersedes: String?

    /// A label with every field given.
    public init(id: String, output: String, producer: String, supersedes: String? = nil) {
        self.id = id
        self.output = output
        self.producer = producer
        self.supersedes = supersedes
    }
}
