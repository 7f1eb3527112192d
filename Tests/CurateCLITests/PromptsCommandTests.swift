import Foundation
import Testing

/// `curate prompts`, `prompts lock` and `prompts check`, run as the built binary.
@Suite("curate prompts")
struct PromptsCommandTests {
    static let original = "Classify the sentiment of the review.\nAnswer positive, negative or neutral.\n"
    static let edited = "Classify the sentiment of the review.\nSarcasm counts as negative.\nAnswer positive, negative or neutral.\n"

    /// A workspace under git with two committed templates and their lock.
    static func lockedRepository(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.gitInit()
            try workspace.write("prompts/sentiment/v3.txt", original)
            try workspace.write("prompts/intent/v1.md", "Route the ticket.\r\n")
            try workspace.curateSucceeds(["prompts", "lock"])
            try workspace.commit("templates and lock", at: "2026-08-31T12:00:00Z")
            try body(workspace)
        }
    }

    @Test("prompts lock writes a sorted lock file (golden) and changes nothing when run again")
    func lockGolden() throws {
        try TempWorkspace.with { workspace in
            try workspace.write("prompts/sentiment/v10.txt", "ten\n")
            try workspace.write("prompts/sentiment/v2.prompt", "two\r\n")
            try workspace.write("prompts/intent/v1.md", "Route the ticket.\n")
            try workspace.write("prompts/README.md", "not a template\n")
            let result = try workspace.curate(["prompts", "lock"])
            #expect(result.status == 0, "\(result)")
            Snapshot.expect(try String(decoding: workspace.read("prompts/prompts.lock"), as: UTF8.self), matches: "prompts.lock")
            Snapshot.expect(result.out, matches: "prompts-lock.txt")

            let again = try workspace.curate(["prompts", "lock"])
            #expect(again.status == 0, "\(again)")
            #expect(again.out == "prompts/prompts.lock is up to date (3 versions)\n")
        }
    }

    @Test("prompts check is clean after lock, and needs no store (a CI checkout)")
    func checkClean() throws {
        try Self.lockedRepository { workspace in
            #expect(!workspace.exists(TempWorkspace.store))
            let result = try workspace.curate(["prompts", "check"], in: "prompts/sentiment")
            #expect(result.status == 0, "\(result)")
            #expect(result.out == "prompts check: 2 templates match prompts/prompts.lock\n")
        }
    }

    @Test("prompts check after an uncommitted in-place edit exits 1, names the file and spells out the fix")
    func checkAfterInPlaceEdit() throws {
        try Self.lockedRepository { workspace in
            try workspace.write("prompts/sentiment/v3.txt", Self.edited)
            #expect(try workspace.git(["status", "--porcelain"]) == " M prompts/sentiment/v3.txt\n")
            let result = try workspace.curate(["prompts", "check"])
            #expect(result.status == 1, "\(result)")
            Snapshot.expect(result.out, matches: "prompts-check-edited.txt")

            let lock = try workspace.curate(["prompts", "lock"])
            #expect(lock.status == 1, "a plain lock leaves the edited version out: \(lock)")
            #expect(lock.out.contains("curate prompts lock sentiment@v3"), "\(lock)")

            try workspace.curateSucceeds(["prompts", "lock", "sentiment@v3"])
            let lockText = String(decoding: try workspace.read("prompts/prompts.lock"), as: UTF8.self)
            #expect(lockText.components(separatedBy: "\nsentiment@v3 ").count == 3, "the lock keeps both texts of v3:\n\(lockText)")
            let clean = try workspace.curate(["prompts", "check"])
            #expect(clean.status == 0, "\(clean)")
        }
    }

    @Test("prompts lists every text with labels, first/last use and status; --json too")
    func list() throws {
        try Self.lockedRepository { workspace in
            try workspace.initWorkspace()
            try workspace.write("prompts/sentiment/v3.txt", Self.edited)
            try workspace.write("prompts/sentiment/v4.txt", "four\n")
            try workspace.write("labels.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "a", version: "v3", createdAt: "2026-09-02T00:00:00Z"),
                LabelLines.llm(inputID: "b", prompt: "intent", version: "v1", createdAt: "2026-09-03T00:00:00Z"),
                LabelLines.llm(inputID: "c", version: "v9", createdAt: "2026-09-04T00:00:00Z"),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            let table = try workspace.curate(["prompts"])
            #expect(table.status == 0, "\(table)")
            Snapshot.expect(table.out, matches: "prompts-list.txt")

            let json = try workspace.curate(["prompts", "--json"])
            #expect(json.status == 0, "\(json)")
            let rows = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
            let intent = try #require(rows.first { $0["name"] as? String == "intent" })
            #expect(intent["status"] as? String == "locked")
            #expect((intent["labels_by_hash_status"] as? [String: Int])?["resolved"] == 1, "a name+version record resolved through the lock")
            #expect(rows.filter { $0["version"] as? String == "v3" }.allSatisfy { $0["several_hashes"] as? Bool == true })
            #expect(rows.contains { $0["prompt"] as? String == "sentiment@v9#unknown" && $0["status"] as? String == "hash-not-known" })
        }
    }

    @Test("usage errors and bad input exit 2", arguments: [
        (["prompts", "lock", "sentiment"], "is not NAME@VERSION"),
        (["prompts", "lock", "sentiment@v7"], "no template file for sentiment@v7"),
        (["prompts", "bogus"], "unknown command 'prompts bogus'"),
    ])
    func badInput(arguments: [String], message: String) throws {
        try Self.lockedRepository { workspace in
            let result = try workspace.curate(arguments)
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains(message), "\(result)")
        }
    }

    @Test("a malformed lock is refused with its file and line")
    func malformedLock() throws {
        try TempWorkspace.with { workspace in
            try workspace.write("prompts/sentiment/v1.txt", "x")
            try workspace.write("prompts/prompts.lock", "# hand edited\nsentiment@v1 not-a-hash\n")
            let result = try workspace.curate(["prompts", "check"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.hasPrefix("curate: prompts/prompts.lock:2: \"not-a-hash\" is not a SHA-256"), "\(result)")
        }
    }

    @Test("outside any workspace or prompts folder the error says where it looked")
    func noPromptsFolder() throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["prompts", "check"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("no prompts/ folder"), "\(result)")
        }
    }
}

extension TempWorkspace {
    /// The environment for git in tests: no user configuration, a fixed identity.
    static func gitEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        CurateRunner.environment([
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        ].merging(extra) { $1 })
    }

    /// Runs git in the workspace and returns its standard output; throws unless it succeeds.
    @discardableResult
    func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: root, environment: Self.gitEnvironment(environment))
        guard result.status == 0, !result.killedBySignal else { throw SetupFailure(step: "git \(arguments.joined(separator: " "))", output: result) }
        return result.out
    }

    /// `git init` with the store kept out (as `curate init` would) and no signing.
    func gitInit() throws {
        try git(["init", "-q", "-b", "main"])
        try git(["config", "commit.gpgsign", "false"])
        try write(".gitignore", "/*.jsonl\n")
    }

    /// Stages everything and commits with a set commit (and author) time.
    func commit(_ message: String, at committedAt: String, authoredAt: String? = nil) throws {
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message], environment: ["GIT_COMMITTER_DATE": committedAt, "GIT_AUTHOR_DATE": authoredAt ?? committedAt])
    }
}
