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
            for line in try TestFiles.lines(of: workspace.read("datasets/\(name)/\(split).jsonl")) {
                let row = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
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
            let before = try workspace.read("datasets/bytext/train.jsonl")
            try workspace.curateSucceeds(["export", "bytext", "--split", "train=0.5,test=0.5", "--split-key", "input", "--force"])
            #expect(try workspace.read("datasets/bytext/train.jsonl") == before)
        }
    }
}
