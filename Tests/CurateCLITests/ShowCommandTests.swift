import CurateKit
import Foundation
import Testing

/// `curate show ID`: one stored label with its full provenance, run as the built binary.
@Suite("curate show")
struct ShowCommandTests {
    static let clock = ["SOURCE_DATE_EPOCH": "1793491200"]  // 2026-11-01T00:00:00Z

    /// A workspace with two labels of one input, the second superseding the first, and one other label.
    static func workspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([
                #"{"task":"sentiment","input_id":"a","output":"positive","created_at":"2026-06-01T12:00:00Z","model":"m1","prompt":{"name":"sentiment","version":"v3","text":"Say it.\n"},"id":"req-alpha-0001","input":{"text":"hi","score":1.50},"params":{"temperature":0},"run":"run-1","meta":{"latency_ms":12}}"#,
                #"{"task":"sentiment","input_id":"a","output":"negative","created_at":"2026-06-02T12:00:00Z","model":"m1","prompt":{"name":"sentiment","version":"v3","text":"Say it.\n"},"id":"req-alpha-0002","supersedes":"req-alpha-0001"}"#,
                LabelLines.human(inputID: "b", id: "req-beta-0001"),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"], environment: Self.clock)
            try body(workspace)
        }
    }

    @Test("--json has every provenance field, exact values, and the labels that supersede it")
    func json() throws {
        try Self.workspace { workspace in
            let result = try workspace.curate(["show", "req-alpha-0001", "--json"])
            #expect(result.status == 0, "\(result)")
            let label = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(Set(label.keys) == [
                "id", "task", "input_id", "input", "output", "created_at", "ingested_at", "ingest", "origin", "model", "annotator",
                "prompt", "hash_status", "params", "run", "meta", "supersedes", "superseded_by", "quarantined", "flags",
                "retracted", "retraction",
            ])
            #expect(label["id"] as? String == "req-alpha-0001")
            #expect(label["output"] as? String == "positive")
            #expect(label["created_at"] as? String == "2026-06-01T12:00:00Z")
            let ingestedAt = try #require(label["ingested_at"] as? String)
            #expect(try workspace.sqlite("SELECT ingested_at FROM ingests;") == "\(Timestamp.read(rfc3339: ingestedAt).get().nanosecondsSinceEpoch)\n")
            #expect((label["ingest"] as? [String: Any])?["sources"] as? [String] == ["labels.jsonl"])
            #expect(label["model"] as? String == "m1")
            #expect(label["annotator"] is NSNull)
            let prompt = try #require(label["prompt"] as? [String: Any])
            #expect(prompt["sha256"] as? String == PromptHash.of("Say it.\n"))
            #expect(prompt["short"] as? String == "sentiment@v3#" + String((prompt["sha256"] as? String ?? "").prefix(12)))
            #expect(label["hash_status"] as? String == "recorded")
            #expect(label["run"] as? String == "run-1")
            #expect(label["supersedes"] is NSNull)
            #expect(label["superseded_by"] as? [String] == ["req-alpha-0002"])
            #expect(label["quarantined"] as? Bool == false)
            #expect(result.out.contains(#""score": 1.50"#), "the input's number keeps its exact lexeme: \(result)")
            #expect(result.out.hasPrefix("{\n  \"annotator\": null,\n"), "keys are sorted: \(result)")

            let newer = try workspace.curateSucceeds(["show", "req-alpha-0002", "--json"])
            let replacing = try #require(try JSONSerialization.jsonObject(with: newer.stdout) as? [String: Any])
            #expect(replacing["supersedes"] as? String == "req-alpha-0001")
            #expect(replacing["input"] is NSNull)
        }
    }

    @Test("the text form aligns one field a line, with the full prompt hash")
    func text() throws {
        try Self.workspace { workspace in
            let result = try workspace.curate(["show", "req-alpha-0001"])
            #expect(result.status == 0, "\(result)")
            let lines = result.out.split(separator: "\n").map(String.init)
            #expect(lines.first == "id             req-alpha-0001")
            #expect(lines.contains { $0.hasPrefix("ingested_at    20") }, "\(result)")
            #expect(lines.contains("superseded by  req-alpha-0002"))
            #expect(lines.contains("quarantined    no"))
            #expect(lines.contains { $0.hasPrefix("prompt sha256  ") && $0.count == 15 + 64 }, "\(result)")
            #expect(lines.contains(#"                 "score": 1.50,"#), "pretty input continues under its first line: \(result)")

            let human = try workspace.curateSucceeds(["show", "req-beta-0001"])
            #expect(human.out.contains("annotator      ana\n") && !human.out.contains("prompt"), "\(human)")
        }
    }

    @Test("a prefix of 8 or more characters that starts one id finds the label; one that starts several lists them")
    func prefix() throws {
        try Self.workspace { workspace in
            let one = try workspace.curate(["show", "req-beta", "--json"])
            #expect(one.status == 0, "\(one)")
            #expect(one.out.contains(#""id": "req-beta-0001""#), "\(one)")

            let several = try workspace.curate(["show", "req-alpha"])
            #expect(several.status == 2, "\(several)")
            #expect(several.stdout.isEmpty)
            #expect(several.err.contains("req-alpha-0001, req-alpha-0002"), "\(several)")

            let short = try workspace.curate(["show", "req-bet"])
            #expect(short.status == 2, "a prefix under 8 characters is not looked up: \(short)")
            #expect(short.err.contains("at least 8 characters"), "\(short)")
        }
    }

    @Test("an unknown id exits 2 and says so")
    func unknown() throws {
        try Self.workspace { workspace in
            let result = try workspace.curate(["show", "req-gamma-0001"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.err.hasPrefix(#"curate: no label with id "req-gamma-0001""#), "\(result)")
        }
    }

    @Test("a flagged label shows each flag that quarantines it, and only those")
    func flagged() throws {
        try Self.workspace { workspace in
            try workspace.curateSucceeds(["flag", "prompt", "sentiment@v3", "--reason", "sarcasm read as positive"], environment: Self.clock)
            try workspace.curateSucceeds(["flag", "record", "req-alpha-0001", "--reason", "checked by hand"], environment: Self.clock)
            try workspace.curateSucceeds(["flag", "run", "run-1", "--reason", "rate limited"], environment: Self.clock)
            try workspace.curateSucceeds(["flag", "model", "m*", "--reason", "retired model"], environment: Self.clock)
            try workspace.curateSucceeds(["flag", "output", "^neg", "--reason", "negatives redone"], environment: Self.clock)

            let json = try workspace.curateSucceeds(["show", "req-alpha-0001", "--json"])
            let label = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(label["quarantined"] as? Bool == true)
            let flags = try #require(label["flags"] as? [[String: Any]])
            #expect(flags.map { $0["kind"] as? String } == ["prompt", "model", "run", "record"])
            #expect(flags.map { $0["reason"] as? String } == ["sarcasm read as positive", "retired model", "rate limited", "checked by hand"])

            let text = try workspace.curateSucceeds(["show", "req-alpha-0001"])
            #expect(text.out.contains("quarantined    yes, by 4 flags\n"), "\(text)")
            #expect(text.out.contains("  record flag  req-alpha-0001 since 2026-11-01 00:00:00Z: checked by hand\n"), "\(text)")

            let other = try workspace.curateSucceeds(["show", "req-alpha-0002", "--json"])
            let otherFlags = try #require((try JSONSerialization.jsonObject(with: other.stdout) as? [String: Any])?["flags"] as? [[String: Any]])
            #expect(otherFlags.map { $0["kind"] as? String } == ["prompt", "model", "output"])
            let human = try workspace.curateSucceeds(["show", "req-beta-0001"])
            #expect(human.out.contains("quarantined    no\n"), "\(human)")
        }
    }
}
