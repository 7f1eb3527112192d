import Foundation
import Testing

/// `curate check`: the store's structure, every label's content hash, and the counts per tuple.
@Suite("curate check")
struct CheckCommandTests {
    /// A workspace with the shipped-style fixture and one label whose output is easy to find in the file.
    static func workspaceWithTarget(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.copyFixture("labels-small.jsonl")
            try workspace.curateSucceeds(["ingest", "labels-small.jsonl"])
            try workspace.write("target.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "target", output: "zq-target-output-0123456789-qz", id: "the-target-label"),
            ]))
            try workspace.curateSucceeds(["ingest", "target.jsonl"])
            try body(workspace)
        }
    }

    @Test("an untouched store is ok: exit 0 with what was checked")
    func untouched() throws {
        try Self.workspaceWithTarget { workspace in
            let labels = try workspace.labelCount()
            let result = try workspace.curate(["check"])
            #expect(result.status == 0, "\(result)")
            #expect(result.out.hasPrefix("ok: \(workspace.path(TempWorkspace.store))\n"), "\(result)")
            #expect(result.out.contains("  labels: \(labels), every content hash matches\n"), "\(result)")
            #expect(result.out.contains("  integrity check: ok ("), "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")

            let json = try workspace.curate(["check", "--json"])
            #expect(json.status == 0, "\(json)")
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(object["ok"] as? Bool == true)
            #expect((object["checked"] as? [String: Any])?["labels"] as? Int == labels)
            #expect(object["problem_count"] as? Int == 0)
        }
    }

    @Test("8 bytes of a label's output changed inside the store file: exit 1, naming the label")
    func corruptedOutput() throws {
        try Self.workspaceWithTarget { workspace in
            // The output is in the label's row and in its export index entry: both change alike,
            // so the index still agrees with the row and only the content hash tells.
            var bytes = try workspace.read(TempWorkspace.store)
            let found = bytes.ranges(of: Data("target-output".utf8))
            #expect(found.count == 2, "the output is in the store file \(found.count) times, not in a row and an index entry")
            for range in found { bytes.replaceSubrange(range.lowerBound..<(range.lowerBound + 8), with: Data("XXXXXXXX".utf8)) }
            try workspace.write(TempWorkspace.store, bytes)

            let result = try workspace.curate(["check"])
            #expect(result.status == 1, "\(result)")
            let lines = result.out.split(separator: "\n")
            #expect(lines.count == 1, "\(result)")
            #expect(lines.first?.hasPrefix("label the-target-label (seq ") == true, "\(result)")
            #expect(lines.first?.contains("no longer match its content hash") == true, "\(result)")
            #expect(result.err.contains("the store \(workspace.path(TempWorkspace.store)) is damaged: 1 problem"), "\(result)")

            let json = try workspace.curate(["check", "--json"])
            #expect(json.status == 1, "\(json)")
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            let problems = object["problems"] as? [[String: Any]] ?? []
            #expect(problems.map { $0["kind"] as? String } == ["content_changed"])
            #expect(problems.first?["label_id"] as? String == "the-target-label")
            #expect(object["ok"] as? Bool == false)

            // Every command that reads labels re-hashes them: the damage stops it, nothing is written.
            for command in [["export", "damaged"], ["stale"], ["export", "dry", "--dry-run", "--json"]] {
                let stopped = try workspace.curate(command)
                #expect(stopped.status == 3, "\(stopped)")
                #expect(stopped.err.contains("label the-target-label no longer matches the content hash"), "\(stopped)")
            }
            #expect(!workspace.exists("datasets/damaged"))
            // The dry run's table, stale's count and the audit come from the export index and
            // read no label row.
            for command in [["export", "dry", "--dry-run"], ["stale", "--count"], ["audit"]] {
                let counted = try workspace.curate(command)
                #expect(counted.status == 0, "\(counted)")
            }
        }
    }

    @Test("labels placed by backfill from git history still match their content hash")
    func afterBackfill() throws {
        try BackfillCommandTests.historyWorkspace { workspace in
            try workspace.curateSucceeds(["backfill", "--from-git"])
            #expect(try BackfillCommandTests.placements(workspace).contains("|inferred-git|"))
            let result = try workspace.curate(["check"])
            #expect(result.status == 0, "\(result)")
            #expect(result.out.contains("  labels: 6, every content hash matches\n"), "\(result)")
        }
    }
}
