/// A dataset's card, `README.md`: YAML front matter that Hugging Face `datasets` reads
/// (`configs` with every split of the dataset and one config per task, and the columns'
/// types), then a body made from the manifest for a person (how the dataset was made, its
/// provenance tuples, its labels per split, how to load it, its files).
///
/// It is a rendering of the manifest and nothing else: the same manifest gives the same
/// bytes (its `created_at` is not shown), so the card is listed in the manifest's
/// `metadata_files` with its checksum and `curate verify` checks it.
public struct DatasetCard: Sendable {
    /// The card's name in every dataset folder, where Hugging Face `datasets` looks for it.
    public static let fileName = "README.md"

    /// The manifest the card describes (its `metadata_files` are not read).
    public let manifest: Manifest
    /// The names of each task's labels, in class order (from the task's label schema), for the
    /// `output` column's Hugging Face `ClassLabel`; a task without names keeps `output` as it is.
    public let labelNames: [String: [String]]
    /// The struct shape of each task's outputs, where its schema declares one: a Parquet
    /// `output` column is then a struct (see ``OutputStruct``).
    public let outputStructs: [String: OutputStruct]

    /// The card of the dataset `manifest` describes.
    /// - Parameters:
    ///   - labelNames: each task's label names in class order, where they are known.
    ///   - outputStructs: the struct shape of each task's outputs, where its schema declares one.
    public init(manifest: Manifest, labelNames: [String: [String]] = [:], outputStructs: [String: OutputStruct] = [:]) {
        self.manifest = manifest
        self.labelNames = labelNames
        self.outputStructs = outputStructs
    }

    /// The tasks whose `output` the data files hold as a struct: those with a struct shape, in Parquet.
    var structTasks: [String] {
        manifest.options.format == .parquet ? tasks.filter { outputStructs[$0] != nil } : []
    }

    /// The whole card: front matter, then the body.
    public var text: String {
        frontMatter + "\n" + body
    }

    /// One `configs` entry: a name and the files of each split that has records, in path order.
    struct Config {
        let name: String
        /// The one task whose rows it holds, or nil for the default config, which holds every task.
        let task: String?
        let splits: [(split: String, paths: [String])]
    }

    /// The default config (every file with records), then one per task whose name can be a config name.
    var configs: [Config] {
        [Config(name: "default", task: nil, splits: Self.splitFiles(manifest.files))]
            + configTasks.map { task in Config(name: task, task: task, splits: Self.splitFiles(manifest.files.filter { $0.task == task })) }
    }

    /// The tasks of the data files, in UTF-8 order.
    var tasks: [String] {
        Set(manifest.files.compactMap(\.task)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The tasks that get a config of their own: every task whose name Hugging Face accepts as
    /// a config name (not `default`, none of `<>:/\|?*`, no control character).
    var configTasks: [String] {
        tasks.filter { task in
            !task.isEmpty && task != "default"
                && !task.unicodeScalars.contains { "<>:/\\|?*".unicodeScalars.contains($0) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        }
    }

    /// The splits that have records, each with its files that have records.
    private static func splitFiles(_ files: [Manifest.DataFile]) -> [(split: String, paths: [String])] {
        var splits: [(split: String, paths: [String])] = []
        for file in files where file.records > 0 {
            if let index = splits.firstIndex(where: { $0.split == file.split }) {
                splits[index].paths.append(file.path)
            } else {
                splits.append((file.split, [file.path]))
            }
        }
        return splits
    }
}
