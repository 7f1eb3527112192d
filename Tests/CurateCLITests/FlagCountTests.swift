import Foundation
import Testing

/// `curate flags` says how many labels each flag holds back, and `curate stats` marks the
/// tuples a prompt or model flag quarantines whole.
@Suite("what flags hold back")
struct FlagCountTests {
    @Test("flags counts the labels of each kind of flag; stats marks flagged tuples in its table and JSON")
    func counts() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("a.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "1", output: "yes", model: "old-model"),
                LabelLines.llm(inputID: "2", output: "no", model: "old-model"),
                LabelLines.llm(inputID: "3", output: "yes", model: "new-model"),
                LabelLines.llm(inputID: "4", output: "maybe", model: "new-model", version: "v2"),
            ]))
            try workspace.curateSucceeds(["ingest", "a.jsonl"])
            #expect(!(try workspace.curateSucceeds(["stats"]).out.contains("*")))
            try workspace.curateSucceeds(["flag", "model", "old-*", "--reason", "retired"])
            try workspace.curateSucceeds(["flag", "output", "^yes$", "--reason", "suspicious"])
            try workspace.curateSucceeds(["flag", "prompt", "v2", "--reason", "draft"])

            let json = try workspace.curateSucceeds(["flags", "--json"])
            let flags = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
            let labels = Dictionary(uniqueKeysWithValues: flags.map { ($0["kind"] as? String ?? "", $0["labels"] as? Int ?? -1) })
            #expect(labels == ["model": 2, "output": 2, "prompt": 1])
            let table = try workspace.curateSucceeds(["flags"]).out
            #expect(table.contains("labels"), "\(table)")

            let stats = try workspace.curateSucceeds(["stats", "--json"])
            let tuples = try #require(try JSONSerialization.jsonObject(with: stats.stdout) as? [[String: Any]])
            let marks = tuples.map { (($0["model"] as? String ?? ""), ($0["flagged"] as? [String] ?? [])) }
            #expect(marks.contains { $0 == ("old-model", ["model"]) })
            #expect(marks.contains { $0.0 == "new-model" && $0.1 == ["prompt"] })
            #expect(marks.contains { $0.0 == "new-model" && $0.1.isEmpty })
            let text = try workspace.curateSucceeds(["stats"]).out
            #expect(text.contains("old-model*") && text.contains("sentiment@v2#unknown*") && text.contains("* flagged:"), "\(text)")
            let prompts = try workspace.curateSucceeds(["prompts"]).out
            #expect(prompts.contains("sentiment@v2#unknown*") && !prompts.contains("sentiment@v1#unknown*"), "\(prompts)")
            let listing = try workspace.curateSucceeds(["prompts", "--json"])
            let rows = try #require(try JSONSerialization.jsonObject(with: listing.stdout) as? [[String: Any]])
            #expect(rows.filter { $0["flagged"] as? Bool == true }.compactMap { $0["version"] as? String } == ["v2"])
        }
    }
}
