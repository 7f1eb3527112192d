import Foundation
import Testing

/// `curate retract` and `curate retractions`: labels taken out for good, and everywhere that shows it.
@Suite("curate retract, retractions")
struct RetractCommandTests {
    static let clock = ["SOURCE_DATE_EPOCH": "1793491200"]  // 2026-11-01T00:00:00Z

    /// A label record of `run` with record id `id`.
    static func line(_ inputID: String, _ run: String, id: String, output: String = "positive", at time: String = "2026-06-01T12:00:00Z") -> String {
        String(LabelLines.llm(inputID: inputID, output: output, createdAt: time, id: id).dropLast()) + #","run":"\#(run)"}"#
    }

    /// Ingest 1: in-1 and in-2 of run-a, in-3 and in-4 of run-b. Ingest 2: in-5, and a newer label of in-1, of run-c.
    static func workspace(_ workspace: TempWorkspace) throws {
        try workspace.initWorkspace()
        try workspace.write("a.jsonl", LabelLines.file([
            line("in-1", "run-a", id: "rec-a1"), line("in-2", "run-a", id: "rec-a2"),
            line("in-3", "run-b", id: "rec-b3"), line("in-4", "run-b", id: "rec-b4"),
        ]))
        try workspace.write("b.jsonl", LabelLines.file([
            line("in-5", "run-c", id: "rec-c5"), line("in-1", "run-c", id: "rec-c6", output: "negative", at: "2026-07-01T12:00:00Z"),
        ]))
        #expect(try workspace.curateSucceeds(["ingest", "a.jsonl"]).out.contains("\nlogged as ingest 1\n"))
        let second = try JSONSerialization.jsonObject(with: workspace.curateSucceeds(["ingest", "b.jsonl", "--json"]).stdout) as? [String: Any]
        #expect(second?["ingest_id"] as? Int == 2)
    }

    static func object(_ output: ProcessOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any], "\(output)")
    }

    static func array(_ output: ProcessOutput) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [[String: Any]], "\(output)")
    }

    @Test("diff names a retraction made between two exports, with the labels it held back")
    func diffShowsRetractions() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            try workspace.curateSucceeds(["export", "before"])
            try workspace.curateSucceeds(["retract", "run", "run-b", "--reason", "wrong model"], environment: Self.clock)
            try workspace.curateSucceeds(["export", "after"])
            let text = try workspace.curate(["diff", "before", "after"])
            #expect(text.status == 1, "\(text)")
            #expect(text.out.contains("result: different (provenance, files, records, labels, retractions)"), "\(text)")
            #expect(text.out.contains("retractions (labels held back): 1 change"), "\(text)")
            let json = try Self.object(try workspace.curate(["diff", "before", "after", "--json"]))
            let changes = try #require(json["retractions"] as? [[String: Any]])
            #expect(changes.count == 1)
            #expect(changes.first?["target"] as? String == "run-b" && changes.first?["reason"] as? String == "wrong model")
            #expect(changes.first?["before"] is NSNull && changes.first?["after"] as? Int == 2, "\(changes)")
        }
    }

    @Test("a record, a run and an ingest leave every export, --include-flagged too, and stay in the store")
    func lifecycle() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            let record = try workspace.curate(["retract", "record", "rec-b3", "--reason", "personal data"], environment: Self.clock)
            #expect(record.status == 0 && record.out == "retracted 1 label of record rec-b3 as retraction 1: personal data\n", "\(record)")
            let run = try workspace.curate(["retract", "run", "run-a", "--reason", "truncated"], environment: Self.clock)
            #expect(run.out == "retracted 2 labels of run run-a as retraction 2: truncated\n", "\(run)")
            let ingest = try Self.object(workspace.curateSucceeds(["retract", "ingest", "2", "--reason", "wrong file", "--json"], environment: Self.clock))
            #expect(ingest["retracted"] as? Int == 2 && ingest["already_retracted"] as? Int == 0)
            #expect(ingest["earlier_retractions"] as? [Int] == [])
            let retraction = try #require(ingest["retraction"] as? [String: Any])
            #expect(retraction["id"] as? Int == 3 && retraction["kind"] as? String == "ingest" && retraction["target"] as? String == "2")
            #expect(retraction["reason"] as? String == "wrong file" && retraction["created_at"] as? String == "2026-11-01T00:00:00Z")

            try workspace.curateSucceeds(["flag", "record", "rec-b4", "--reason", "unsure"])
            let exported = try workspace.curate(["export", "x", "--force", "--resolve", "all", "--include-flagged"])
            #expect(exported.out.contains("selected 1 label; 1 of them flagged, kept (--include-flagged); 5 retracted labels left out (retractions 1, 2, 3)\n"), "\(exported)")
            #expect(try workspace.dataRows("x").map { $0["id"] as? String } == ["rec-b4"])
            let manifest = try #require(try JSONSerialization.jsonObject(with: workspace.read("datasets/x/manifest.json")) as? [String: Any])
            let applied = try #require(manifest["retractions"] as? [[String: Any]])
            #expect(applied.map { $0["id"] as? Int } == [1, 2, 3] && applied.map { $0["labels"] as? Int } == [1, 2, 2])
            #expect(applied.map { $0["kind"] as? String } == ["record", "run", "ingest"])
            let dry = try Self.object(workspace.curateSucceeds(["export", "y", "--dry-run", "--json", "--include-flagged"]))
            #expect(dry["labels_retracted"] as? Int == 5 && (dry["retractions"] as? [Any])?.count == 3)

            // Still stored, and shown as retracted.
            #expect(try workspace.curate(["check"]).status == 0)
            let stats = try workspace.statsJSON()
            #expect(stats.map { $0["labels"] as? Int ?? 0 }.reduce(0, +) == 6 && stats.map { $0["retracted"] as? Int ?? 0 }.reduce(0, +) == 5)
            let statsText = try workspace.curateSucceeds(["stats"]).out
            #expect(statsText.contains("labels  retracted") && statsText.hasSuffix("1 tuple, 6 labels, 5 of them retracted (see curate retractions)\n"), "\(statsText)")
            let shown = try Self.object(workspace.curateSucceeds(["show", "rec-b3", "--json"]))
            #expect(shown["retracted"] as? Bool == true && (shown["retraction"] as? [String: Any])?["reason"] as? String == "personal data")
            #expect(try workspace.curateSucceeds(["show", "rec-b3"]).out.contains(
                "\nretracted      yes, by retraction 1 (record rec-b3) since 2026-11-01 00:00:00Z: personal data\n"))
            #expect(try Self.object(workspace.curateSucceeds(["show", "rec-b4", "--json"]))["retraction"] is NSNull)

            let listed = try Self.array(workspace.curateSucceeds(["retractions", "--json"]))
            #expect(listed.map { $0["target"] as? String } == ["rec-b3", "run-a", "2"] && listed.map { $0["labels"] as? Int } == [1, 2, 2])
            #expect(try workspace.curateSucceeds(["retractions"]).out == """
                id  kind    target  labels  retracted at          reason
                 1  record  rec-b3       1  2026-11-01 00:00:00Z  personal data
                 2  run     run-a        2  2026-11-01 00:00:00Z  truncated
                 3  ingest  2            2  2026-11-01 00:00:00Z  wrong file

                """)

            // Inputs left with no label are stale, so they can be labeled again; in-4 has its (flagged) label.
            let stale = try TestFiles.lines(of: workspace.curateSucceeds(["stale"]).stdout).map { line in
                try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            }
            #expect(stale.map { $0["input_id"] as? String } == ["in-1", "in-2", "in-3", "in-4", "in-5"])
            #expect(stale.map { $0["why"] as? [String] ?? [] } == [["retracted"], ["retracted"], ["retracted"], ["flagged-record"], ["retracted"]])
            #expect(stale.allSatisfy { $0["label"] is NSNull })
        }
    }

    @Test("retracting again takes only what came since; with nothing new it says so and changes nothing")
    func again() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            try workspace.curateSucceeds(["retract", "record", "rec-a1", "--reason", "wrong"], environment: Self.clock)
            let run = try workspace.curateSucceeds(["retract", "run", "run-a", "--reason", "bad run"], environment: Self.clock)
            #expect(run.out == "retracted 1 label of run run-a as retraction 2: bad run\n1 more label was retracted already, by retraction 1\n")
            let before = try workspace.dump()
            let repeated = try workspace.curate(["retract", "run", "run-a", "--reason", "bad run"])
            #expect(repeated.status == 0 && repeated.out == "nothing new to retract: the 2 labels of run run-a were retracted already, by retractions 1, 2\n", "\(repeated)")
            let json = try Self.object(workspace.curateSucceeds(["retract", "record", "rec-a1", "--reason", "again", "--json"]))
            #expect(json["retraction"] is NSNull && json["already_retracted"] as? Int == 1 && json["earlier_retractions"] as? [Int] == [1])
            #expect(try workspace.dump() == before)
        }
    }

    @Test("a selector that names no label exits 2, says what to do, and leaves the store as it was", arguments: [
        (["retract", "record", "rec-zz", "--reason", "r"], "no label with id \"rec-zz\""),
        (["retract", "record", "rec", "--reason", "r"], "at least 8 characters"),
        (["retract", "run", "run-d", "--reason", "r"], "known runs: run-a"),
        (["retract", "ingest", "4", "--reason", "r"], "ingests are numbered 1 to 3"),
        (["retract", "ingest", "last", "--reason", "r"], "ingests are numbered 1 to 3"),
        (["retract", "ingest", "3", "--reason", "r"], "ingest 3 stored no labels"),
        (["retract", "run", "run-a"], "--reason"),
        (["retract", "run", "run-a", "--reason", " "], "--reason"),
        (["retract", "prompt", "v1", "--reason", "r"], "prompt"),
    ])
    func refused(_ arguments: [String], _ mention: String) throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            try workspace.curateSucceeds(["ingest", "a.jsonl"])  // ingest 3: duplicates only
            let before = try workspace.dump()
            let result = try workspace.curate(arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.err.contains(mention), "stderr does not mention \(mention): \(result)")
            #expect(try workspace.dump() == before)
            #expect(try workspace.curateSucceeds(["retractions"]).out == "nothing is retracted\n")
        }
    }

    @Test("help of each command lists exit codes and examples", arguments: ["retract", "retractions"])
    func help(_ command: String) throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate([command, "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Exit codes:") && result.out.contains("Examples:"), "\(result)")
        }
    }
}
