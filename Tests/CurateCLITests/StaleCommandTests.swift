import CurateKit
import Foundation
import Testing

/// `curate stale` and the regeneration loop it starts: stale lines → regenerated records
/// with `supersedes` → ingest → nothing stale, export picks the new labels, diff shows them.
@Suite("curate stale and the regeneration loop")
struct StaleCommandTests {
    static let v1 = "Label the sentiment.\n"
    static let v2Old = "Label the sentiment: positive or negative.\n"
    static let v2 = "Label the sentiment of the review: positive, negative or neutral.\n"

    /// A workspace whose lock has sentiment v1 and v2 (v2 edited in place: two texts), and
    /// one input per situation stale must tell apart.
    static func workspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/v1.txt", v1)
            try workspace.write("prompts/sentiment/v2.txt", v2)
            try workspace.write("prompts/prompts.lock", """
                # curate.prompts.lock/1
                sentiment@v1 \(PromptHash.of(v1))
                sentiment@v2 \(PromptHash.of(v2Old))
                sentiment@v2 \(PromptHash.of(v2))

                """)
            try workspace.write("labels.jsonl", LabelLines.file([
                // old-version: only a v1 label.
                LabelLines.llm(inputID: "old-version", output: "positive", version: "v1"),
                // current: a v1 label, then a v2 label of the current text.
                LabelLines.llm(inputID: "current", output: "neutral", version: "v1"),
                Self.withText(inputID: "current", text: v2, createdAt: "2026-07-01T00:00:00Z"),
                // old-text: the v2 text before its in-place edit.
                Self.withText(inputID: "old-text", text: v2Old, createdAt: "2026-07-01T00:00:00Z"),
                // human: a v1 label, and a person's label, which decides the input.
                LabelLines.llm(inputID: "human", output: "negative", version: "v1"),
                LabelLines.human(inputID: "human", output: "neutral"),
                // flagged: only labels of a model that gets flagged.
                LabelLines.llm(inputID: "flagged", output: "positive", model: "bad-model", version: "v2"),
                // unknown: a version no lock line or file knows.
                LabelLines.llm(inputID: "unknown", output: "positive", version: "v9"),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try workspace.curateSucceeds(["flag", "model", "bad-model", "--reason", "broken"])
            try body(workspace)
        }
    }

    static func withText(inputID: String, text: String, createdAt: String, output: String = "positive") -> String {
        let prompt = JSONWriter.canonical(.object([("name", .string("sentiment")), ("version", .string("v2")), ("text", .string(text))]))
        return #"{"task":"sentiment","input_id":"\#(inputID)","output":"\#(output)","created_at":"\#(createdAt)","model":"test-model","prompt":\#(prompt)}"#
    }

    /// The lines `curate stale ARGS` prints, parsed.
    static func staleLines(_ workspace: TempWorkspace, _ arguments: [String] = []) throws -> [[String: Any]] {
        let result = try workspace.curateSucceeds(["stale"] + arguments)
        return try TestFiles.lines(of: result.stdout).map { line in
            try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        }
    }

    @Test("each input is listed with exactly the reasons that make it stale; current and human-decided inputs are not")
    func reasons() throws {
        try Self.workspace { workspace in
            let lines = try Self.staleLines(workspace)
            let why = Dictionary(uniqueKeysWithValues: lines.map { ($0["input_id"] as? String ?? "", $0["why"] as? [String] ?? []) })
            #expect(why == [
                "old-version": ["older-version"],
                "old-text": ["older-text"],
                "flagged": ["flagged-model"],
                "unknown": ["unknown-hash"],
            ])
            for line in lines {
                let target = try #require(line["regenerate_with"] as? [String: Any])
                #expect(target["version"] as? String == "v2")
                #expect(target["text"] as? String == Self.v2)
                #expect(target["sha256"] as? String == PromptHash.of(Self.v2))
            }
            let flagged = try #require(lines.first { $0["input_id"] as? String == "flagged" })
            #expect(flagged["label"] is NSNull)
            let oldText = try #require(lines.first { $0["input_id"] as? String == "old-text" })
            let label = try #require(oldText["label"] as? [String: Any])
            let prompt = try #require(label["prompt"] as? [String: Any])
            #expect(prompt["sha256"] as? String == PromptHash.of(Self.v2Old))
            #expect(label["output"] as? String == "positive")
            #expect(label["hash_status"] as? String == "recorded")
        }
    }

    @Test("--count, --summary and --summary --json agree with the lines")
    func counts() throws {
        try Self.workspace { workspace in
            #expect(try workspace.curateSucceeds(["stale", "--count"]).out == "4\n")
            let summary = try workspace.curateSucceeds(["stale", "--summary"]).out
            #expect(summary.contains("4 of 6 inputs stale (1 decided by a human label, never stale)"), "\(summary)")
            #expect(summary.contains("older-text"), "\(summary)")
            let json = try workspace.curateSucceeds(["stale", "--summary", "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(object["stale"] as? Int == 4)
            #expect(object["inputs"] as? Int == 6)
            #expect(try workspace.curate(["stale", "--count", "--summary"]).status == 2)
        }
    }

    @Test("--with names the text to regenerate with; newer versions are then current")
    func withTarget() throws {
        try Self.workspace { workspace in
            let lines = try Self.staleLines(workspace, ["--with", "sentiment@v1"])
            let ids = Set(lines.compactMap { $0["input_id"] as? String })
            #expect(ids == ["flagged", "unknown"])
            for line in lines {
                let target = try #require(line["regenerate_with"] as? [String: Any])
                #expect(target["text"] as? String == Self.v1)
            }
            let hash = String(PromptHash.of(Self.v2Old).prefix(9))
            let older = try Self.staleLines(workspace, ["--with", "sentiment@v2#\(hash)"])
            #expect(Set(older.compactMap { $0["input_id"] as? String }) == ["old-version", "current", "flagged", "unknown"])
            let unknown = try workspace.curate(["stale", "--with", "sentiment@v7"])
            #expect(unknown.status == 2 && unknown.err.contains("--with"), "\(unknown)")
        }
    }

    @Test("regenerated labels that name what they supersede close the loop: nothing stale, export and diff show them")
    func roundTrip() throws {
        try Self.workspace { workspace in
            try workspace.curateSucceeds(["export", "before"])
            let stale = try Self.staleLines(workspace)
            // Plays the LLM: answers each stale line with its regenerate_with prompt.
            let regenerated = try stale.map { line -> String in
                let target = try #require(line["regenerate_with"] as? [String: Any])
                let label = line["label"] as? [String: Any]
                let supersedes = (label?["id"] as? String).map { #","supersedes":"\#($0)""# } ?? ""
                let prompt = JSONWriter.canonical(.object([
                    ("name", .string(target["name"] as? String ?? "")), ("version", .string(target["version"] as? String ?? "")),
                    ("sha256", .string(target["sha256"] as? String ?? "")),
                ]))
                return #"{"task":"sentiment","input_id":"\#(line["input_id"] as? String ?? "")","output":"negative","created_at":"2026-11-01T00:00:00Z","model":"good-model","prompt":\#(prompt)\#(supersedes)}"#
            }
            try workspace.write("regenerated.jsonl", LabelLines.file(regenerated))
            try workspace.curateSucceeds(["ingest", "regenerated.jsonl"])
            #expect(try workspace.curateSucceeds(["stale", "--count"]).out == "0\n")

            try workspace.curateSucceeds(["export", "after"])
            let rows = try workspace.dataRows("after")
            for inputID in ["old-version", "old-text", "flagged", "unknown"] {
                let row = try #require(rows.first { $0["input_id"] as? String == inputID })
                #expect(row["output"] as? String == "negative")
                #expect(row["model"] as? String == "good-model")
            }
            let oldText = try #require(stale.first { $0["input_id"] as? String == "old-text" })
            let replaced = try #require(rows.first { $0["input_id"] as? String == "old-text" })
            #expect(replaced["supersedes"] as? String == (oldText["label"] as? [String: Any])?["id"] as? String)

            let diff = try workspace.curate(["diff", "before", "after", "--json"])
            #expect(diff.status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: diff.stdout) as? [String: Any])
            let records = try #require(object["records"] as? [String: Any])
            #expect(records["relabeled"] as? Int == 3)
            #expect(records["added"] as? Int == 1)
            let examples = try #require(records["examples"] as? [[String: Any]])
            let example = try #require(examples.first { $0["input_id"] as? String == "old-text" })
            let after = try #require((example["after"] as? [[String: Any]])?.first)
            #expect(after["supersedes"] as? String == (oldText["label"] as? [String: Any])?["id"] as? String)
        }
    }

    @Test("a supersedes that names no stored label, or one of another input, is a bad line")
    func supersedesValidated() throws {
        try Self.workspace { workspace in
            let before = try workspace.dump()
            let stale = try Self.staleLines(workspace)
            let otherID = try #require((stale.first { $0["input_id"] as? String == "old-text" }?["label"] as? [String: Any])?["id"] as? String)
            try workspace.write("bad.jsonl", LabelLines.file([
                #"{"task":"sentiment","input_id":"old-version","output":"x","created_at":"2026-11-01T00:00:00Z","model":"m","prompt":{"name":"sentiment","version":"v2"},"supersedes":"no-such-record"}"#,
                #"{"task":"sentiment","input_id":"old-version","output":"y","created_at":"2026-11-01T00:00:00Z","model":"m","prompt":{"name":"sentiment","version":"v2"},"supersedes":"\#(otherID)"}"#,
            ]))
            let result = try workspace.curate(["ingest", "bad.jsonl"])
            #expect(result.status == 2)
            #expect(result.err.contains("bad.jsonl:1: field \"supersedes\": names no stored label"), "\(result)")
            #expect(try workspace.dump() == before)
            let skipped = try workspace.curate(["ingest", "bad.jsonl", "--skip-invalid", "--reject", "rejects.jsonl"])
            #expect(skipped.status == 0)
            #expect(skipped.err.contains("bad.jsonl:2: field \"supersedes\": names a label of another input"), "\(skipped)")
            #expect(try TestFiles.lines(of: workspace.read("rejects.jsonl")).count == 2)
            #expect(try workspace.labelCount() == 8)
        }
    }
}
