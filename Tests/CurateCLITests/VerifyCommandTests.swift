import Foundation
import Testing

/// `curate verify`: checksums and counts against the manifest; exit 0, 1 or 2.
@Suite("curate verify")
struct VerifyCommandTests {
    /// A workspace with `datasets/v` exported in `format`, split in two.
    func exported(_ workspace: TempWorkspace, format: String = "jsonl") throws {
        try workspace.exportFixture()
        try workspace.curateSucceeds(["export", "v", "--split", "train=0.5,test=0.5", "--format", format])
    }

    @Test("an intact dataset verifies by name, by folder and by manifest path", arguments: ["jsonl", "csv"])
    func intact(_ format: String) throws {
        try TempWorkspace.with { workspace in
            try exported(workspace, format: format)
            for target in ["v", "datasets/v", "datasets/v/manifest.json", workspace.path("datasets/v")] {
                let result = try workspace.curate(["verify", target])
                #expect(result.status == 0, "\(target): \(result)")
                #expect(result.out.hasPrefix("ok: v: 4 data files, README.md, croissant.json and 11 records match manifest.json\n"), "\(result)")
            }
            try workspace.makeFolder("prompts/deep")
            #expect(try workspace.curate(["verify", "v"], in: "prompts/deep").status == 0)
        }
    }

    @Test("a changed data file exits 1 and is named on stdout")
    func changedFile() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            let train = try workspace.dataFile("v", task: "sentiment")
            #expect(train == "datasets/v/data/train-00001-of-00002.jsonl")
            try workspace.write(train, try workspace.read(train).dropLast())
            let result = try workspace.curate(["verify", "v"])
            #expect(result.status == 1, "\(result)")
            #expect(result.out.contains("data/train-00001-of-00002.jsonl: sha256 is "), "\(result)")
            #expect(!result.out.contains("test-"), "\(result)")
            #expect(result.err.contains("does not match"), "\(result)")
        }
    }

    @Test("a removed file or a changed record sidecar exits 1 naming it")
    func missingFile() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            try FileManager.default.removeItem(at: workspace.url(try workspace.dataFile("v", split: "test", task: "intent")))
            try workspace.write("datasets/v/records.ids", "{}\n")
            let result = try workspace.curate(["verify", "datasets/v"])
            #expect(result.status == 1, "\(result)")
            #expect(result.out.contains("data/test-00000-of-00002.jsonl: missing"), "\(result)")
            #expect(result.out.contains("records.ids: 1 records, the manifest says"), "\(result)")
        }
    }

    @Test("an edited or removed dataset card exits 1 naming README.md, like a data file")
    func card() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            let card = try workspace.text("datasets/v/README.md")
            try workspace.write("datasets/v/README.md", card.replacingOccurrences(of: "# v\n", with: "# v (edited)\n"))
            let edited = try workspace.curate(["verify", "v"])
            #expect(edited.status == 1, "\(edited)")
            #expect(edited.out.contains("README.md: sha256 is "), "\(edited)")
            #expect(edited.out.split(separator: "\n").count == 1, "\(edited)")

            try FileManager.default.removeItem(at: workspace.url("datasets/v/README.md"))
            let removed = try workspace.curate(["verify", "v", "--json"])
            #expect(removed.status == 1, "\(removed)")
            let report = try JSONSerialization.jsonObject(with: Data(removed.out.utf8)) as? [String: Any]
            let problems = report?["problems"] as? [[String: Any]]
            #expect(problems?.map { "\($0["path"] ?? "") \($0["kind"] ?? "")" } == ["README.md missing"], "\(removed)")
            #expect(report?["metadata_files"] as? Int == 2, "\(removed)")
        }
    }

    @Test("a dataset of the older flat layout (SPLIT.jsonl, records.jsonl, split all, no card) still verifies and diffs")
    func olderLayout() throws {
        try TempWorkspace.with { workspace in
            try workspace.exportFixture()
            try workspace.curateSucceeds(["export", "new", "--task", "sentiment"])
            try workspace.makeOlderLayout(from: "new", to: "old")
            #expect(workspace.listing("datasets/old") == ["all.jsonl", "manifest.json", "records.jsonl"])
            let verify = try workspace.curate(["verify", "old"])
            #expect(verify.status == 0, "\(verify)")
            #expect(verify.out == "ok: old: 1 data file and 7 records match manifest.json\n", "\(verify)")
            let diff = try workspace.curate(["diff", "old", "new"])
            #expect(diff.status == 1, "\(diff)")
            #expect(diff.out.contains("result: different (selection, files)"), "\(diff)")
            #expect(!diff.out.contains("records:"), "the same records, read from either layout: \(diff)")
            #expect(diff.out.contains("metadata files (made from the manifest; not counted): 2 added"), "\(diff)")
            try workspace.write("datasets/old/all.jsonl", "{}\n")
            let changed = try workspace.curate(["verify", "old"])
            #expect(changed.status == 1 && changed.out.contains("all.jsonl: sha256 is "), "\(changed)")
        }
    }

    @Test("no dataset, or a manifest that is not one, exits 2")
    func notADataset() throws {
        try TempWorkspace.with { workspace in
            try exported(workspace)
            let missing = try workspace.curate(["verify", "nope"])
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.err.contains("no dataset manifest"), "\(missing)")
            try workspace.write("datasets/v/manifest.json", "{\"format\": \"curate.manifest/9\"}")
            let foreign = try workspace.curate(["verify", "v"])
            #expect(foreign.status == 2, "\(foreign)")
            #expect(foreign.err.contains("curate.manifest/1"), "\(foreign)")
            #expect(try workspace.curate(["verify"]).status == 2)
        }
    }

    @Test("help lists the exit codes")
    func help() throws {
        try TempWorkspace.with { workspace in
            let result = try workspace.curate(["verify", "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Exit codes: 0") && result.out.contains("Examples:"))
        }
    }
}
