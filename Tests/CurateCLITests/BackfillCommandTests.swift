import Foundation
import Testing

/// `curate backfill --from-git`, run as the built binary on a real git repository.
@Suite("curate backfill")
struct BackfillCommandTests {
    /// sentiment v3 with three texts over time (the middle one committed with CRLF line ends and
    /// renamed to .md), then labels that name only sentiment@v3 from before the first commit to
    /// after the last edit.
    static func historyWorkspace(_ body: (TempWorkspace) throws -> Void) throws {
        try TempWorkspace.with { workspace in
            try workspace.gitInit()
            try workspace.write(".gitattributes", "* -text\n")
            try workspace.write("prompts/sentiment/v3.txt", "one\nrule\n")
            try workspace.commit("v3", at: "2026-07-01T00:00:00Z")
            try workspace.write("prompts/sentiment/v3.txt", "one\r\nrule\r\n")
            try workspace.commit("CRLF line ends, same text", at: "2026-07-05T00:00:00Z")
            try workspace.write("prompts/sentiment/v3.txt", "two\r\nrule\r\n")
            try workspace.commit("second text", at: "2026-08-01T00:00:00Z", authoredAt: "2026-07-10T00:00:00Z")
            try workspace.git(["mv", "prompts/sentiment/v3.txt", "prompts/sentiment/v3.md"])
            try workspace.commit("markdown", at: "2026-08-15T00:00:00Z")
            try workspace.write("prompts/sentiment/v3.md", "three\nrule\n")
            try workspace.commit("third text", at: "2026-09-01T00:00:00Z")
            try workspace.initWorkspace()
            try workspace.write("labels.jsonl", LabelLines.file([
                LabelLines.llm(inputID: "before", version: "v3", createdAt: "2026-06-15T00:00:00Z"),
                LabelLines.llm(inputID: "one-a", version: "v3", createdAt: "2026-07-01T00:00:00Z"),
                LabelLines.llm(inputID: "one-b", version: "v3", createdAt: "2026-07-20T00:00:00Z"),
                LabelLines.llm(inputID: "one-c", version: "v3", createdAt: "2026-08-01T01:30:00+02:00"),
                LabelLines.llm(inputID: "two-a", version: "v3", createdAt: "2026-08-20T00:00:00Z"),
                LabelLines.llm(inputID: "three", version: "v3", createdAt: "2026-10-01T00:00:00Z"),
            ]))
            try workspace.curateSucceeds(["ingest", "labels.jsonl"])
            try body(workspace)
        }
    }

    /// Each label's input id, hash status and prompt hash prefix, from the store.
    static func placements(_ workspace: TempWorkspace) throws -> String {
        try workspace.sqlite("""
            SELECT l.input_id, t.hash_status, ifnull(substr(p.sha256, 1, 12), '-') FROM labels l
            JOIN tuples t ON t.id = l.tuple_id JOIN prompts p ON p.id = t.prompt_id ORDER BY l.created_at;
            """)
    }

    @Test("an ambiguous label is placed by the text in effect at its created_at; the label before the first commit is left")
    func backfill() throws {
        try Self.historyWorkspace { workspace in
            let before = try Self.placements(workspace)
            #expect(before.split(separator: "\n").allSatisfy { $0.contains("|ambiguous|-") }, "three texts in history make v3 ambiguous:\n\(before)")

            let dryRun = try workspace.curate(["backfill", "--from-git", "--dry-run"])
            #expect(dryRun.status == 0, "\(dryRun)")
            Snapshot.expect(dryRun.out, matches: "backfill-dry-run.txt")
            #expect(try Self.placements(workspace) == before, "a dry run changes nothing")

            let result = try workspace.curate(["backfill", "--from-git"])
            #expect(result.status == 0, "\(result)")
            Snapshot.expect(result.out, matches: "backfill.txt")
            let after = try Self.placements(workspace).split(separator: "\n").map(String.init)
            #expect(after[0].hasPrefix("before|ambiguous|-"))
            #expect(after[1...3].allSatisfy { $0.contains("|inferred-git|") })
            #expect(Set(after[1...3].map { $0.suffix(12) }).count == 1, "CRLF and LF commits of one text are one era")
            #expect(after[4].contains("|inferred-git|") && after[4].suffix(12) != after[1].suffix(12))
            #expect(after[5].contains("|inferred-git|") && after[5].suffix(12) != after[4].suffix(12))

            let again = try workspace.curate(["backfill", "--from-git"])
            #expect(again.status == 0, "\(again)")
            #expect(try Self.placements(workspace).split(separator: "\n").map(String.init) == after, "running it again changes nothing")
            #expect(again.out.contains("assigned 0 labels"), "\(again)")
        }
    }

    @Test("without git, or outside a git repository, backfill says so and exits 2")
    func needsGit() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let notARepository = try workspace.curate(["backfill", "--from-git"])
            #expect(notARepository.status == 2, "\(notARepository)")
            #expect(notARepository.err.contains("not inside a git repository"), "\(notARepository)")

            try workspace.makeFolder("empty-path")
            let noGit = try workspace.curate(["backfill", "--from-git"], environment: ["PATH": workspace.path("empty-path"), "CURATE_GIT": ""])
            #expect(noGit.status == 2, "\(noGit)")
            #expect(noGit.err.contains("git is not installed"), "\(noGit)")
        }
    }

    @Test("--from-git is required")
    func fromGitRequired() throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let result = try workspace.curate(["backfill"])
            #expect(result.status == 2, "\(result)")
            #expect(result.err.contains("--from-git"), "\(result)")
        }
    }

    @Test("--json gives the assigned and left counts and each era with its labels; a second run has nothing to do")
    func json() throws {
        try Self.historyWorkspace { workspace in
            func object(_ arguments: [String]) throws -> [String: Any] {
                let result = try workspace.curateSucceeds(["backfill", "--from-git", "--json"] + arguments)
                return try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result)")
            }
            let dry = try object(["--dry-run"])
            #expect(dry["dry_run"] as? Bool == true && dry["assigned"] as? Int == 5 && dry["left"] as? Int == 1)
            let version = try #require((dry["versions"] as? [[String: Any]])?.first)
            #expect(version["prompt"] as? String == "sentiment@v3")
            let eras = try #require(version["eras"] as? [[String: Any]])
            #expect(eras.compactMap { $0["labels"] as? Int }.reduce(0, +) == 5)
            #expect((version["left"] as? [String: Int])?["before_first_commit"] == 1)
            let applied = try object([])
            #expect(applied["dry_run"] as? Bool == false && applied["assigned"] as? Int == 5)
            let again = try object([])
            #expect(again["assigned"] as? Int == 0)
        }
    }
}
