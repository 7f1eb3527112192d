import Foundation
import Testing

/// `curate flag`, `unflag` and `flags`: the quarantine, and its effect on exports.
@Suite("curate flag, unflag, flags")
struct FlagCommandTests {
    static let clock = ["SOURCE_DATE_EPOCH": "1793491200"]  // 2026-11-01T00:00:00Z

    @Test("flag, list, export without, export with --include-flagged, unflag")
    func lifecycle() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let flagged = try workspace.curate(["flag", "prompt", "sentiment@v3#791c662", "--reason", "labels sarcasm positive"], environment: Self.clock)
            #expect(flagged.status == 0, "\(flagged)")
            #expect(flagged.out == "flagged prompt sentiment@v3#791c662112b3c037d2998d29918976e10d4d68487caae1c3f24cb7d75a0f12c3: labels sarcasm positive\n")
            try workspace.curateSucceeds(["flag", "model", "gpt-4o-mini-*", "--reason", "fallback model"], environment: Self.clock)
            try workspace.curateSucceeds(["flag", "run", "run-20260601-sentiment", "--reason", "rate limited"], environment: Self.clock)
            try workspace.curateSucceeds(["flag", "record", "req-0000000000000001", "--reason", "checked by hand: wrong"], environment: Self.clock)
            Snapshot.expect(try workspace.curateSucceeds(["flags"]).out, matches: "flags.txt")
            let json = try workspace.curateSucceeds(["flags", "--json"])
            let list = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]]
            #expect(list?.map { $0["kind"] as? String } == ["prompt", "model", "run", "record"])
            #expect(list?.first?["created_at"] as? String == "2026-11-01T00:00:00Z")

            let out = try workspace.curateSucceeds(["export", "out", "--resolve", "all", "--no-human-priority"])
            #expect(out.out.contains("flagged, left out"), "\(out)")
            let rows = try workspace.dataRows("out")
            #expect(!rows.contains { ($0["prompt"] as? String)?.hasPrefix("sentiment@v3#791c") == true })
            #expect(!rows.contains { $0["model"] as? String == "gpt-4o-mini-2024-07-18" })
            #expect(!rows.contains { $0["run"] as? String == "run-20260601-sentiment" })
            #expect(!rows.contains { $0["id"] as? String == "req-0000000000000001" })
            let manifest = try JSONSerialization.jsonObject(with: workspace.read("datasets/out/manifest.json")) as? [String: Any]
            let applied = manifest?["flags"] as? [[String: Any]]
            #expect(applied?.map { $0["labels"] as? Int } == [1, 1, 1, 1])
            #expect(applied?.map { $0["reason"] as? String } == ["labels sarcasm positive", "fallback model", "rate limited", "checked by hand: wrong"])

            try workspace.curateSucceeds(["export", "everything", "--resolve", "all", "--no-human-priority", "--include-flagged"])
            #expect(try workspace.dataRows("everything").count == rows.count + 4)

            let lifted = try workspace.curate(["unflag", "model", "gpt-4o-mini-*"])
            #expect(lifted.status == 0, "\(lifted)")
            #expect(lifted.out.hasPrefix("unflagged model gpt-4o-mini-*"))
            try workspace.curateSucceeds(["unflag", "prompt", "sentiment@v3#791c662"])
            #expect(try workspace.curateSucceeds(["flags", "--json"]).out.contains("\"run\""))
            try workspace.curateSucceeds(["export", "after", "--resolve", "all", "--no-human-priority"])
            #expect(try workspace.dataRows("after").count == rows.count + 2)
        }
    }

    @Test("flagging again keeps the first reason and time")
    func repeatFlag() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["flag", "prompt", "v1", "--reason", "first"], environment: Self.clock)
            let again = try workspace.curate(["flag", "prompt", "*@v1", "--reason", "second"])
            #expect(again.status == 0, "\(again)")
            #expect(again.out == "already flagged since 2026-11-01T00:00:00Z: prompt *@v1: first\n")
        }
    }

    @Test("refusals exit 2 with the reason on stderr and store nothing", arguments: [
        (["flag", "prompt", "v9", "--reason", "r"], "sentiment@v1#d7d78d5c2bde"),
        (["flag", "prompt", "12345678", "--reason", "r"], "matches no prompt"),
        (["flag", "model", "llama-*", "--reason", "r"], "claude-sonnet-4-5-20250929"),
        (["flag", "run", "run-2099", "--reason", "r"], "run-20260601-sentiment"),
        (["flag", "record", "req-9", "--reason", "r"], "req-9"),
        (["flag", "prompt", "v1"], "--reason"),
        (["flag", "prompt", "v1", "--reason", "  "], "--reason"),
        (["flag", "dataset", "v1", "--reason", "r"], "dataset"),
        (["unflag", "prompt", "v1"], "not flagged"),
    ])
    func refused(_ arguments: [String], _ mention: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            let result = try workspace.curate(arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.err.contains(mention), "stderr does not mention \(mention): \(result)")
            #expect(try workspace.curateSucceeds(["flags"]).out == "nothing is flagged\n")
        }
    }

    @Test("help of each command lists exit codes and examples", arguments: ["flag", "unflag", "flags"])
    func help(_ command: String) throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate([command, "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Exit codes:") && result.out.contains("Examples:"), "\(result)")
        }
    }
}
