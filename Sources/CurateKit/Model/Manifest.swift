/// A dataset's `manifest.json`: what was exported, from what, by which rules, and
/// the checksum of every file, so a dataset can be verified, compared and reproduced.
///
/// Its JSON form (``jsonText``) has sorted keys and no volatile field but
/// ``createdAt``; ``init(parsing:source:)`` reads it back to an equal value.
public struct Manifest: Sendable, Hashable {
    /// The `format` field of every manifest this version writes and reads.
    public static let formatIdentifier = "curate.manifest/1"
    /// The manifest's file name inside a dataset folder.
    public static let fileName = "manifest.json"

    /// The dataset's name (its folder under `datasets/`).
    public var name: String
    /// When the export ran: the one field that differs between two identical exports.
    public var createdAt: Timestamp
    /// The program that wrote the dataset.
    public var tool: Tool
    /// The rules, resolve policy, split spec and format the dataset was made with.
    public var options: ExportOptions
    /// What each prompt selector of the rules matched when the export ran.
    public var resolvedPrompts: [PromptResolution]
    /// What each model glob of the rules matched when the export ran.
    public var resolvedModels: [ModelResolution]
    /// One entry per provenance tuple that contributed records, sorted by tuple.
    public var provenance: [TupleCount]
    /// The data files, one per split and task (see `DatasetLayout`), sorted by path.
    public var files: [DataFile]
    /// The exported records as a whole.
    public var records: RecordList
    /// The label distribution of each exported task, sorted by task.
    public var labels: [LabelDistribution]
    /// The flags that matched labels of the selection, and how many.
    public var flags: [AppliedFlag]
    /// The label distribution of each exported task within each split, by split name.
    public var labelsBySplit: [String: [LabelDistribution]]
    /// Distinct input payloads that landed in more than one split (under different
    /// `input_id`s): 0 when the split key is the input itself, or there is one split.
    public var inputsInSeveralSplits: Int
    /// The retractions that took labels of the selection out, and how many, sorted by id.
    public var retractions: [AppliedRetraction]
    /// What the store held when the export ran; nil in manifests written before it was recorded.
    public var store: StoreState?
    /// License, creator, version, citation and description, as the export was given them.
    public var dataset: DatasetMetadata

    /// The `curate export` command that asks for this dataset (``ExportOptions/commandLine(name:)``).
    public var command: [String] { options.commandLine(name: name) }
    /// The documents rendered from the manifest beside it (the dataset card `README.md` …),
    /// sorted by path: empty in manifests written before there were any.
    public var metadataFiles: [MetadataFile]

    /// A manifest with every part given.
    public init(
        name: String, createdAt: Timestamp, tool: Tool = .current, options: ExportOptions,
        resolvedPrompts: [PromptResolution], resolvedModels: [ModelResolution], provenance: [TupleCount],
        files: [DataFile], records: RecordList, labels: [LabelDistribution], flags: [AppliedFlag],
        labelsBySplit: [String: [LabelDistribution]] = [:], inputsInSeveralSplits: Int = 0, retractions: [AppliedRetraction] = [],
        store: StoreState? = nil, dataset: DatasetMetadata = DatasetMetadata(), metadataFiles: [MetadataFile] = []
    ) {
        self.name = name
        self.createdAt = createdAt
        self.tool = tool
        self.options = options
        self.resolvedPrompts = resolvedPrompts
        self.resolvedModels = resolvedModels
        self.provenance = provenance
        self.files = files
        self.records = records
        self.labels = labels
        self.flags = flags
        self.labelsBySplit = labelsBySplit
        self.inputsInSeveralSplits = inputsInSeveralSplits
        self.retractions = retractions
        self.store = store
        self.dataset = dataset
        self.metadataFiles = metadataFiles
    }

    /// The program that wrote a dataset.
    public struct Tool: Sendable, Hashable {
        public var name: String
        public var version: String

        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }

        /// This build of curate.
        public static let current = Tool(name: "curate", version: CurateVersion.current)
    }

    /// A prompt selector and the prompt texts it stood for.
    public struct PromptResolution: Sendable, Hashable {
        public var selector: String
        public var matches: [PromptRef]

        public init(selector: String, matches: [PromptRef]) {
            self.selector = selector
            self.matches = matches
        }
    }

    /// A model glob and the model ids it stood for.
    public struct ModelResolution: Sendable, Hashable {
        public var pattern: String
        public var matches: [String]

        public init(pattern: String, matches: [String]) {
            self.pattern = pattern
            self.matches = matches
        }
    }

    /// How many exported records came from one provenance tuple.
    public struct TupleCount: Sendable, Hashable {
        public var tuple: ProvenanceTuple
        public var records: Int

        public init(tuple: ProvenanceTuple, records: Int) {
            self.tuple = tuple
            self.records = records
        }
    }

    /// One data file of the dataset.
    public struct DataFile: Sendable, Hashable {
        /// The file's path relative to the dataset folder (`data/train-00000-of-00001.jsonl`;
        /// `train.jsonl` in datasets written before the `data/` layout).
        public var path: String
        /// The split it holds.
        public var split: String
        /// The one task whose records it holds; nil when it may hold several (datasets written
        /// before files were made per task) or none (the empty file of a split without records).
        public var task: String?
        public var format: ExportFormat
        /// Its number of records (rows, not counting a CSV header).
        public var records: Int
        /// Lowercase hex SHA-256 of its bytes.
        public var sha256: String

        public init(path: String, split: String, task: String? = nil, format: ExportFormat, records: Int, sha256: String) {
            self.path = path
            self.split = split
            self.task = task
            self.format = format
            self.records = records
            self.sha256 = sha256
        }
    }

    /// A document rendered from the manifest and written beside it, such as the dataset card.
    public struct MetadataFile: Sendable, Hashable {
        /// The file's path relative to the dataset folder (`README.md`).
        public var path: String
        /// Lowercase hex SHA-256 of its bytes.
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The exported records as a whole, with the sidecar that lists their ids.
    public struct RecordList: Sendable, Hashable {
        /// The sidecar's name in the dataset folders this version writes: JSON Lines, under
        /// an extension no glob over data files (`*.jsonl`, `data/*`) picks up.
        /// (`records.jsonl` in datasets written before.)
        public static let fileName = "records.ids"

        /// How many records the dataset holds, over all splits.
        public var count: Int
        /// The sidecar: one line `{"id","input_id","task"}` per record, in
        /// (task, input_id, created_at, id) order, which depends only on the set of records.
        public var path: String
        /// Lowercase hex SHA-256 of the sidecar's bytes: a digest of the record set.
        public var sha256: String
        /// The `created_at` of the newest record: when the data is from, the same in every
        /// export of the same records (`croissant.json` publishes it); nil in older manifests.
        public var newestCreatedAt: Timestamp?

        public init(count: Int, path: String = RecordList.fileName, sha256: String, newestCreatedAt: Timestamp? = nil) {
            self.count = count
            self.path = path
            self.sha256 = sha256
            self.newestCreatedAt = newestCreatedAt
        }
    }

    /// How often each label occurs among one task's exported records.
    public struct LabelDistribution: Sendable, Hashable {
        public var task: String
        /// Count per label (a string output as itself, a number or boolean as its JSON text);
        /// nil when the task's outputs are not categorical (an object, an array, or more
        /// than ``maximumCategories`` distinct values).
        public var counts: [String: Int]?

        /// The most distinct values a categorical task may have.
        public static let maximumCategories = 1000

        public init(task: String, counts: [String: Int]?) {
            self.task = task
            self.counts = counts
        }
    }

    /// A flag that matched labels of the selection.
    public struct AppliedFlag: Sendable, Hashable {
        public var flag: LabelFlag
        /// How many labels of the selection it matched: left out, unless the export
        /// included flagged labels.
        public var labels: Int

        public init(flag: LabelFlag, labels: Int) {
            self.flag = flag
            self.labels = labels
        }
    }

    /// A retraction that took labels of the selection out.
    public struct AppliedRetraction: Sendable, Hashable {
        /// The retraction, as the journal keeps it (its own ``Retraction/labels`` is not written).
        public var retraction: Retraction
        /// How many labels of the selection it took out: never exported, whatever the options.
        public var labels: Int

        public init(retraction: Retraction, labels: Int) {
            self.retraction = retraction
            self.labels = labels
        }
    }
}
