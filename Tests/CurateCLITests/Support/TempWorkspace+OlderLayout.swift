import CurateKit
import Foundation

extension TempWorkspace {
    /// Copies the unsplit one-task dataset `datasets/FROM` to `datasets/TO` in the layout
    /// curate wrote before `data/` and the card: `all.jsonl` (split `all`), `records.jsonl`,
    /// and a manifest with neither file tasks nor `metadata_files`.
    func makeOlderLayout(from source: String, to target: String) throws {
        let rows = try text("datasets/\(source)/data/train-00000-of-00001.jsonl")
            .replacingOccurrences(of: "\"split\":\"train\"", with: "\"split\":\"all\"")
        try write("datasets/\(target)/all.jsonl", rows)
        try write("datasets/\(target)/records.jsonl", try read("datasets/\(source)/records.ids"))
        guard var manifest = try JSONSerialization.jsonObject(with: read("datasets/\(source)/manifest.json")) as? [String: Any],
              var files = manifest["files"] as? [[String: Any]], files.count == 1,
              var selection = manifest["selection"] as? [String: Any], var split = selection["split"] as? [String: Any],
              var records = manifest["records"] as? [String: Any], let bySplit = manifest["labels_by_split"] as? [String: Any]
        else { throw CocoaError(.fileReadCorruptFile) }
        files[0]["path"] = "all.jsonl"
        files[0]["split"] = "all"
        files[0]["sha256"] = SHA256Hex.digest(of: rows)
        files[0].removeValue(forKey: "task")
        split["splits"] = [["name": "all", "fraction": 1]]
        selection["split"] = split
        records["path"] = "records.jsonl"
        manifest["name"] = target
        manifest["files"] = files
        manifest["selection"] = selection
        manifest["records"] = records
        manifest["labels_by_split"] = ["all": bySplit["train"] ?? [:]]
        manifest.removeValue(forKey: "metadata_files")
        try write("datasets/\(target)/manifest.json", try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys]))
    }
}
