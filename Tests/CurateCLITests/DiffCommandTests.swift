import Foundation
import Testing

/// `curate diff A B`: text and JSON, exit 0 same, 1 different, 2 error.
@Suite("curate diff")
struct DiffCommandTests {
    static let first = ["SOURCE_DATE_EPOCH": "1793491200"]  // 2026-11-01T00:00:00Z
    static let second = ["SOURCE_DATE_EPOCH": "1793577600"]  // 2026-11-02T00:00:00Z

    /// A workspace with the export fixture ingested and `datasets/all` (every label) and
    /// `datasets/clean` (without sentiment@v1) exported at different times.
    func twoExports(_ workspace: TempWorkspace) throws {
        try workspace.exportFixture()
        try workspace.curateSucceeds(["export", "all"], environment: Self.first)
        try workspace.curateSucceeds(["export", "clean", "--exclude-prompt", "sentiment@v1"], environment: Self.second)
    }

    /// `text` with every RFC 3339 time replaced by `<TIME>` and curate's version by `<VERSION>`.
    static func scrub(_ text: String) -> String {
        text.replacing(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z/, with: "<TIME>")
            .replacing(/by curate \d+\.\d+\.\d+/, with: "by curate <VERSION>")
            .replacing(/"version": "\d+\.\d+\.\d+"/, with: "\"version\": \"<VERSION>\"")
    }

    @Test("two exports with the same rules at different times: exit 0, the times shown")
    func same() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "a"], environment: Self.first)
            try workspace.curateSucceeds(["export", "b"], environment: Self.second)
            let result = try workspace.curate(["diff", "datasets/a", "datasets/b"])
            #expect(result.status == 0, "\(result)")
            #expect(result.out.contains("created 2026-11-01 00:00:00Z") && result.out.contains("created 2026-11-02 00:00:00Z"), "\(result)")
            // The card and croissant.json differ by the dataset's name: said, and not counted.
            #expect(result.out.hasSuffix("""
                result: same (name, created_at, metadata files differ, ignored)

                metadata files (made from the manifest; not counted): 2 changed
                  file            content
                  README.md       sha256 changed
                  croissant.json  sha256 changed

                """), "\(result)")
            #expect(result.err.isEmpty)
            let json = try workspace.curate(["diff", "a", "b/manifest.json", "--json"], in: "datasets")
            #expect(json.status == 0, "\(json)")
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(object["same"] as? Bool == true)
            #expect(object["ignored"] as? [String] == ["name", "created_at", "metadata files"])
            let card = try #require((object["metadata_files"] as? [[String: Any]])?.first)
            #expect(card["path"] as? String == "README.md" && card["change"] as? String == "changed")
            #expect(card["before_sha256"] as? String != card["after_sha256"] as? String)
        }
    }

    @Test("different datasets: exit 1 and the golden text")
    func differentText() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            let result = try workspace.curate(["diff", "datasets/all", "datasets/clean"])
            #expect(result.status == 1, "\(result)")
            #expect(result.err.isEmpty, "\(result)")
            Snapshot.expect(Self.scrub(result.out), matches: "diff-clean.txt")
        }
    }

    @Test("--json: exit 1, sorted keys, every part; the golden JSON")
    func differentJSON() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            let result = try workspace.curate(["diff", "all", "clean", "--json", "--examples", "2"])
            #expect(result.status == 1, "\(result)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(Set(object.keys) == [
                "after", "before", "differences", "files", "flags", "ignored", "labels", "metadata_files", "provenance", "records", "retractions", "same",
            "selection",
            ])
            #expect(object["same"] as? Bool == false)
            let records = try #require(object["records"] as? [String: Any])
            #expect(Set(records.keys) == ["added", "removed", "relabeled", "replaced", "unchanged", "digest_changed", "examples"])
            #expect((records["examples"] as? [Any])?.count ?? 0 <= 8)
            Snapshot.expect(Self.scrub(result.out), matches: "diff-clean.json")
        }
    }

    @Test("--examples 0 shows none; a negative count is a usage error (exit 2)")
    func examples() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            let none = try workspace.curate(["diff", "all", "clean", "--examples", "0"])
            #expect(none.status == 1, "\(none)")
            #expect(!none.out.contains("examples:") && none.out.contains("removed"), "\(none)")
            let bad = try workspace.curate(["diff", "all", "clean", "--examples", "-1"])
            #expect(bad.status == 2, "\(bad)")
            #expect(bad.err.contains("--examples"), "\(bad)")
        }
    }

    @Test("errors exit 2 with one sentence: no dataset, not a manifest, another format, a bad revision, one argument")
    func errors() throws {
        try TempWorkspace.with { workspace in
            try twoExports(workspace)
            let missing = try workspace.curate(["diff", "all", "nope"])
            #expect(missing.status == 2 && missing.err.contains("no dataset at"), "\(missing)")
            try workspace.write("not.json", "[]")
            let notManifest = try workspace.curate(["diff", "all", "not.json"])
            #expect(notManifest.status == 2 && notManifest.err.contains("is not a curate manifest"), "\(notManifest)")
            try workspace.write("future/manifest.json", "{\"format\": \"curate.manifest/2\"}")
            let future = try workspace.curate(["diff", "future", "all"])
            #expect(future.status == 2 && future.err.contains("curate.manifest/2"), "\(future)")
            try workspace.write("datasets/clean/data/train-00000-of-00002.jsonl", "not json\n")
            let badRow = try workspace.curate(["diff", "all", "clean"])
            #expect(
                badRow.status == 2 && badRow.err.contains("clean does not match its manifest (data/train-00000-of-00002.jsonl: sha256 is "),
                "\(badRow)")
            let revision = try workspace.curate(["diff", "all", "HEAD:datasets/all"])
            #expect(revision.status == 2 && revision.err.contains("git"), "\(revision)")
            #expect(try workspace.curate(["diff", "all"]).status == 2)
            #expect(missing.out.isEmpty)
        }
    }

    @Test("REV:PATH reads a dataset from git: against the work tree, between commits, and a missing revision")
    func git() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "d"], environment: Self.first)
            try workspace.diffGit(["init", "-q"])
            try workspace.diffGit(["add", "-A"])
            try workspace.diffGit(["commit", "-qm", "all labels"])
            try workspace.curateSucceeds(["export", "d", "--force", "--exclude-prompt", "sentiment@v1"], environment: Self.second)
            try workspace.diffGit(["commit", "-qam", "without sentiment@v1"])

            let back = try workspace.curate(["diff", "datasets/d", "HEAD~1:datasets/d"])
            #expect(back.status == 1, "\(back)")
            #expect(back.out.contains("after:  HEAD~1:datasets/d (d, "), "\(back)")
            let commits = try workspace.curate(["diff", "HEAD~1:datasets/d", "HEAD:datasets/d/manifest.json", "--json"])
            #expect(commits.status == 1, "\(commits)")
            let head = try workspace.curate(["diff", "HEAD:d", "d"], in: "datasets")
            #expect(head.status == 0, "\(head)")
            let unknown = try workspace.curate(["diff", "v9:datasets/d", "datasets/d"])
            #expect(unknown.status == 2 && unknown.err.contains("\"v9\" is not a git revision"), "\(unknown)")
            let absent = try workspace.curate(["diff", "HEAD~1:datasets/other", "datasets/d"])
            #expect(absent.status == 2 && absent.err.contains("revision HEAD~1 has no datasets/other"), "\(absent)")
        }
    }

    @Test("help lists the exit codes and examples")
    func help() throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["diff", "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Exit codes: 0") && result.out.contains("curate diff datasets/clean HEAD~1:datasets/clean"), "\(result)")
        }
    }
}

extension TempWorkspace {
    /// Runs git in the workspace, with the user's configuration kept out; throws unless it succeeds.
    func diffGit(_ arguments: [String]) throws {
        let environment = CurateRunner.environment([
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        ])
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: root, environment: environment)
        guard result.status == 0, !result.killedBySignal else { throw SetupFailure(step: "git \(arguments.joined(separator: " "))", output: result) }
    }
}
