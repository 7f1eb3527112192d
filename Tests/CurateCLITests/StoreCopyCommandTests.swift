import Foundation
import Testing

/// `curate store copy FROM TO`: a whole store into a new, empty one, losing nothing.
@Suite("curate store copy")
struct StoreCopyCommandTests {
    static let clock = ["SOURCE_DATE_EPOCH": "1793491200"]  // 2026-11-01T00:00:00Z

    /// A workspace whose store has two ingests (one of them the same file twice, so it holds
    /// stored batches), a flag and a retraction; and an empty store `copy.sqlite` beside it.
    static func workspace(_ workspace: TempWorkspace) throws {
        try RetractCommandTests.workspace(workspace)
        try workspace.copyFixture("labels-small.jsonl")
        try workspace.curateSucceeds(["ingest", "labels-small.jsonl", "a.jsonl"], environment: clock)
        try workspace.curateSucceeds(["flag", "run", "run-1", "--reason", "rate limited"], environment: clock)
        try workspace.curateSucceeds(["retract", "ingest", "2", "--reason", "wrong file"], environment: clock)
        try workspace.curateSucceeds(["init", "--store", "copy.sqlite"])
    }

    /// The bytes of every data file of `datasets/NAME`, by path.
    static func dataFiles(_ workspace: TempWorkspace, _ dataset: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for file in try workspace.manifestFiles(dataset) {
            let path = try #require(file["path"] as? String)
            files[path] = try workspace.read("datasets/\(dataset)/\(path)")
        }
        return files
    }

    /// The `store` member of `datasets/NAME/manifest.json`: the store's state when it was exported.
    static func manifestStore(_ workspace: TempWorkspace, _ dataset: String) throws -> NSDictionary? {
        let manifest = try JSONSerialization.jsonObject(with: workspace.read("datasets/\(dataset)/manifest.json")) as? [String: Any]
        return manifest?["store"] as? NSDictionary
    }

    @Test("the copy exports the same data files and store state, passes check, and lists the same flags and retractions")
    func copyExportsTheSame() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            let copied = try workspace.curate(["store", "copy", ".curate/store.sqlite", "copy.sqlite"])
            #expect(copied.status == 0, "\(copied)")
            #expect(copied.out.hasPrefix("copied \(workspace.path(".curate/store.sqlite"))\n    to \(workspace.path("copy.sqlite"))\n"), "\(copied)")
            #expect(copied.out.contains("flags: 1, retractions: 1 (2 labels)"), "\(copied)")

            for options in [["--split", "train=0.5,test=0.5"], ["--resolve", "all", "--include-flagged", "--format", "csv"]] {
                try workspace.curateSucceeds(["export", "original", "--force"] + options, environment: Self.clock)
                try workspace.curateSucceeds(["export", "copy", "--force", "--store", "copy.sqlite"] + options, environment: Self.clock)
                let original = try Self.dataFiles(workspace, "original")
                #expect(!original.isEmpty)
                #expect(try Self.dataFiles(workspace, "copy") == original)
                let state = try #require(try Self.manifestStore(workspace, "original"))
                #expect(try Self.manifestStore(workspace, "copy") == state)
            }
            let check = try workspace.curate(["check", "--store", "copy.sqlite"])
            #expect(check.status == 0, "\(check)")
            #expect(check.out.contains("labels: 16, every content hash matches"), "\(check)")
            for listing in [["flags", "--json"], ["retractions", "--json"], ["stats", "--json"], ["prompts", "--json"]] {
                let original = try workspace.curateSucceeds(listing)
                #expect(try workspace.curateSucceeds(listing + ["--store", "copy.sqlite"]).out == original.out, "\(listing)")
            }
        }
    }

    @Test("ingest numbers go on where the original's stopped, and name the same labels on both sides")
    func ingestNumbersCarryOver() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            try workspace.curateSucceeds(["store", "copy", ".curate/store.sqlite", "copy.sqlite"])
            try workspace.write("c.jsonl", LabelLines.file([RetractCommandTests.line("in-9", "run-d", id: "rec-d9")]))
            let ingest = try workspace.curateSucceeds(["ingest", "c.jsonl", "--store", "copy.sqlite"])
            #expect(ingest.out.contains("\nlogged as ingest 4\n"), "\(ingest)")
            let again = try workspace.curate(["retract", "ingest", "1", "--reason", "r", "--json", "--store", "copy.sqlite"], environment: Self.clock)
            #expect(try RetractCommandTests.object(again)["retracted"] as? Int == 4, "\(again)")
        }
    }

    @Test("--json reports the rows copied by kind and the copy's state, which is the original's")
    func json() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            let output = try workspace.curate(["store", "copy", workspace.path(".curate/store.sqlite"), "copy.sqlite", "--json"])
            let summary = try RetractCommandTests.object(output)
            #expect(summary["from"] as? String == workspace.path(".curate/store.sqlite"))
            #expect(summary["to"] as? String == workspace.path("copy.sqlite"))
            let copied = try #require(summary["copied"] as? [String: Int])
            #expect(copied == [
                "ingests": 3, "prompts": 6, "tuples": 7, "labels": 16, "tuple_counts": 7, "flags": 1, "retractions": 1,
                "retracted_labels": 2, "stored_batches": 8,
            ])
            try workspace.curateSucceeds(["export", "original"], environment: Self.clock)
            #expect(NSDictionary(dictionary: try #require(summary["state"] as? [String: Any])) == (try Self.manifestStore(workspace, "original")))
        }
    }

    @Test("a target that holds anything is refused, naming it, and is left as it was", arguments: [["ingest", "labels-small.jsonl"], ["flag", "output", "positive", "--reason", "r"]])
    func nonEmptyTarget(_ command: [String]) throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            try workspace.curateSucceeds(command + ["--store", "copy.sqlite"])
            let before = try workspace.dump(store: "copy.sqlite")
            let refused = try workspace.curate(["store", "copy", ".curate/store.sqlite", "copy.sqlite"])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.err.contains("the store \(workspace.path("copy.sqlite")) is not empty"), "\(refused)")
            #expect(refused.err.contains("nothing was copied"), "\(refused)")
            #expect(refused.out.isEmpty)
            #expect(try workspace.dump(store: "copy.sqlite") == before)
        }
    }

    @Test("a missing target is refused, saying to make it with curate init --store, and is not made")
    func missingTarget() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            let refused = try workspace.curate(["store", "copy", ".curate/store.sqlite", "new.sqlite"])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.err.contains("no store at \(workspace.path("new.sqlite")) to copy into"), "\(refused)")
            #expect(refused.err.contains("'curate init --store \(workspace.path("new.sqlite"))'"), "\(refused)")
            #expect(!workspace.exists("new.sqlite"))
        }
    }

    @Test("a missing source, or the same store twice, is refused with exit 2")
    func badSource() throws {
        try TempWorkspace.with { workspace in
            try Self.workspace(workspace)
            let missing = try workspace.curate(["store", "copy", "nothing.sqlite", "copy.sqlite"])
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.err.contains("no store at \(workspace.path("nothing.sqlite"))"), "\(missing)")
            let same = try workspace.curate(["store", "copy", "copy.sqlite", "./copy.sqlite"])
            #expect(same.status == 2, "\(same)")
            #expect(same.err.contains("cannot copy the store \(workspace.path("copy.sqlite")) onto itself"), "\(same)")
        }
    }

    @Test("a password in a PostgreSQL URL that cannot be reached is never printed", arguments: [["from"], ["to"]])
    func passwordNeverPrinted(_ side: [String]) throws {
        try TempWorkspace.with { workspace in
            try workspace.initWorkspace()
            let url = "postgresql://ann:s3cret-pw@127.0.0.1:1/curate"
            let stores = side == ["from"] ? [url, TempWorkspace.store] : [TempWorkspace.store, url]
            let failed = try workspace.curate(["store", "copy"] + stores)
            #expect(failed.status == 3, "\(failed)")
            #expect(failed.err.contains("postgresql://ann:***@127.0.0.1:1/curate"), "\(failed)")
            #expect(!failed.err.contains("s3cret") && !failed.out.contains("s3cret"), "\(failed)")
        }
    }
}
