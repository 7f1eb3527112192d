/// The difference between two datasets: their rules, provenance tuples, files,
/// records and label distributions.
///
/// Made by ``compare(_:_:examples:)``. `created_at`, `tool` and the dataset name
/// are kept for display but never make two datasets differ: two exports of the
/// same store with the same rules are ``isSame`` whenever they ran.
public struct ManifestDiff: Sendable, Hashable {
    /// The dataset on the left (`A`, "before").
    public var before: DatasetInfo
    /// The dataset on the right (`B`, "after").
    public var after: DatasetInfo
    /// Each selection field whose value differs, sorted by field.
    public var selection: [FieldChange]
    /// Each provenance tuple added, removed or changed in count, sorted by tuple.
    public var tuples: [TupleChange]
    /// Each data file added, removed or changed, sorted by path.
    public var files: [FileChange]
    /// What happened to the records, input by input.
    public var records: RecordChanges
    /// The label distribution of every task of either dataset, sorted by task.
    public var labels: [TaskLabelShift]
    /// Each applied flag that appears in one dataset only or matched another number of labels.
    public var flags: [FlagChange]
    /// Each retraction that held labels back in one dataset only, or another number of them, by id.
    public var retractions: [RetractionChange]
    /// Each metadata file (the dataset card …) in one dataset only or with another checksum,
    /// sorted by path. They are renderings of the manifest, whose parts are compared above, so
    /// they never make two datasets differ: they are listed in ``ignoredDifferences``.
    public var metadataFiles: [MetadataFileChange]

    /// A difference with every part given.
    public init(
        before: DatasetInfo, after: DatasetInfo, selection: [FieldChange], tuples: [TupleChange], files: [FileChange],
        records: RecordChanges, labels: [TaskLabelShift], flags: [FlagChange], retractions: [RetractionChange] = [],
        metadataFiles: [MetadataFileChange] = []
    ) {
        self.retractions = retractions
        self.before = before
        self.after = after
        self.selection = selection
        self.tuples = tuples
        self.files = files
        self.records = records
        self.labels = labels
        self.flags = flags
        self.metadataFiles = metadataFiles
    }

    /// The parts that differ, in display order: `selection`, `provenance`, `files`,
    /// `records`, `labels`, `flags`. Empty when the datasets are the same.
    public var differences: [String] {
        var parts: [String] = []
        if !selection.isEmpty { parts.append("selection") }
        if !tuples.isEmpty { parts.append("provenance") }
        if !files.isEmpty { parts.append("files") }
        if records.hasChanges { parts.append("records") }
        if labels.contains(where: \.isChanged) { parts.append("labels") }
        if !flags.isEmpty { parts.append("flags") }
        if !retractions.isEmpty { parts.append("retractions") }
        return parts
    }

    /// Whether the datasets are the same (metadata aside): `curate diff` exits 0.
    public var isSame: Bool { differences.isEmpty }

    /// Metadata that differs but does not count: `name`, `created_at`, `tool`, `store` (what
    /// the store held: labels added since that no selection took change nothing), `metadata files`.
    public var ignoredDifferences: [String] {
        var parts: [String] = []
        if before.name != after.name { parts.append("name") }
        if before.createdAt != after.createdAt { parts.append("created_at") }
        if before.tool != after.tool { parts.append("tool") }
        if before.store != after.store { parts.append("store") }
        if !metadataFiles.isEmpty { parts.append("metadata files") }
        return parts
    }

    /// One dataset as the diff names it.
    public struct DatasetInfo: Sendable, Hashable {
        /// Where it was read from, as the user wrote it (`datasets/clean`, `HEAD~1:datasets/clean`).
        public var source: String
        /// The manifest's `name`.
        public var name: String
        /// The manifest's `created_at`.
        public var createdAt: Timestamp
        /// The program that wrote it.
        public var tool: Manifest.Tool
        /// Its record count, from the manifest.
        public var records: Int
        /// What the store held when it was exported, when the manifest says.
        public var store: StoreState?

        /// Information with every field given.
        public init(source: String, name: String, createdAt: Timestamp, tool: Manifest.Tool, records: Int, store: StoreState? = nil) {
            self.store = store
            self.source = source
            self.name = name
            self.createdAt = createdAt
            self.tool = tool
            self.records = records
        }

        /// The information of `manifest`, read from `source`.
        public init(source: String, manifest: Manifest) {
            self.init(
                source: source, name: manifest.name, createdAt: manifest.createdAt, tool: manifest.tool,
                records: manifest.records.count, store: manifest.store)
        }
    }

    /// One selection field (a rule, the resolve policy, the split, the format, or what a
    /// selector resolved to) whose value differs.
    public struct FieldChange: Sendable, Hashable {
        /// The field's dotted path inside the manifest's `selection`, e.g. `exclude_prompts`,
        /// `split.seed`, `resolved.prompts.v1`.
        public var field: String
        /// Its value before; nil when the field is absent (a selector only the other side has).
        public var before: JSONValue?
        /// Its value after; nil when absent.
        public var after: JSONValue?

        /// A change with every field given.
        public init(field: String, before: JSONValue?, after: JSONValue?) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// A provenance tuple whose record count differs (0 when the tuple is absent).
    public struct TupleChange: Sendable, Hashable {
        /// The tuple.
        public var tuple: ProvenanceTuple
        /// Its records before; 0 when it did not contribute.
        public var before: Int
        /// Its records after; 0 when it does not contribute.
        public var after: Int

        /// A change with every field given.
        public init(tuple: ProvenanceTuple, before: Int, after: Int) {
            self.tuple = tuple
            self.before = before
            self.after = after
        }

        /// `added`, `removed` or `changed`.
        public var kind: String {
            before == 0 ? "added" : after == 0 ? "removed" : "changed"
        }
    }

    /// A data file that is in one dataset only, or whose checksum or count differs.
    public struct FileChange: Sendable, Hashable {
        /// The file's name in the dataset folder.
        public var path: String
        /// The file before; nil when the dataset before has none of that name.
        public var before: Manifest.DataFile?
        /// The file after; nil when the dataset after has none.
        public var after: Manifest.DataFile?

        /// A change with every field given.
        public init(path: String, before: Manifest.DataFile?, after: Manifest.DataFile?) {
            self.path = path
            self.before = before
            self.after = after
        }

        /// `added`, `removed` or `changed`.
        public var kind: String {
            before == nil ? "added" : after == nil ? "removed" : "changed"
        }
    }

    /// A metadata file that is in one dataset only, or whose checksum differs.
    public struct MetadataFileChange: Sendable, Hashable {
        /// The file's path in the dataset folder.
        public var path: String
        /// Its SHA-256 before; nil when the dataset before has none of that path.
        public var before: String?
        /// Its SHA-256 after; nil when the dataset after has none.
        public var after: String?

        /// A change with every field given.
        public init(path: String, before: String?, after: String?) {
            self.path = path
            self.before = before
            self.after = after
        }

        /// `added`, `removed` or `changed`.
        public var kind: String {
            before == nil ? "added" : after == nil ? "removed" : "changed"
        }
    }

    /// A retraction that held back another number of the selection's labels (nil when absent).
    public struct RetractionChange: Sendable, Hashable {
        /// The retraction.
        public var retraction: Retraction
        /// The labels it held back before; nil when the dataset before does not list it.
        public var before: Int?
        /// The labels it held back after; nil when the dataset after does not list it.
        public var after: Int?

        /// A change with every field given.
        public init(retraction: Retraction, before: Int?, after: Int?) {
            self.retraction = retraction
            self.before = before
            self.after = after
        }
    }

    /// An applied flag whose matched-label count differs (nil when it is absent).
    public struct FlagChange: Sendable, Hashable {
        /// The flag.
        public var flag: LabelFlag
        /// The labels it matched before; nil when the dataset before does not list it.
        public var before: Int?
        /// The labels it matched after; nil when the dataset after does not list it.
        public var after: Int?

        /// A change with every field given.
        public init(flag: LabelFlag, before: Int?, after: Int?) {
            self.flag = flag
            self.before = before
            self.after = after
        }
    }
}
