import CurateKit
import Foundation
import Testing

/// `--json` on the commands that report: ingest, export (and --dry-run) and verify print one
/// JSON object with the documented keys, and their numbers agree with what was written.
@Suite("--json reports of ingest, export and verify")
struct JSONReportsTests {
    static func object(_ output: ProcessOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any], "\(output)")
    }

    @Test("ingest --json counts every line, per tuple too, and names its sources")
    func ingest() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("a.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "1"), LabelLines.llm(inputID: "2"), LabelLines.human(inputID: "1"), "not json",
            ]))
            let first = try Self.object(workspace.curateSucceeds(["ingest", "a.jsonl", "--json", "--skip-invalid", "--reject", "r.jsonl"]))
            #expect(first["ingest_id"] as? Int == 1)
            #expect(first["lines"] as? Int == 4)
            #expect(first["new"] as? Int == 3)
            #expect(first["rejected"] as? Int == 1)
            #expect((first["reject_path"] as? String)?.hasSuffix("r.jsonl") == true)
            #expect(first["sources"] as? [String] == ["a.jsonl"])
            let tuples = try #require(first["tuples"] as? [[String: Any]])
            #expect(tuples.map { $0["new"] as? Int ?? 0 }.reduce(0, +) == 3)
            #expect(Set(tuples.compactMap { $0["origin"] as? String }) == ["llm", "human"])
            let again = try Self.object(workspace.curateSucceeds(["ingest", "a.jsonl", "--json", "--skip-invalid", "--reject", "r.jsonl"]))
            #expect(again["new"] as? Int == 0 && again["duplicates"] as? Int == 3 && again["ingest_id"] as? Int == 2)
        }
    }

    @Test("export --json and --dry-run --json give the counts written, per split and tuple")
    func export() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("a.jsonl", LabelLines.generate(count: 200, prefix: "x"))
            try workspace.curateSucceeds(["ingest", "a.jsonl"])
            let arguments = ["export", "d", "--split", "train=0.5,test=0.5", "--json"]
            let dry = try Self.object(workspace.curateSucceeds(arguments + ["--dry-run"]))
            #expect(dry["dry_run"] as? Bool == true)
            #expect(dry["manifest"] is NSNull)
            #expect(!workspace.exists("datasets/d"))
            let written = try Self.object(workspace.curateSucceeds(arguments))
            #expect(written["dry_run"] as? Bool == false)
            #expect(written["manifest"] as? String == "datasets/d/manifest.json")
            #expect(written["records"] as? Int == 200 && dry["records"] as? Int == 200)
            let splits = try #require(written["splits"] as? [[String: Any]])
            for split in splits {
                let name = try #require(split["name"] as? String)
                #expect(split["records"] as? Int == (try workspace.dataRows("d", split: name)).count)
            }
            let tuples = try #require(written["tuples"] as? [[String: Any]])
            #expect(tuples.first?["per_split"] as? [String: Int] == Dictionary(uniqueKeysWithValues: splits.map { ($0["name"] as? String ?? "", $0["records"] as? Int ?? 0) }))
        }
    }

    @Test("verify --json: intact, or each problem with its kind and exit 1")
    func verify() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("a.jsonl", LabelLines.generate(count: 20, prefix: "x"))
            try workspace.curateSucceeds(["ingest", "a.jsonl"])
            try workspace.curateSucceeds(["export", "d"])
            let intact = try Self.object(workspace.curateSucceeds(["verify", "d", "--json"]))
            #expect(intact["intact"] as? Bool == true && intact["records"] as? Int == 20)
            try workspace.write("datasets/d/\(try #require(workspace.manifestFiles("d").first?["path"] as? String))", Data("{}\n".utf8))
            let damaged = try workspace.curate(["verify", "d", "--json"])
            #expect(damaged.status == 1)
            let report = try Self.object(damaged)
            #expect(report["intact"] as? Bool == false)
            let kinds = (report["problems"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(kinds.contains("checksum_mismatch") && kinds.contains("record_count_mismatch"), "\(report)")
        }
    }

    @Test("prompts check --json names each problem with its kind and hashes; flag --json says whether it is new")
    func promptsCheckAndFlag() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/v1.txt", "Label it.\n")
            try workspace.curateSucceeds(["prompts", "lock"])
            let clean = try Self.object(workspace.curateSucceeds(["prompts", "check", "--json"]))
            #expect(clean["templates"] as? Int == 1 && (clean["problems"] as? [Any])?.isEmpty == true)
            try workspace.write("prompts/sentiment/v1.txt", "Label it, please.\n")
            let edited = try workspace.curate(["prompts", "check", "--json"])
            #expect(edited.status == 1)
            let problem = try #require((try Self.object(edited)["problems"] as? [[String: Any]])?.first)
            #expect(problem["kind"] as? String == "edited-in-place")
            #expect(problem["prompt"] as? String == "sentiment@v1")
            #expect(problem["file_sha256"] as? String == PromptHash.of("Label it, please.\n"))
            #expect(problem["locked_sha256"] as? String == PromptHash.of("Label it.\n"))

            try workspace.write("a.jsonl", LabelLines.file([LabelLines.llm(inputID: "1", model: "m-1")]))
            try workspace.curateSucceeds(["ingest", "a.jsonl"])
            let first = try Self.object(workspace.curateSucceeds(["flag", "model", "m-*", "--reason", "old", "--json"]))
            #expect(first["new"] as? Bool == true)
            #expect((first["flag"] as? [String: Any])?["target"] as? String == "m-*")
            let again = try Self.object(workspace.curateSucceeds(["flag", "model", "m-*", "--reason", "other", "--json"]))
            #expect(again["new"] as? Bool == false)
            #expect((again["flag"] as? [String: Any])?["reason"] as? String == "old")
        }
    }
}
