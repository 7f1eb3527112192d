import Foundation

extension TempWorkspace {
    /// Exports dataset `x` (replacing it) with `arguments`, which must succeed, and returns
    /// the input ids of its data files.
    func exportedInputIDs(_ arguments: [String]) throws -> Set<String> {
        try curateSucceeds(["export", "x", "--force"] + arguments)
        return Set(try dataRows("x").compactMap { $0["input_id"] as? String })
    }

    /// The `files` entries of `datasets/NAME/manifest.json`.
    func manifestFiles(_ dataset: String) throws -> [[String: Any]] {
        let manifest = try JSONSerialization.jsonObject(with: read("datasets/\(dataset)/manifest.json")) as? [String: Any]
        return manifest?["files"] as? [[String: Any]] ?? []
    }

    /// The path, from the workspace root, of the data file of `datasets/NAME` that holds
    /// `task`'s rows of `split`, as its manifest lists it.
    func dataFile(_ dataset: String, split: String = "train", task: String) throws -> String {
        let file = try manifestFiles(dataset).first { $0["split"] as? String == split && $0["task"] as? String == task }
        return "datasets/\(dataset)/" + (file?["path"] as? String ?? "no \(split) file of \(task)")
    }

    /// The rows of every JSON Lines data file of `datasets/NAME`, file by file in the manifest's order.
    func dataRows(_ dataset: String, split: String? = nil) throws -> [[String: Any]] {
        try manifestFiles(dataset).filter { split == nil || $0["split"] as? String == split }.flatMap { file in
            try TestFiles.lines(of: read("datasets/\(dataset)/\(file["path"] as? String ?? "")")).compactMap { line in
                try JSONSerialization.jsonObject(with: line) as? [String: Any]
            }
        }
    }
}
