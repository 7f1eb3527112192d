import Foundation

extension TempWorkspace {
    /// Exports dataset `x` (replacing it) with `arguments`, which must succeed, and returns
    /// the input ids of its unsplit data file.
    func exportedInputIDs(_ arguments: [String]) throws -> Set<String> {
        try curateSucceeds(["export", "x", "--force"] + arguments)
        return Set(try TestFiles.lines(of: read("datasets/x/all.jsonl")).compactMap { line in
            (try JSONSerialization.jsonObject(with: line) as? [String: Any])?["input_id"] as? String
        })
    }
}
