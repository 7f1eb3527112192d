/// Where a dataset's files sit inside its folder, the layout Hugging Face `datasets` reads
/// without a loading script: data files under `data/`, named `SPLIT-00000-of-00001.EXT`.
///
/// A split holds one file (one shard) per task that has records in it, numbered in task
/// order, so `data/train-00001-of-00002.jsonl` is the second task's part of `train`; read
/// in order, a split's shards are its rows in (task, input_id) order. A split without
/// records has one empty file, `SPLIT-00000-of-00001.EXT`.
enum DatasetLayout {
    /// The folder of the data files.
    static let dataFolder = "data"

    /// `data/SPLIT-SHARD-of-COUNT.EXT`, both numbers five digits wide.
    static func dataFilePath(split: String, shard: Int, of count: Int, format: ExportFormat) -> String {
        "\(dataFolder)/\(split)-\(fiveDigits(shard))-of-\(fiveDigits(count)).\(format.fileExtension)"
    }

    private static func fiveDigits(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Whether `path`, read from a manifest, names a file inside the dataset folder: one or
    /// more plain names joined by `/`, none of them empty, `.` or `..`, and no `\`.
    static func isInsideFolder(_ path: String) -> Bool {
        !path.contains("\\") && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
        }
    }
}
