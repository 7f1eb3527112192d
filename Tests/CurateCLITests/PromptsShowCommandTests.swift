import CurateKit
import Foundation
import Testing

/// `curate prompts show NAME@VERSION[#HASH]`, run as the built binary.
@Suite("curate prompts show")
struct PromptsShowCommandTests {
    static let original = "Classify the sentiment.\r\nAnswer positive or negative.\r\n"
    static let edited = "Classify the sentiment.\nSarcasm counts as negative.\n"

    @Test("a CRLF template prints with LF, byte for byte, and its SHA-256 is the locked hash; no store needed")
    func roundTrip() throws {
        try TempWorkspace.with { workspace in
            try workspace.write("prompts/sentiment/v3.txt", Self.original)
            try workspace.curateSucceeds(["prompts", "lock"])
            let result = try workspace.curate(["prompts", "show", "sentiment@v3"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout == Data(Self.original.replacingOccurrences(of: "\r\n", with: "\n").utf8))
            let lock = String(decoding: try workspace.read("prompts/prompts.lock"), as: UTF8.self)
            #expect(lock.contains("sentiment@v3 \(PromptHash.of(bytes: result.stdout))\n"), "\(lock)")

            let json = try workspace.curateSucceeds(["prompts", "show", "sentiment@v3", "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(Set(object.keys) == ["name", "version", "sha256", "source", "text"])
            #expect(object["sha256"] as? String == PromptHash.of(bytes: result.stdout))
            #expect(object["source"] as? String == "file")
            #expect(object["text"] as? String == String(decoding: result.stdout, as: UTF8.self))
        }
    }

    @Test("an earlier text of an edited version comes from the store, else from git history; the bare version is the current text")
    func earlierText() throws {
        try TempWorkspace.with { workspace in
            try workspace.gitInit()
            try workspace.write("prompts/sentiment/v3.txt", Self.original)
            try workspace.curateSucceeds(["prompts", "lock"])
            try workspace.commit("v3", at: "2026-08-31T12:00:00Z")
            try workspace.write("prompts/sentiment/v3.txt", Self.edited)
            try workspace.curateSucceeds(["prompts", "lock", "sentiment@v3"])
            let old = String(PromptHash.of(Self.original).prefix(7))

            let fromGit = try workspace.curateSucceeds(["prompts", "show", "sentiment@v3#\(old)", "--json"])
            let git = try #require(try JSONSerialization.jsonObject(with: fromGit.stdout) as? [String: Any])
            #expect(git["source"] as? String == "git")
            #expect(git["text"] as? String == Self.original.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(try workspace.curateSucceeds(["prompts", "show", "sentiment@v3"]).out == Self.edited)

            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([
                #"{"task":"sentiment","input_id":"a","output":"positive","created_at":"2026-06-01T12:00:00Z","model":"m1","prompt":{"name":"sentiment","version":"v2","text":"Old two.\n"}}"#,
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            let fromStore = try workspace.curateSucceeds(["prompts", "show", "sentiment@v2", "--json"])
            let store = try #require(try JSONSerialization.jsonObject(with: fromStore.stdout) as? [String: Any])
            #expect(store["source"] as? String == "store")
            #expect(store["text"] as? String == "Old two.\n")
        }
    }

    @Test("an unknown or ambiguous prompt exits 2 with the candidates", arguments: [
        (["prompts", "show", "sentiment@v9"], "candidates: sentiment@v1, sentiment@v3"),
        (["prompts", "show", "sentiment@v3#0000000"], "candidates: sentiment@v3#"),
        (["prompts", "show", "sentiment"], "is not a prompt"),
    ])
    func unknown(_ arguments: [String], _ mention: String) throws {
        try TempWorkspace.with { workspace in
            try workspace.write("prompts/sentiment/v1.txt", "One.\n")
            try workspace.write("prompts/sentiment/v3.txt", Self.original)
            let result = try workspace.curate(arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.err.contains(mention), "\(result)")
        }
    }
}
