import CurateKit
import Foundation
import Testing

/// Leakage-safe splits: identical inputs under different `input_id`s are counted when they land
/// in different splits, and `--split-key input` keeps them together.
@Suite("split keys and inputs shared across splits")
struct SplitKeyTests {
    static let pairs = 60

    /// Each payload twice, under two ids, in a workspace ready to export.
    static func workspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            var lines: [String] = []
            for index in 0..<pairs {
                for side in ["a", "b"] {
                    lines.append(#"{"task":"t","input_id":"\#(side)-\#(index)","input":{"text":"same text \#(index)"},"output":"x","created_at":"2026-06-01T00:00:00Z","model":"m","prompt":{"name":"p","version":"v1","sha256":"\#(String(repeating: "ef", count: 32))"}}"#)
                }
            }
            try workspace.write("labels.jsonl", LabelLines.file(lines))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try body(workspace)
        }
    }

    /// The split of each input id in dataset `name`.
    static func splits(_ workspace: TempWorkspace, _ name: String) throws -> [String: String] {
        var found: [String: String] = [:]
        for split in ["test", "train"] {
            for row in try workspace.dataRows(name, split: split) {
                found[row["input_id"] as? String ?? ""] = split
            }
        }
        return found
    }

    @Test("by input_id, the pairs split apart are counted in the manifest and warned about")
    func counted() throws {
        try Self.workspace { workspace in
            let result = try workspace.curateSucceeds(["export", "byid", "--split", "train=0.5,test=0.5"])
            let assigner = SplitAssigner(spec: try SplitSpec(parsing: "train=0.5,test=0.5", seed: 0))
            let apart = (0..<Self.pairs).filter { assigner.splitIndex(for: "a-\($0)") != assigner.splitIndex(for: "b-\($0)") }.count
            #expect(apart > 0)
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/byid/manifest.json")) as? [String: Any])
            #expect(manifest["inputs_in_several_splits"] as? Int == apart)
            #expect(result.err.contains("warning: \(apart) inputs appear in more than one split"), "\(result)")
            #expect(try workspace.curate(["verify", "byid"]).status == 0)
        }
    }

    @Test("--split-key input puts both ids of a payload in one split; nothing to count or warn about")
    func together() throws {
        try Self.workspace { workspace in
            let result = try workspace.curateSucceeds(["export", "bytext", "--split", "train=0.5,test=0.5", "--split-key", "input"])
            #expect(!result.err.contains("warning"), "\(result)")
            let splits = try Self.splits(workspace, "bytext")
            #expect(splits.count == 2 * Self.pairs)
            #expect((0..<Self.pairs).allSatisfy { splits["a-\($0)"] == splits["b-\($0)"] })
            #expect(Set(splits.values) == ["test", "train"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/bytext/manifest.json")) as? [String: Any])
            #expect(manifest["inputs_in_several_splits"] as? Int == 0)
            let split = try #require((manifest["selection"] as? [String: Any])?["split"] as? [String: Any])
            #expect(split["key"] as? String == "input")
            // The same arguments give the same bytes.
            let train = try workspace.dataFile("bytext", task: "t")
            let before = try workspace.read(train)
            try workspace.curateSucceeds(["export", "bytext", "--split", "train=0.5,test=0.5", "--split-key", "input", "--force"])
            #expect(try workspace.read(train) == before)
        }
    }

    @Test("the manifest counts labels per split, and they add up to the dataset's and match the files")
    func labelsPerSplit() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.generate(count: 300, prefix: "x"))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["export", "d", "--split", "train=0.7,test=0.3"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/d/manifest.json")) as? [String: Any])
            let total = try #require((manifest["labels"] as? [String: Any])?["bulk"] as? [String: Int])
            let bySplit = try #require(manifest["labels_by_split"] as? [String: [String: [String: Int]]])
            #expect(Set(bySplit.keys) == ["test", "train"])
            var summed: [String: Int] = [:]
            for (split, tasks) in bySplit {
                let counts = try #require(tasks["bulk"])
                summed.merge(counts, uniquingKeysWith: +)
                var inFile: [String: Int] = [:]
                for row in try workspace.dataRows("d", split: split) {
                    inFile[row["output"] as? String ?? "", default: 0] += 1
                }
                #expect(counts == inFile, "\(split)")
            }
            #expect(summed == total)
            #expect(try workspace.curate(["verify", "d"]).status == 0)
        }
    }
}
